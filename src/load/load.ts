import type { Document } from 'yaml';
import { yaml } from '../util/yaml.js';
import type { Diagnostic } from '../core/types.js';
import { composeFast } from './fast-yaml.js';
import { DEFAULT_LIMITS, type LoadLimits } from './limits.js';
import { LineCounter, locateIn, positionsOf, spanOf, type Anchor, type PositionTable, type Span } from './positions.js';
import { RefusedContent, type Refusal } from './read.js';
import { rule as regularFile } from '../rules/registry/regular-file.js';
import { rule as bomRule } from '../rules/yaml/bom.js';
import { rule as duplicateKeyRule } from '../rules/yaml/duplicate-key.js';
import { rule as emptyRule } from '../rules/yaml/empty.js';
import { rule as limitsRule } from '../rules/yaml/limits.js';
import { rule as multipleDocumentsRule } from '../rules/yaml/multiple-documents.js';
import { rule as notTextRule } from '../rules/yaml/not-text.js';
import { rule as syntaxRule } from '../rules/yaml/syntax.js';
import { problemDiagnostic, type CoreRule } from '../rules/types.js';

/** A nomination file parsed with source positions. `data` is undefined when it could not be built. */
export interface LoadedFile {
  file: string;
  text: string;
  /**
   * The document as the yaml package composed it; undefined when the file could not be parsed, and when
   * the fast reader (see fast-yaml.ts) read it, which gives the same data and positions.
   */
  doc: Document | undefined;
  lineCounter: LineCounter;
  data: unknown;
  /** Where each node of `data` is in the text (empty when `data` is undefined). */
  positions: PositionTable;
  /** Problems of the file itself: syntax, duplicate keys, limits. */
  diagnostics: Diagnostic[];
  /** Source span of a JSON pointer (see `locate`). */
  locate(pointer: string, anchor?: Anchor): Span;
}

function fileDiagnostic(
  rule: CoreRule,
  messageId: string,
  data: Record<string, string | number>,
  span: Span,
  severity?: Diagnostic['severity'],
): Diagnostic {
  const diagnostic = problemDiagnostic(rule, messageId, data, { path: '', ...span });
  return severity ? { ...diagnostic, severity } : diagnostic;
}

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Deepest flow-collection nesting ([ and {) outside comments and quoted scalars, stopping early past `limit`; within the limit, possibly an upper bound of it. */
function flowDepth(text: string, limit: number): number {
  // Fewer brackets than the limit cannot nest deeper than it: the usual case, decided without a scan.
  let brackets = 0;
  for (let i = text.indexOf('['); i >= 0 && brackets <= limit; i = text.indexOf('[', i + 1)) brackets++;
  for (let i = text.indexOf('{'); i >= 0 && brackets <= limit; i = text.indexOf('{', i + 1)) brackets++;
  if (brackets <= limit) return brackets;
  let depth = 0;
  let max = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\n' && quote === "'") quote = null;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if (c === '"' || (c === "'" && (i === 0 || /[\s:[{,-]/.test(text[i - 1]!)))) {
      quote = c;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return max;
}

/** True when every line is blank or a comment. A line scan: a regular expression for this backtracks exponentially on blank lines. */
function onlyCommentsOrBlank(text: string): boolean {
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return false;
  }
  return true;
}

/** Deepest nesting of the built data, computed without recursion. */
function dataDepth(value: unknown, limit: number): number {
  const stack: Array<[unknown, number]> = [[value, 1]];
  let max = 0;
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return max;
}

/** Offset of the first quoted scalar that does not end with its closing quote, from the parser's token stream. */
function unclosedQuoteAt(text: string): number | undefined {
  const stack: unknown[] = [...new (yaml().Parser)().parse(text)];
  while (stack.length) {
    const token = stack.shift();
    if (token === null || typeof token !== 'object') continue;
    if (Array.isArray(token)) {
      stack.unshift(...token);
      continue;
    }
    const t = token as { type?: string; offset?: number; source?: string } & Record<string, unknown>;
    if ((t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar') && typeof t.source === 'string') {
      const quote = t.source[0];
      const body = t.source.slice(1);
      const closed = quote === '"' ? /(^|[^\\])(\\\\)*"\s*$/.test(body) : /'\s*$/.test(body);
      if (!closed || body.length === 0) return t.offset;
    }
    stack.unshift(...['props', 'start', 'key', 'sep', 'value', 'items', 'end'].map((k) => t[k]).filter((v) => v !== undefined));
  }
  return undefined;
}

function looksBinary(bytes: Uint8Array): boolean {
  return textOf(bytes) === undefined;
}

/** The bytes as text when they are UTF-8 without NUL bytes (what the loader reads as text), else undefined. */
export function textOf(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The finding for a file that was not read (see RefusedContent). */
function refusalDiagnostic(file: string, refusal: Refusal): Diagnostic {
  switch (refusal.problem) {
    case 'symlink':
      return fileDiagnostic(regularFile, 'symlink', { file }, START);
    case 'notRegular':
      return fileDiagnostic(regularFile, 'notRegular', { file, kind: refusal.kind }, START);
    case 'tooLarge':
      return fileDiagnostic(
        limitsRule,
        'tooLarge',
        { size: refusal.atLeast ? `more than ${refusal.limit}` : String(refusal.size), limit: refusal.limit },
        START,
      );
  }
}

/** Removes every later pair of a key a mapping already has, so the data holds the first value. */
function dropRepeatedKeys(doc: Document): void {
  yaml().visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      map.items = map.items.filter((pair) => {
        const key = yaml().isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
  });
}

/**
 * Parses one nomination. Never throws for bad input: every problem becomes a diagnostic.
 * `content` may be the raw bytes (checked for binary data and encoding) or already-decoded text.
 */
export function loadNomination(file: string, content: Uint8Array | string, limits: LoadLimits = DEFAULT_LIMITS): LoadedFile {
  let lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const result: LoadedFile = {
    file,
    text: '',
    doc: undefined,
    lineCounter,
    data: undefined,
    positions: new Map(),
    diagnostics,
    locate(pointer, anchor) {
      return locateIn(result.positions, lineCounter, pointer, anchor);
    },
  };

  if (content instanceof RefusedContent) {
    diagnostics.push(refusalDiagnostic(file, content.refusal));
    return result;
  }
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
  if (size > limits.maxFileBytes) {
    diagnostics.push(fileDiagnostic(limitsRule, 'tooLarge', { size, limit: limits.maxFileBytes }, START));
    return result;
  }
  if (typeof content !== 'string') {
    if (looksBinary(content)) {
      diagnostics.push(fileDiagnostic(notTextRule, 'binary', {}, START));
      return result;
    }
    content = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
  }
  let text = content;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    diagnostics.push(fileDiagnostic(bomRule, 'bom', {}, START));
  }
  result.text = text;

  if (onlyCommentsOrBlank(text)) {
    diagnostics.push(fileDiagnostic(emptyRule, 'empty', {}, START));
    return result;
  }
  const depth = flowDepth(text, limits.maxDepth);
  if (depth > limits.maxDepth) {
    diagnostics.push(fileDiagnostic(limitsRule, 'depth', { limit: limits.maxDepth }, START));
    return result;
  }

  // Most nominations stay within the part of YAML the fast reader handles; it gives up on anything else.
  const fast = composeFast(text);
  if (fast && dataDepth(fast.data, limits.maxDepth) <= limits.maxDepth) {
    lineCounter = result.lineCounter = fast.lineCounter;
    result.data = fast.data;
    result.positions = fast.positions;
    return result;
  }

  let docs: Document[];
  try {
    docs = yaml().parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false }) as unknown as Document[];
  } catch (err) {
    diagnostics.push(fileDiagnostic(syntaxRule, 'unparsable', { reason: (err as Error).message }, START));
    return result;
  }
  if (!Array.isArray(docs)) docs = [];
  const [doc, ...rest] = docs;
  if (!doc) {
    diagnostics.push(fileDiagnostic(emptyRule, 'noDocument', {}, START));
    return result;
  }
  result.doc = doc;
  if (rest.length > 0) {
    const second = rest[0]!;
    const at = second.range ? spanOf(lineCounter, second.range[0], second.range[0]) : START;
    diagnostics.push(fileDiagnostic(multipleDocumentsRule, 'multiple', { count: docs.length }, at));
  }
  for (const err of [...doc.errors, ...rest.flatMap((d) => d.errors)]) {
    const span = spanOf(lineCounter, err.pos[0], err.pos[1]);
    const firstLine = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    if (err.code === 'DUPLICATE_KEY') {
      const key = text
        .slice(err.pos[0])
        .split(/:(?:\s|$)|\n/)[0]!
        .trim();
      diagnostics.push(fileDiagnostic(duplicateKeyRule, 'duplicate', { key: key.slice(0, 60) }, span));
    } else if (err.code === 'RESOURCE_EXHAUSTION') {
      // The parser ran out of stack: deep block nesting, which the flow-bracket pre-scan cannot see.
      if (!diagnostics.some((d) => d.ruleId === limitsRule.id)) {
        diagnostics.push(fileDiagnostic(limitsRule, 'depth', { limit: limits.maxDepth }, span));
      }
    } else if (!diagnostics.some((d) => d.ruleId === syntaxRule.id)) {
      // Only the first: what the parser reports after recovering from it is mostly noise caused by it.
      // An unclosed quote is found at the end of the file; point at the quote that was left open instead.
      const opened = err.code === 'MISSING_CHAR' && /quote/i.test(firstLine) ? unclosedQuoteAt(text) : undefined;
      const at = opened === undefined ? span : spanOf(lineCounter, opened, opened + 1);
      const reason = `${firstLine}.`.replace(/\.\.$/, '.');
      diagnostics.push(fileDiagnostic(syntaxRule, opened === undefined ? 'error' : 'unclosedQuote', { reason }, at));
    }
  }
  for (const warning of doc.warnings) {
    const span = spanOf(lineCounter, warning.pos[0], warning.pos[1]);
    diagnostics.push(fileDiagnostic(syntaxRule, 'warning', { reason: warning.message.split('\n')[0]! }, span, 'warning'));
  }
  // A repeated key alone does not stop the check: the first value is read (as the positions table does), so the file's other findings show too.
  if (diagnostics.some((d) => d.severity === 'error' && d.ruleId !== 'yaml/duplicate-key')) return result;
  if (diagnostics.some((d) => d.ruleId === 'yaml/duplicate-key')) dropRepeatedKeys(doc);

  try {
    result.data = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (err) {
    diagnostics.push(
      /alias/i.test((err as Error).message)
        ? fileDiagnostic(limitsRule, 'aliases', { limit: limits.maxAliasCount }, START)
        : fileDiagnostic(limitsRule, 'unreadable', { reason: (err as Error).message }, START),
    );
    return result;
  }
  if (dataDepth(result.data, limits.maxDepth) > limits.maxDepth) {
    diagnostics.push(fileDiagnostic(limitsRule, 'depth', { limit: limits.maxDepth }, START));
    result.data = undefined;
    return result;
  }
  result.positions = positionsOf(doc);
  return result;
}
