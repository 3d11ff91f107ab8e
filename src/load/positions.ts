import type { Document, Node } from 'yaml';
import { yaml } from '../util/yaml.js';
import { joinPointer } from '../core/pointer.js';

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Where each line of a text starts, for turning offsets into 1-based lines and columns. It has the shape of the yaml
 * package's LineCounter, so the parser can fill it too; being our own, a file the fast reader handles is placed
 * without loading that package.
 */
export class LineCounter {
  readonly lineStarts: number[] = [];

  /** Records that a line starts at `offset`; offsets come in ascending order. */
  addNewLine = (offset: number): number => this.lineStarts.push(offset);

  /** The 1-based line and column of `offset`; line 0 when no line has been recorded at or before it. */
  linePos = (offset: number): { line: number; col: number } => {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, col: 1 };
    if (low === 0) return { line: 0, col: offset };
    return { line: low, col: offset - starts[low - 1]! + 1 };
  };
}

export function spanOf(lineCounter: LineCounter, start: number, end: number): Span {
  const a = lineCounter.linePos(start);
  const b = lineCounter.linePos(Math.max(start, end));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

export type Anchor = 'value' | 'key';

/**
 * Source offsets of one node of a document: where its value starts and ends, then, for a mapping value,
 * where its key starts and ends. null: the node is empty (a sequence entry without a value).
 */
type NodeOffsets = readonly [number, number] | readonly [number, number, number, number] | null;

/**
 * JSON pointer → offsets of every node of a document that has a place in the source. A pointer into
 * data the source does not spell out (a merge key, what an alias expands to) is absent: `locateIn`
 * then falls back to its nearest ancestor.
 */
export type PositionTable = Map<string, NodeOffsets>;

/** Offsets of `value` under `key`: just the value's when the key is absent or spans the same text. */
function offsetsOf(value: Node, key: Node | null): NodeOffsets {
  const v = value.range!;
  const k = key?.range;
  return !k || (k[0] === v[0] && k[1] === v[1]) ? [v[0], v[1]] : [v[0], v[1], k[0], k[1]];
}

/** The position table of a composed document (see PositionTable), built in one walk of its syntax tree. */
export function positionsOf(doc: Document): PositionTable {
  const table: PositionTable = new Map();
  const root = doc.contents as Node | null;
  if (!root?.range) return table;
  table.set('', offsetsOf(root, null));
  const stack: Array<[string, Node]> = [['', root]];
  while (stack.length) {
    const [pointer, node] = stack.pop()!;
    if (yaml().isMap(node)) {
      for (const pair of node.items) {
        const key = (pair.key as Node | null) ?? null;
        const child = joinPointer(pointer, yaml().isScalar(key) ? String(key.value) : String(key));
        // A repeated key: the first one is where the pointer leads.
        if (table.has(child)) continue;
        const value = (pair.value as Node | null) ?? null;
        if (value?.range) {
          table.set(child, offsetsOf(value, key?.range ? key : null));
          stack.push([child, value]);
        } else if (key?.range) {
          // A key without a value: both spans are the key's.
          table.set(child, offsetsOf(key, null));
        }
      }
    } else if (yaml().isSeq(node)) {
      node.items.forEach((entry, index) => {
        const item = (yaml().isPair(entry) ? entry.value : entry) as Node | null;
        const child = joinPointer(pointer, index);
        if (item?.range) {
          table.set(child, offsetsOf(item, null));
          stack.push([child, item]);
        } else {
          table.set(child, null);
        }
      });
    }
  }
  return table;
}

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * The source span of the node a JSON pointer designates. With `anchor: 'key'` the span of the mapping
 * key is returned instead of its value (where an unknown key should be reported). A pointer that leads
 * nowhere (a missing key) resolves to its deepest existing ancestor.
 */
export function locateIn(table: PositionTable, lineCounter: LineCounter, pointer: string, anchor: Anchor = 'value'): Span {
  let found = table.get(pointer);
  let at = pointer;
  while (found === undefined && at !== '') {
    at = at.slice(0, at.lastIndexOf('/'));
    found = table.get(at);
  }
  if (!found) return START;
  if (pointer === '' && anchor === 'key') {
    // The whole document: point at where its content starts rather than spanning the file.
    const start = lineCounter.linePos(found[0]);
    return { line: start.line, column: start.col, endLine: start.line, endColumn: start.col };
  }
  return anchor === 'key' && found.length === 4 ? spanOf(lineCounter, found[2], found[3]) : spanOf(lineCounter, found[0], found[1]);
}
