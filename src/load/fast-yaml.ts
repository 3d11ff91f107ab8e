import { joinPointer } from '../core/pointer.js';
import { LineCounter, type PositionTable } from './positions.js';

/*
 * A one-pass reader for the regular part of YAML that nominations use: a block mapping at the root,
 * block mappings with plain keys, block sequences (also compact: `- key: value`, `- - item`),
 * comments, plain scalars (also over several lines), quoted scalars, literal and folded block
 * scalars, one-line flow sequences of scalars, `[]` and `{}`. Anything else makes it give up.
 *
 * Its source ranges follow yaml's composer, which is not obvious in three places:
 * - a node's range ends after its trailing comment and newline, and a flow node (not a block
 *   scalar) also takes the comment lines right after it that are indented deeper than its
 *   collection, so a collection whose last item is such a node ends after those lines;
 * - comment lines after the last item of a nested collection belong to that collection (and extend
 *   it up to the next content token) when one of them is indented at least as deep as the
 *   collection, unless the collection is at column 0; otherwise they pass to the enclosing one;
 * - an empty value sits right after its indicator and the spaces that follow it (comments around
 *   an empty value move its end too; this reader gives up there).
 */

export interface FastComposition {
  data: unknown;
  positions: PositionTable;
  lineCounter: LineCounter;
}

/**
 * Reads `text` when it stays within the subset above. Whenever it returns a result, that result is
 * exactly what `parseAllDocuments(text, { lineCounter, uniqueKeys: true })` gives for a single
 * document without errors or warnings: `data` equal to `toJS()`, `positions` equal to
 * `positionsOf(doc)`, the same line starts. Otherwise undefined: the caller then uses yaml. Never
 * throws; linear in the length of the text.
 */
export function composeFast(text: string): FastComposition | undefined {
  try {
    return new Reader(text).read();
  } catch {
    // A bail-out, or input this reader did not foresee: either way the yaml package decides.
    return undefined;
  }
}

const BAIL = Symbol('bail');

/** The nesting limit of the loader: deeper documents are left to the yaml path and its diagnostic. */
const MAX_DEPTH = 64;
/** yaml rejects an implicit key whose `:` is more than 1024 characters after its start. */
const MAX_KEY_LENGTH = 1000;

const NL = 10;
const SPACE = 32;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const PLUS = 43;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const PIPE = 124;
const GT = 62;

/** Characters that cannot start a plain scalar this reader accepts (`-` is checked separately). */
const NOT_PLAIN_START = new Set('?:,[]{}#&*!|>\'"%@`'.split('').map((c) => c.charCodeAt(0)));
const FLOW_INDICATOR = new Set([COMMA, LBRACKET, RBRACKET, LBRACE, RBRACE]);

/** Tabs, carriage returns, byte-order marks, other control characters and Unicode line separators. */
const UNSUPPORTED_CHARACTER = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

// The YAML 1.2 core schema as yaml 2.x resolves plain scalars, tested in yaml's order.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The value of a plain scalar under the core schema. */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only these first characters can start a null, bool or number: skip the tests for everything else.
  const candidate =
    (c >= 48 && c <= 57) ||
    c === 43 ||
    c === DASH ||
    c === DOT ||
    c === 126 ||
    c === 110 ||
    c === 78 ||
    c === 116 ||
    c === 84 ||
    c === 102 ||
    c === 70 ||
    s === '';
  if (!candidate) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return c === 116 || c === 84;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s))
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : c === DASH ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};
const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/** The value of the body of a double-quoted scalar, as yaml folds and unescapes it; bails on a bad escape. */
function doubleQuotedValue(body: string): string {
  if (!body.includes('\\') && !body.includes('\n')) return body;
  const n = body.length;
  let out = '';
  let from = 0;
  let i = 0;
  while (i < n) {
    const c = body.charCodeAt(i);
    if (c === SPACE) {
      let j = i + 1;
      while (body.charCodeAt(j) === SPACE) j++;
      if (body.charCodeAt(j) === NL) {
        // Spaces before a line break are dropped.
        out += body.slice(from, i);
        from = j;
      }
      i = j;
    } else if (c === NL) {
      out += body.slice(from, i);
      let fold = '';
      let j = i + 1;
      for (let d = body.charCodeAt(j); d === SPACE || d === NL; d = body.charCodeAt(++j)) if (d === NL) fold += '\n';
      out += fold || ' ';
      i = from = j;
    } else if (c === BACKSLASH) {
      out += body.slice(from, i);
      const next = body[i + 1];
      if (next === undefined) throw BAIL;
      const simple = ESCAPES[next];
      if (simple !== undefined) {
        out += simple;
        i += 2;
      } else if (next === '\n') {
        // An escaped line break joins the lines without a space.
        i += 2;
        while (body.charCodeAt(i) === SPACE) i++;
      } else if (next === 'x' || next === 'u' || next === 'U') {
        const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const digits = body.substr(i + 2, length);
        if (digits.length !== length || !HEX_DIGITS.test(digits)) throw BAIL;
        const code = parseInt(digits, 16);
        if (code > 0x10ffff) throw BAIL;
        out += String.fromCodePoint(code);
        i += 2 + length;
      } else {
        throw BAIL;
      }
      from = i;
    } else {
      i++;
    }
  }
  return out + body.slice(from);
}

/** yaml's folding of the lines of a plain or single-quoted scalar (no tabs in this reader's input). */
function unfoldLines(source: string): string {
  let nl = source.indexOf('\n');
  if (nl < 0) return source;
  let end = nl;
  while (end > 0 && source.charCodeAt(end - 1) === SPACE) end--;
  let out = source.slice(0, end);
  let sep = ' ';
  for (;;) {
    const from = nl + 1;
    nl = source.indexOf('\n', from);
    if (nl < 0) break;
    let a = from;
    let b = nl;
    while (a < b && source.charCodeAt(a) === SPACE) a++;
    while (b > a && source.charCodeAt(b - 1) === SPACE) b--;
    if (a === b) {
      if (sep === '\n') out += sep;
      else sep = '\n';
    } else {
      out += sep + source.slice(a, b);
      sep = ' ';
    }
  }
  let a = source.lastIndexOf('\n') + 1;
  while (source.charCodeAt(a) === SPACE) a++;
  return out + sep + source.slice(a);
}

/** Splits a block scalar's body into [indentation, content] pairs, as yaml does. */
function splitLines(source: string): Array<[string, string]> {
  const split = source.split(/\n( *)/);
  const first = split[0]!;
  const m = /^( *)/.exec(first);
  const lines: Array<[string, string]> = [m?.[1] ? [m[1], first.slice(m[1].length)] : ['', first]];
  for (let i = 1; i < split.length; i += 2) lines.push([split[i]!, split[i + 1]!]);
  return lines;
}

/** The value of a block scalar, as yaml's resolveBlockScalar gives it; `explicitIndent` 0 when not given. */
function blockScalarValue(source: string, folded: boolean, chomp: string, explicitIndent: number, parentIndent: number): string {
  const lines = splitLines(source);
  let chompStart = lines.length;
  for (let i = lines.length - 1; i >= 0; --i) {
    if (lines[i]![1] === '') chompStart = i;
    else break;
  }
  if (chompStart === 0) throw BAIL;
  let trimIndent = parentIndent + explicitIndent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; ++i) {
    const [indent, content] = lines[i]!;
    if (content === '') {
      if (explicitIndent === 0 && indent.length > trimIndent) trimIndent = indent.length;
    } else {
      if (indent.length < trimIndent) throw BAIL;
      if (explicitIndent === 0) trimIndent = indent.length;
      contentStart = i;
      if (trimIndent === 0) throw BAIL;
      break;
    }
  }
  for (let i = lines.length - 1; i >= chompStart; --i) {
    if (lines[i]![0].length > trimIndent) chompStart = i + 1;
  }
  let value = '';
  let sep = '';
  let prevMoreIndented = false;
  for (let i = 0; i < contentStart; ++i) value += lines[i]![0].slice(trimIndent) + '\n';
  for (let i = contentStart; i < chompStart; ++i) {
    const [indent, content] = lines[i]!;
    if (content && indent.length < trimIndent) throw BAIL;
    if (!folded) {
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
    } else if (indent.length > trimIndent) {
      if (sep === ' ') sep = '\n';
      else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
      value += sep + indent.slice(trimIndent) + content;
      sep = '\n';
      prevMoreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      prevMoreIndented = false;
    }
  }
  if (chomp === '+') {
    for (let i = chompStart; i < lines.length; ++i) value += '\n' + lines[i]![0].slice(trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (chomp !== '-') {
    value += '\n';
  }
  return value;
}

const hasOwn = Object.prototype.hasOwnProperty;

class Reader {
  private readonly t: string;
  private readonly len: number;
  private readonly positions: PositionTable = new Map();

  // The current line: start, end (its newline or the end of the text), indentation, first non-space.
  private ls = 0;
  private le = 0;
  private ind = 0;
  private cs = 0;
  private eof = false;

  // The range of the node just read: start, end of its value, end including what yaml attaches to it.
  private rStart = 0;
  private rEnd = 0;
  private rNodeEnd = 0;

  // Comment lines after the last node read that no collection has taken yet: the deepest
  // indentation among them (-1: none) and where they end (the next content token).
  private pendingIndent = -1;
  private pendingEnd = 0;
  /** Whether comment lines precede the sequence entry being read. */
  private commentsBeforeEntry = false;

  constructor(text: string) {
    this.t = text;
    this.len = text.length;
  }

  read(): FastComposition | undefined {
    if (UNSUPPORTED_CHARACTER.test(this.t)) return undefined;
    this.setLine(0);
    while (!this.eof && (this.cs === this.le || this.code(this.cs) === HASH)) this.setLine(this.le + 1);
    if (this.eof || this.ind !== 0 || this.isSeqItemLine()) return undefined;
    const data = this.map(0, this.cs, '', 1);
    if (!this.eof) return undefined;
    this.positions.set('', [this.rStart, this.rEnd]);

    const lineCounter = new LineCounter();
    lineCounter.addNewLine(0);
    for (let i = this.t.indexOf('\n'); i >= 0; i = this.t.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    return { data, positions: this.positions, lineCounter };
  }

  private code(i: number): number {
    return this.t.charCodeAt(i);
  }

  private setLine(start: number): void {
    if (start >= this.len) {
      this.eof = true;
      this.ls = this.le = this.cs = this.len;
      this.ind = 0;
      return;
    }
    const t = this.t;
    this.ls = start;
    const nl = t.indexOf('\n', start);
    this.le = nl < 0 ? this.len : nl;
    let i = start;
    while (t.charCodeAt(i) === SPACE) i++;
    this.cs = i;
    this.ind = i - start;
    if (i === start) {
      // Document markers: the reader handles a single implicit document only.
      const c = t.charCodeAt(i);
      if ((c === DASH && t.startsWith('---', i)) || (c === DOT && t.startsWith('...', i))) throw BAIL;
    }
  }

  private isSeqItemLine(): boolean {
    return this.code(this.cs) === DASH && (this.cs + 1 === this.le || this.code(this.cs + 1) === SPACE);
  }

  /** End offset of the line ending at `le`, including its newline. */
  private afterLine(le: number): number {
    return le < this.len ? le + 1 : this.len;
  }

  /**
   * Moves past blank and comment lines, starting at the current line. Comment lines indented deeper
   * than `attachAbove`, with only blank lines before them, extend the node that precedes them:
   * returns its new end (`nodeEnd` when none). The others become the pending comment lines.
   */
  private skipTrivia(attachAbove: number, nodeEnd: number): number {
    let attaching = true;
    this.pendingIndent = -1;
    while (!this.eof) {
      if (this.cs === this.le) {
        this.setLine(this.le + 1);
        continue;
      }
      if (this.code(this.cs) !== HASH) break;
      if (attaching && this.ind > attachAbove) {
        nodeEnd = this.afterLine(this.le);
      } else {
        attaching = false;
        if (this.ind > this.pendingIndent) this.pendingIndent = this.ind;
      }
      this.setLine(this.le + 1);
    }
    this.pendingEnd = this.eof ? this.len : this.cs;
    return nodeEnd;
  }

  /** Sets the range of a collection at `indent` that ended, taking the pending comment lines when yaml does. */
  private endCollection(indent: number, start: number, end: number): void {
    this.rStart = start;
    this.rEnd = end;
    this.rNodeEnd = end;
    if (indent > 0 && this.pendingIndent >= indent) {
      this.rNodeEnd = this.pendingEnd;
      this.pendingIndent = -1;
    }
  }

  /** Offset of the `:` ending an implicit key on the current line from `from`, or -1. */
  private keyEnd(from: number): number {
    const t = this.t;
    const le = this.le;
    for (let i = from; i < le; i++) {
      const c = t.charCodeAt(i);
      if (c === COLON) {
        if (i + 1 === le || t.charCodeAt(i + 1) === SPACE) return i;
      } else if (c === SPACE && t.charCodeAt(i + 1) === HASH) {
        return -1;
      }
    }
    return -1;
  }

  /** Bails unless the character at `i` may start a plain scalar here. */
  private checkPlainStart(i: number, inFlow: boolean): void {
    const c = this.code(i);
    if (NOT_PLAIN_START.has(c)) throw BAIL;
    if (c === DASH) {
      const next = this.code(i + 1);
      if (i + 1 >= this.le || next === SPACE || (inFlow && FLOW_INDICATOR.has(next))) throw BAIL;
    }
  }

  /** A block mapping at `indent` whose first key starts at `col` on the current line. */
  private map(indent: number, col: number, pointer: string, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw BAIL;
    const t = this.t;
    const out: Record<string, unknown> = {};
    let keyStart = col;
    let end: number;
    for (;;) {
      const keyEnd = this.keyEnd(keyStart);
      if (keyEnd <= keyStart || keyEnd - keyStart > MAX_KEY_LENGTH || t.charCodeAt(keyEnd - 1) === SPACE) throw BAIL;
      this.checkPlainStart(keyStart, false);
      const key = t.slice(keyStart, keyEnd);
      if (key === '__proto__' || key === '<<' || typeof resolvePlain(key) !== 'string' || hasOwn.call(out, key)) throw BAIL;
      const child = joinPointer(pointer, key);
      let v = keyEnd + 1;
      while (t.charCodeAt(v) === SPACE) v++;
      this.commentsBeforeEntry = false;
      const value = this.value(indent, v, child, depth, false);
      // yaml defines a key that shadows an inherited property; assignment gives the same own property.
      out[key] = value;
      this.positions.set(child, [this.rStart, this.rEnd, keyStart, keyEnd]);
      end = this.rNodeEnd;
      if (this.eof || this.ind < indent) break;
      if (this.ind > indent || this.isSeqItemLine()) throw BAIL;
      keyStart = this.cs;
    }
    this.endCollection(indent, col, end);
    return out;
  }

  /** A block sequence at `indent` whose first `-` is at `col` on the current line. */
  private seq(indent: number, col: number, pointer: string, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw BAIL;
    const out: unknown[] = [];
    let dash = col;
    let end: number;
    for (;;) {
      let v = dash + 1;
      while (this.code(v) === SPACE) v++;
      const child = joinPointer(pointer, out.length);
      // Comment lines no earlier node took open this entry.
      this.commentsBeforeEntry = this.pendingIndent >= 0 && out.length > 0;
      out.push(this.value(indent, v, child, depth, true));
      this.positions.set(child, [this.rStart, this.rEnd]);
      end = this.rNodeEnd;
      if (this.eof || this.ind < indent) break;
      if (this.ind > indent) throw BAIL;
      if (!this.isSeqItemLine()) break;
      dash = this.cs;
    }
    this.endCollection(indent, col, end);
    return out;
  }

  /**
   * The value after a `key:` or `- ` indicator of a collection at `owner`, starting at `v` on the
   * current line. Leaves the range in rStart/rEnd/rNodeEnd and the cursor at the next content line.
   */
  private value(owner: number, v: number, pointer: string, depth: number, inSeq: boolean): unknown {
    if (v === this.le || this.code(v) === HASH) return this.nestedOrEmpty(owner, v, pointer, depth, inSeq);
    switch (this.code(v)) {
      case PIPE:
      case GT:
        return this.blockScalar(owner, v);
      case LBRACKET:
        return this.flowSequence(owner, v, pointer, depth + 1);
      case LBRACE:
        return this.emptyFlowMap(owner, v, depth + 1);
      case DQUOTE:
      case SQUOTE:
        return this.quoted(owner, v);
    }
    if (inSeq) {
      // A compact collection in a sequence entry: `- - a` or `- key: value`.
      if (this.code(v) === DASH && (v + 1 === this.le || this.code(v + 1) === SPACE)) return this.seq(v - this.ls, v, pointer, depth + 1);
      if (this.keyEnd(v) >= 0) return this.map(v - this.ls, v, pointer, depth + 1);
    }
    return this.plain(owner, v);
  }

  /** Nothing after the indicator: a collection on the following lines, or an empty (null) value. */
  private nestedOrEmpty(owner: number, v: number, pointer: string, depth: number, inSeq: boolean): unknown {
    const comment = v < this.le;
    this.setLine(this.le + 1);
    this.skipTrivia(Infinity, 0);
    if (!this.eof) {
      const seqItem = this.isSeqItemLine();
      if (this.ind > owner || (this.ind === owner && seqItem && !inSeq)) {
        return seqItem ? this.seq(this.ind, this.cs, pointer, depth + 1) : this.map(this.ind, this.cs, pointer, depth + 1);
      }
    }
    // yaml attaches comments around an empty value to it, with ranges this reader does not model.
    if (comment || this.pendingIndent >= 0 || this.commentsBeforeEntry) throw BAIL;
    this.rStart = this.rEnd = this.rNodeEnd = v;
    return null;
  }

  /** Bails unless the rest of the line from `i` is spaces and possibly a comment after a space. */
  private checkLineRest(i: number): void {
    const start = i;
    while (this.code(i) === SPACE) i++;
    if (i < this.le && !(i > start && this.code(i) === HASH)) throw BAIL;
  }

  /** Finishes a node that ends on the current line (or, for plain scalars, on line end `le`). */
  private endFlowNode(owner: number, start: number, end: number, le: number): void {
    this.rStart = start;
    this.rEnd = end;
    this.setLine(le + 1);
    this.rNodeEnd = this.skipTrivia(owner, this.afterLine(le));
  }

  private plain(owner: number, v: number): unknown {
    this.checkPlainStart(v, false);
    const t = this.t;
    let end = this.scanPlainLine(v);
    let lastLineEnd = this.le;
    let multiLine = false;
    if (this.plainComment < 0) {
      // Continuation lines: deeper than the collection, possibly after blank lines, not comments.
      for (;;) {
        const after = lastLineEnd + 1;
        this.setLine(after);
        while (!this.eof && this.cs === this.le) this.setLine(this.le + 1);
        if (this.eof || this.ind <= owner || this.code(this.cs) === HASH) break;
        end = this.scanPlainLine(this.cs);
        lastLineEnd = this.le;
        multiLine = true;
        if (this.plainComment >= 0) break;
      }
    }
    const source = t.slice(v, end);
    this.endFlowNode(owner, v, end, lastLineEnd);
    return multiLine ? unfoldLines(source) : resolvePlain(source);
  }

  /** Where the comment of the line scanned last starts, or -1. */
  private plainComment = -1;

  /** Scans a line of a plain scalar from `from`: returns the end of its text, sets plainComment. */
  private scanPlainLine(from: number): number {
    const t = this.t;
    const le = this.le;
    let end = from;
    this.plainComment = -1;
    for (let i = from; i < le; i++) {
      const c = t.charCodeAt(i);
      if (c === SPACE) {
        if (t.charCodeAt(i + 1) === HASH) {
          this.plainComment = i + 1;
          break;
        }
      } else {
        // `: ` inside a value starts a mapping yaml rejects here.
        if (c === COLON && (i + 1 === le || t.charCodeAt(i + 1) === SPACE)) throw BAIL;
        end = i + 1;
      }
    }
    return end;
  }

  /** Offset of the closing quote of the quoted scalar opening at `v`, on its line unless `multiLine`. */
  private closingQuote(v: number, multiLine: boolean): number {
    const t = this.t;
    const quote = t[v]!;
    let from = v + 1;
    for (;;) {
      const j = t.indexOf(quote, from);
      if (j < 0 || (j >= this.le && !multiLine)) throw BAIL;
      if (quote === "'") {
        if (t.charCodeAt(j + 1) === SQUOTE) {
          from = j + 2;
          continue;
        }
        return j;
      }
      let backslashes = 0;
      while (t.charCodeAt(j - 1 - backslashes) === BACKSLASH) backslashes++;
      if (backslashes % 2 === 0) return j;
      from = j + 1;
    }
  }

  private quotedValue(v: number, close: number): string {
    const body = this.t.slice(v + 1, close);
    if (this.code(v) === SQUOTE) {
      const unfolded = unfoldLines(body);
      return unfolded.includes("''") ? unfolded.replace(/''/g, "'") : unfolded;
    }
    return doubleQuotedValue(body);
  }

  private quoted(owner: number, v: number): string {
    const t = this.t;
    const close = this.closingQuote(v, true);
    if (close > this.le) {
      // Every line the scalar continues on is blank or indented deeper than its collection.
      for (let nl = this.le; nl >= 0 && nl < close; nl = t.indexOf('\n', nl + 1)) {
        let k = nl + 1;
        while (t.charCodeAt(k) === SPACE) k++;
        if (k - (nl + 1) <= owner && t.charCodeAt(k) !== NL) throw BAIL;
      }
      this.setLine(t.lastIndexOf('\n', close) + 1);
    }
    this.checkLineRest(close + 1);
    const value = this.quotedValue(v, close);
    this.endFlowNode(owner, v, close + 1, this.le);
    return value;
  }

  /** A flow sequence of scalars on one line: `[a, "b", 3]` or `[]`. */
  private flowSequence(owner: number, v: number, pointer: string, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw BAIL;
    const t = this.t;
    const le = this.le;
    const out: unknown[] = [];
    let i = v + 1;
    while (t.charCodeAt(i) === SPACE) i++;
    if (t.charCodeAt(i) !== RBRACKET) {
      for (;;) {
        const start = i;
        let end: number;
        let item: unknown;
        const c = t.charCodeAt(i);
        if (c === DQUOTE || c === SQUOTE) {
          const close = this.closingQuote(i, false);
          end = close + 1;
          item = this.quotedValue(i, close);
          i = end;
          while (t.charCodeAt(i) === SPACE) i++;
        } else {
          if (i >= le) throw BAIL;
          this.checkPlainStart(i, true);
          end = i;
          for (; i < le; i++) {
            const d = t.charCodeAt(i);
            if (d === COMMA || d === RBRACKET) break;
            if (d === LBRACKET || d === LBRACE || d === RBRACE) throw BAIL;
            if (d === SPACE) {
              if (t.charCodeAt(i + 1) === HASH) throw BAIL;
            } else {
              if (d === COLON) {
                const next = t.charCodeAt(i + 1);
                if (i + 1 >= le || next === SPACE || FLOW_INDICATOR.has(next)) throw BAIL;
              }
              end = i + 1;
            }
          }
          item = resolvePlain(t.slice(start, end));
        }
        this.positions.set(joinPointer(pointer, out.length), [start, end]);
        out.push(item);
        const d = t.charCodeAt(i);
        if (i >= le) throw BAIL;
        if (d === RBRACKET) break;
        if (d !== COMMA) throw BAIL;
        i++;
        while (t.charCodeAt(i) === SPACE) i++;
        // A trailing comma or an empty entry.
        if (i >= le || t.charCodeAt(i) === RBRACKET || t.charCodeAt(i) === COMMA) throw BAIL;
      }
    }
    this.checkLineRest(i + 1);
    this.endFlowNode(owner, v, i + 1, le);
    return out;
  }

  private emptyFlowMap(owner: number, v: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH || this.code(v + 1) !== RBRACE) throw BAIL;
    this.checkLineRest(v + 2);
    this.endFlowNode(owner, v, v + 2, this.le);
    return {};
  }

  /** A literal or folded block scalar, with optional chomping and indentation indicators. */
  private blockScalar(owner: number, v: number): string {
    const t = this.t;
    const folded = this.code(v) === GT;
    let h = v + 1;
    let chomp = '';
    let explicitIndent = 0;
    for (; h < this.le && this.code(h) !== SPACE; h++) {
      const c = this.code(h);
      if ((c === DASH || c === PLUS) && !chomp) chomp = t[h]!;
      else if (c >= 49 && c <= 57 && !explicitIndent) explicitIndent = c - 48;
      else throw BAIL;
    }
    this.checkLineRest(h);
    if (this.le >= this.len) throw BAIL;
    const bodyStart = this.le + 1;

    // Where yaml's lexer ends the scalar: lines indented at least as deep as its content, and blank
    // lines, then without keep chomping less the trailing lines no deeper than its first content line.
    let nl = bodyStart - 1;
    let indent = 0;
    let i = bodyStart;
    for (; i < this.len; i++) {
      const c = t.charCodeAt(i);
      if (c === SPACE) indent++;
      else if (c === NL) {
        nl = i;
        indent = 0;
      } else break;
    }
    if (i >= this.len || indent <= owner) throw BAIL;
    const contentIndent = explicitIndent ? owner + explicitIndent : indent;
    for (;;) {
      const from = nl + 1;
      let k = from;
      while (t.charCodeAt(k) === SPACE) k++;
      if (t.charCodeAt(k) !== NL && k - from < contentIndent) break;
      const next = t.indexOf('\n', k);
      if (next < 0) {
        nl = this.len;
        break;
      }
      nl = next;
    }
    if (chomp !== '+') {
      for (;;) {
        let j = nl - 1;
        const lastChar = j;
        while (t.charCodeAt(j) === SPACE) j--;
        if (t.charCodeAt(j) === NL && j >= bodyStart && j + 1 + indent > lastChar) nl = j;
        else break;
      }
    }
    const end = Math.min(nl + 1, this.len);
    const value = blockScalarValue(t.slice(bodyStart, end), folded, chomp, explicitIndent, owner);
    this.rStart = v;
    this.rEnd = end;
    this.setLine(end);
    this.rNodeEnd = this.skipTrivia(Infinity, end);
    return value;
  }
}
