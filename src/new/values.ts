import { asRecord } from '../core/nomination.js';
import { resolveCountry } from '../util/countries.js';
import { isRequired, resolveChoices, type Choice, type Draft, type Question, type Scope } from './questions.js';

/**
 * Turning an answer — typed at a prompt, or read from an answers file — into the value the
 * nomination holds, or the reason it cannot be one. Rules of the Standard (licences per category,
 * https, duplicates) are checked afterwards by the validation engine itself.
 */

export type Normalised = { value: unknown } | { problem: string };

/** An answer left empty: nothing to write. */
const EMPTY: Normalised = { value: undefined };

function isBlank(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
}

function asText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number') return String(raw);
  return undefined;
}

/** Items of a list answer: a YAML/JSON list, or one line separated by commas (semicolons when it holds one). */
export function splitList(raw: unknown, separator: ',' | ';' = ','): string[] | undefined {
  if (Array.isArray(raw)) {
    const items = raw.map(asText);
    return items.every((i): i is string => i !== undefined) ? items.filter(Boolean) : undefined;
  }
  const line = asText(raw);
  if (line === undefined) return undefined;
  const by = separator === ';' || line.includes(';') ? ';' : ',';
  return line
    .split(by)
    .map((s) => s.trim())
    .filter(Boolean);
}

function splitUrls(raw: unknown): string[] | undefined {
  if (Array.isArray(raw)) return splitList(raw);
  const line = asText(raw);
  return line === undefined
    ? undefined
    : line
        .split(/\s+|[,;](?=\s|$)/)
        .map((s) => s.trim())
        .filter(Boolean);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** The ISO 3166 English short name of a country as written, or why there is none. */
function normaliseCountry(written: string): Normalised {
  const resolved = resolveCountry(written);
  switch (resolved.kind) {
    case 'canonical':
    case 'alias':
      return { value: resolved.name };
    case 'ambiguous':
      return { problem: `"${written}" may mean ${resolved.names.map((n) => `"${n}"`).join(' or ')}; write the one you mean.` };
    case 'unknown':
      return {
        problem: resolved.suggestion
          ? `"${written}" is not a country of ISO 3166; did you mean "${resolved.suggestion}"?`
          : `"${written}" is not a country of ISO 3166; write its English name, e.g. "Kenya" or "United Republic of Tanzania".`,
      };
  }
}

/** Rejoins country names that hold a comma ("Moldova, Republic of") after a list was split on commas. */
function joinCommaNames(items: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const next = items[i + 1];
    if (next !== undefined && resolveCountry(next).kind === 'unknown') {
      const joined = resolveCountry(`${items[i]}, ${next}`);
      if (joined.kind === 'canonical' || joined.kind === 'alias') {
        out.push(`${items[i]}, ${next}`);
        i++;
        continue;
      }
    }
    out.push(items[i]!);
  }
  return out;
}

function listProblem(question: Question, count: number, noun: string): string | undefined {
  const min = question.min ?? 1;
  if (count < min) return min === 1 ? `Give at least one ${noun}.` : `Give at least ${min} ${noun}s.`;
  return undefined;
}

/**
 * The value `raw` stands for as an answer to `question`; `{ value: undefined }` when it was left
 * empty (whether that is allowed is the caller's to decide).
 */
export function normaliseAnswer(question: Question, raw: unknown, scope: Scope): Normalised {
  const { kind } = question;
  if (kind === 'boolean') {
    if (raw === undefined || raw === null || raw === '') return EMPTY;
    return typeof raw === 'boolean' ? { value: raw } : { problem: `Answer true or false, not ${JSON.stringify(raw)}.` };
  }
  const listKind = kind === 'list' || kind === 'urls' || kind === 'countries' || kind === 'multi';
  // A list that must be present but may be empty (countries of development) is answered by leaving it empty.
  if (isBlank(raw))
    return listKind && question.min === 0 && isRequired(question, scope) && raw !== undefined && raw !== null ? { value: [] } : EMPTY;

  switch (kind) {
    case 'text':
    case 'spdx': {
      const text = asText(raw);
      if (text === undefined) return { problem: `Write text, not ${JSON.stringify(raw)}.` };
      if (question.maxLength !== undefined && text.length > question.maxLength) {
        return { problem: `Keep it under ${question.maxLength} characters (it has ${text.length}).` };
      }
      return { value: text };
    }
    case 'url': {
      const text = asText(raw);
      if (text === undefined) return { problem: `Write a URL, not ${JSON.stringify(raw)}.` };
      return { value: text };
    }
    case 'country': {
      const text = asText(raw);
      if (text === undefined) return { problem: `Write a country name, not ${JSON.stringify(raw)}.` };
      return normaliseCountry(text);
    }
    case 'list':
    case 'urls': {
      const items = kind === 'urls' ? splitUrls(raw) : splitList(raw, question.separator);
      if (items === undefined) return { problem: 'Write a list of texts.' };
      const problem = listProblem(question, items.length, kind === 'urls' ? 'link' : 'item');
      return problem ? { problem } : { value: unique(items) };
    }
    case 'countries': {
      const items = splitList(raw);
      if (items === undefined) return { problem: 'Write a list of country names.' };
      const names: string[] = [];
      const problems: string[] = [];
      for (const item of Array.isArray(raw) ? items : joinCommaNames(items)) {
        const country = normaliseCountry(item);
        if ('problem' in country) problems.push(country.problem);
        else names.push(String(country.value));
      }
      if (problems.length) return { problem: problems.join(' ') };
      const problem = listProblem(question, names.length, 'country');
      return problem ? { problem } : { value: unique(names) };
    }
    case 'select': {
      const choices = resolveChoices(question, scope);
      const match = choices.find((c) => c.value === raw);
      return match
        ? { value: match.value }
        : { problem: `Answer one of ${choices.map((c) => JSON.stringify(c.value)).join(', ')}, not ${JSON.stringify(raw)}.` };
    }
    case 'multi': {
      const choices = resolveChoices(question, scope);
      const numeric = choices.every((c) => typeof c.value === 'number');
      const items = Array.isArray(raw) ? raw : splitList(raw);
      if (items === undefined) return { problem: 'Write a list.' };
      const values: Array<Choice['value']> = [];
      const unknown: unknown[] = [];
      for (const item of items) {
        const candidate = numeric && typeof item === 'string' && /^\d+$/.test(item.trim()) ? Number(item) : item;
        const match = choices.find((c) => c.value === candidate);
        if (match) values.push(match.value);
        else unknown.push(item);
      }
      if (unknown.length) {
        return {
          problem: `${unknown.map((u) => JSON.stringify(u)).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not among ${choices.map((c) => JSON.stringify(c.value)).join(', ')}.`,
        };
      }
      const problem = listProblem(question, values.length, 'choice');
      return problem ? { problem } : { value: unique(values) };
    }
  }
  return { problem: 'Unsupported answer.' };
}

export function getPath(node: unknown, path: readonly string[]): unknown {
  let current = node;
  for (const key of path) {
    const record = asRecord(current);
    if (record !== current) return undefined;
    current = record[key];
  }
  return current;
}

/** Sets (or with `undefined`, removes) a value, creating the mappings on the way; empty mappings left behind are removed. */
export function setPath(root: Draft, path: readonly string[], value: unknown): void {
  const parents: Draft[] = [root];
  let node = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      if (value === undefined) return;
      node[key] = {};
    }
    node = node[key] as Draft;
    parents.push(node);
  }
  const last = path[path.length - 1]!;
  if (value === undefined) {
    delete node[last];
    for (let i = parents.length - 1; i > 0; i--) {
      if (Object.keys(parents[i]!).length) break;
      delete parents[i - 1]![path[i - 1]!];
    }
  } else {
    node[last] = value;
  }
}

/** An answer as it would be typed at its prompt, to offer it again as the default. */
export function answerText(question: Question, value: unknown): string {
  if (!Array.isArray(value)) return String(value);
  const items = value.map(String);
  if (question.kind === 'urls') return items.join(' ');
  const separator = question.separator === ';' || items.some((item) => item.includes(',')) ? '; ' : ', ';
  return items.join(separator);
}

/** `organizations[0].roles` for a path, as problems name answers. */
export function dottedPath(segments: ReadonlyArray<string | number>): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i ? '.' : ''}${s}`)).join('');
}

/** The JSON pointer of a path, as diagnostics name places. */
export function pointerOf(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The dotted form of a JSON pointer ("/licenses/0/spdx" → "licenses[0].spdx"). */
export function dottedPointer(pointer: string): string {
  if (!pointer) return '(the whole file)';
  const segments = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return dottedPath(segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
}
