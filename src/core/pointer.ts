/** JSON pointers (RFC 6901), the addresses rules report at and positions are looked up by. */

/** Decodes a JSON pointer ("/a/0/b") into its segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(base: string, ...segments: Array<string | number>): string {
  let pointer = base;
  for (const segment of segments) {
    const s = String(segment);
    // Most segments need no escaping; skipping the replacements matters on the per-file hot path.
    pointer += '/' + (s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s);
  }
  return pointer;
}
