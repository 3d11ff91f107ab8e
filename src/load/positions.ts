import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

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

export function spanOf(lineCounter: LineCounter, start: number, end: number): Span {
  const a = lineCounter.linePos(start);
  const b = lineCounter.linePos(Math.max(start, end));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

/** The pair of `map` whose key is `key`, comparing scalar keys by value. */
function findPair(map: Node, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === key);
}

export type Anchor = 'value' | 'key';

/**
 * The source span of the node a JSON pointer designates. With `anchor: 'key'` the span of the
 * mapping key is returned instead of its value (where an unknown key should be reported). A
 * pointer that leads nowhere (a missing key) resolves to its deepest existing ancestor's key.
 */
export function locate(doc: Document, lineCounter: LineCounter, pointer: string, anchor: Anchor = 'value'): Span {
  const segments = pointerSegments(pointer);
  let node: Node | null = doc.contents as Node | null;
  let keyNode: Node | null = null;
  for (const segment of segments) {
    if (!node) break;
    if (isMap(node)) {
      const pair = findPair(node, segment);
      if (!pair) break;
      keyNode = (pair.key as Node) ?? null;
      node = (pair.value as Node) ?? null;
      if (!node) { node = keyNode; break; }
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item || !/^\d+$/.test(segment)) break;
      keyNode = null;
      node = isPair(item) ? ((item.value as Node) ?? null) : item;
    } else {
      break;
    }
  }
  const target = anchor === 'key' && keyNode ? keyNode : node;
  const range = target?.range;
  if (range && segments.length === 0 && anchor === 'key') {
    // The whole document: point at where its content starts rather than spanning the file.
    const start = lineCounter.linePos(range[0]);
    return { line: start.line, column: start.col, endLine: start.line, endColumn: start.col };
  }
  if (!range) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return spanOf(lineCounter, range[0], range[1]);
}

/** The span of the key under which a pointer's node sits (or of the node itself at the root). */
export function locateKey(doc: Document, lineCounter: LineCounter, pointer: string): Span {
  return locate(doc, lineCounter, pointer, 'key');
}
