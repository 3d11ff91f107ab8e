import type { Node, Scalar, YAMLSeq } from 'yaml';
import { yaml } from '../util/yaml.js';
import { pointerSegments } from '../core/pointer.js';
import type { Fix } from '../core/types.js';

interface SkippedFix {
  fix: Fix;
  /** Why the fix was not applied, in words. */
  reason: string;
}

export interface FixOutcome {
  /** The text with every applied fix spliced in; identical to the input when none applied. */
  text: string;
  /** The fixes that were applied (the same objects as given). */
  applied: Fix[];
  skipped: SkippedFix[];
}

interface Splice {
  start: number;
  end: number;
  replacement: string;
  fix: Fix;
}

const PARSE_OPTIONS = { uniqueKeys: true, prettyErrors: false } as const;

/** The scalar node a JSON pointer designates exactly (no fallback to an ancestor), if any. */
function scalarAt(contents: Node | null, pointer: string): Scalar | undefined {
  let node: unknown = contents;
  for (const segment of pointerSegments(pointer)) {
    if (yaml().isMap(node)) {
      const pair = node.items.find((p) => (yaml().isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
      node = pair?.value;
    } else if (yaml().isSeq(node)) {
      if (!/^\d+$/.test(segment)) return undefined;
      const item: unknown = node.items[Number(segment)];
      node = yaml().isPair(item) ? item.value : item;
    } else {
      return undefined;
    }
  }
  return yaml().isScalar(node) ? node : undefined;
}

function firstDocumentContents(text: string): { contents: Node | null; ok: boolean } {
  const docs = yaml().parseAllDocuments(text, PARSE_OPTIONS);
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (!doc || doc.errors.length) return { contents: null, ok: false };
  return { contents: doc.contents as Node | null, ok: true };
}

/** Characters that may start or appear in a plain scalar in block and flow context alike. */
function looksPlainSafe(value: string): boolean {
  if (value === '' || value !== value.trim() || /[\n\r\t]/.test(value)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return false;
  if (/: |:$| #|[,[\]{}]/.test(value)) return false;
  return true;
}

function doubleQuoted(value: string): string {
  // JSON escapes are valid YAML double-quoted escapes.
  return JSON.stringify(value);
}

function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The source texts to try for `value` in the place of `node`, keeping its quoting style first. */
function candidates(node: Scalar, value: Fix['value']): string[] {
  if (Array.isArray(value)) return [];
  if (typeof value !== 'string') return node.type === 'PLAIN' ? [String(value)] : [];
  switch (node.type) {
    case 'PLAIN':
      return looksPlainSafe(value) ? [value, doubleQuoted(value)] : [doubleQuoted(value)];
    case 'QUOTE_DOUBLE':
      return [doubleQuoted(value)];
    case 'QUOTE_SINGLE':
      // A line break would fold inside single quotes; only double quotes can escape it.
      return /[\n\r]/.test(value) ? [doubleQuoted(value)] : [singleQuoted(value)];
    default:
      return [];
  }
}

/** Whether `text` parses cleanly and holds exactly `value` at `pointer`. */
function holds(text: string, pointer: string, value: Fix['value']): boolean {
  const { contents, ok } = firstDocumentContents(text);
  if (!ok) return false;
  if (Array.isArray(value)) {
    const node = nodeAt(contents, pointer);
    return (
      yaml().isSeq(node) &&
      node.items.length === value.length &&
      node.items.every((item, i) => yaml().isScalar(item) && item.value === value[i])
    );
  }
  return scalarAt(contents, pointer)?.value === value;
}

/** The node a JSON pointer designates exactly, if any. */
function nodeAt(contents: Node | null, pointer: string): unknown {
  let node: unknown = contents;
  for (const segment of pointerSegments(pointer)) {
    if (yaml().isMap(node))
      node = node.items.find((p) => (yaml().isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment)?.value;
    else if (yaml().isSeq(node) && /^\d+$/.test(segment)) node = node.items[Number(segment)];
    else return undefined;
  }
  return node;
}

/** A value as a flow scalar or flow sequence that reads back as itself. */
function flowText(value: Fix['value']): string {
  const scalar = (v: string | number | boolean) => (typeof v !== 'string' ? String(v) : looksPlainSafe(v) ? v : doubleQuoted(v));
  return Array.isArray(value) ? `[${value.map(scalar).join(', ')}]` : scalar(value as string | number | boolean);
}

/**
 * The splice that adds a key at the end of a block mapping, on a line of its own indented as the
 * mapping's first key, e.g. `covers: [content]` under a licence. Undefined when it cannot be done safely.
 */
function insertion(text: string, contents: Node | null, fix: Fix): { start: number; end: number; replacement: string } | undefined {
  const segments = pointerSegments(fix.path);
  const key = segments.pop();
  const parentPointer = segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  const parent = nodeAt(contents, parentPointer);
  if (key === undefined || !yaml().isMap(parent) || parent.flow || !parent.items.length) return undefined;
  if (parent.items.some((p) => (yaml().isScalar(p.key) ? String(p.key.value) : String(p.key)) === key)) return undefined;
  const first = parent.items[0]!.key;
  const last = parent.items[parent.items.length - 1]!;
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node | null)?.range?.[1];
  if (!yaml().isScalar(first) || !first.range || lastEnd === undefined || !/^[A-Za-z_][\w-]*$/.test(key)) return undefined;
  const column = first.range[0] - (text.lastIndexOf('\n', first.range[0] - 1) + 1);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lineEnd = text[lastEnd - 1] === '\n' ? lastEnd : text.indexOf('\n', lastEnd);
  const at = lineEnd < 0 ? text.length : text[lineEnd - 1] === '\n' ? lineEnd : lineEnd + 1;
  const line = `${' '.repeat(column)}${key}: ${flowText(fix.value)}${newline}`;
  return { start: at, end: at, replacement: lineEnd < 0 ? `${newline}${line}` : line };
}

/** Whether a splice would touch text another one already changes (a removed line holds the value another fix edits). */
function overlaps(splices: readonly Splice[], range: { start: number; end: number }): boolean {
  return splices.some((s) => s.start === range.start || (range.start < s.end && s.start < range.end));
}

/** The sequence and the index a pointer to a sequence item names. */
function itemOf(contents: Node | null, pointer: string): { seq: YAMLSeq; index: number } | undefined {
  const at = pointer.lastIndexOf('/');
  const index = pointer.slice(at + 1);
  const seq = nodeAt(contents, pointer.slice(0, at));
  return yaml().isSeq(seq) && /^\d+$/.test(index) && Number(index) < seq.items.length ? { seq, index: Number(index) } : undefined;
}

/**
 * The splice that removes a sequence item: its whole line in a block sequence (the item alone on its
 * `- ` line), or the item and one comma in a flow sequence. Undefined when that cannot be done safely.
 */
function removal(text: string, contents: Node | null, fix: Fix): { start: number; end: number } | undefined {
  const found = itemOf(contents, fix.path);
  if (!found || found.seq.items.length < 2) return undefined;
  const { seq, index } = found;
  const range = (seq.items[index] as Node | null)?.range;
  if (!range || !yaml().isScalar(seq.items[index])) return undefined;
  if (seq.flow) {
    const next = (seq.items[index + 1] as Node | null)?.range;
    const previous = (seq.items[index - 1] as Node | null)?.range;
    if (next) return { start: range[0], end: next[0] };
    return previous ? { start: previous[1], end: range[1] } : undefined;
  }
  const lineStart = text.lastIndexOf('\n', range[0] - 1) + 1;
  const lineEnd = text.indexOf('\n', range[1]);
  const end = lineEnd < 0 ? text.length : lineEnd + 1;
  // Only "- item" (and a comment) on its line: anything else shares the line and stays.
  if (!/^[ ]*-[ ]+$/.test(text.slice(lineStart, range[0])) || !/^[ \t]*(#.*)?\r?\n?$/.test(text.slice(range[1], end))) return undefined;
  return { start: lineStart, end };
}

/** Whether `text` parses cleanly and the sequence of `pointer` is that of `original` without the item. */
function removed(text: string, original: Node | null, pointer: string): boolean {
  const { contents, ok } = firstDocumentContents(text);
  const before = itemOf(original, pointer);
  const at = pointer.lastIndexOf('/');
  const after = nodeAt(contents, pointer.slice(0, at));
  if (!ok || !before || !yaml().isSeq(after)) return false;
  const expected = before.seq.items.filter((_, i) => i !== before.index).map((item) => (yaml().isScalar(item) ? item.value : undefined));
  return after.items.length === expected.length && after.items.every((item, i) => yaml().isScalar(item) && item.value === expected[i]);
}

/**
 * Applies fixes to YAML source text by replacing only the characters of each target scalar's value,
 * so comments, blank lines, key order and flow/block style stay byte-for-byte as written. Pure: no I/O.
 *
 * A fix is skipped when its target is not a scalar of the first document, is a block scalar, already
 * holds the value, or shares its target with an earlier fix (the next validation proposes it again on
 * the updated value). Each splice is checked by re-parsing before it is accepted.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): FixOutcome {
  const skipped: SkippedFix[] = [];
  const { contents, ok } = firstDocumentContents(text);
  if (!ok) {
    return { text, applied: [], skipped: fixes.map((fix) => ({ fix, reason: 'the file does not parse cleanly' })) };
  }
  const splices: Splice[] = [];
  const claimed = new Set<number>();
  for (const fix of fixes) {
    if (fix.remove) {
      const splice = removal(text, contents, fix);
      if (!splice || overlaps(splices, splice) || !removed(text.slice(0, splice.start) + text.slice(splice.end), contents, fix.path)) {
        skipped.push({ fix, reason: 'the item cannot be removed in place safely' });
        continue;
      }
      claimed.add(splice.start);
      splices.push({ ...splice, replacement: '', fix });
      continue;
    }
    if (fix.insert) {
      const splice = insertion(text, contents, fix);
      if (
        !splice ||
        claimed.has(splice.start) ||
        overlaps(splices, splice) ||
        !holds(text.slice(0, splice.start) + splice.replacement + text.slice(splice.end), fix.path, fix.value)
      ) {
        skipped.push({
          fix,
          reason: splice ? 'the key cannot be added in place safely' : `no block mapping without the key at ${fix.path}`,
        });
        continue;
      }
      claimed.add(splice.start);
      splices.push({ ...splice, fix });
      continue;
    }
    const node = scalarAt(contents, fix.path);
    const range = node?.range;
    if (!node || !range) {
      skipped.push({ fix, reason: `no scalar value at ${fix.path || '/'}` });
      continue;
    }
    if (claimed.has(range[0]) || overlaps(splices, { start: range[0], end: range[1] })) {
      skipped.push({ fix, reason: 'another fix already changes this value' });
      continue;
    }
    if (node.value === fix.value) {
      skipped.push({ fix, reason: 'the value is already as the fix would write it' });
      continue;
    }
    const [start, end] = range;
    const replacement = candidates(node, fix.value).find((source) =>
      holds(text.slice(0, start) + source + text.slice(end), fix.path, fix.value),
    );
    if (replacement === undefined) {
      skipped.push({
        fix,
        reason: node.type?.startsWith('BLOCK')
          ? 'block scalars are left for a person to edit'
          : 'the value cannot be written in place safely',
      });
      continue;
    }
    claimed.add(start);
    splices.push({ start, end, replacement, fix });
  }
  // From the end backwards, so earlier offsets stay valid.
  splices.sort((a, b) => b.start - a.start);
  let result = text;
  for (const splice of splices) result = result.slice(0, splice.start) + splice.replacement + result.slice(splice.end);
  const applied = fixes.filter((fix) => splices.some((s) => s.fix === fix));
  return { text: result, applied, skipped };
}
