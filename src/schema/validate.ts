import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { indicatorForPath } from '../indicators.js';
import type { LoadedFile } from '../load/load.js';
import { joinPointer, pointerSegments } from '../load/positions.js';
import type { Diagnostic } from '../types.js';
import { didYouMean } from '../util/suggest.js';
import { nominationSchema } from './schema.js';

let compiled: ValidateFunction | undefined;

/** The compiled validator; compiled on first use and kept for the life of the process. */
export function nominationValidator(): ValidateFunction {
  compiled ??= new Ajv2020({
    allErrors: true,
    strict: true,
    // if/then conditionals require keys that their parent schema defines; strictRequired would reject that.
    strictRequired: false,
  }).compile(nominationSchema);
  return compiled;
}

/** `licenses/0/spdx` for a pointer, as people read it in a YAML file. */
export function humanPath(pointer: string): string {
  const segments = pointerSegments(pointer);
  if (segments.length === 0) return 'the nomination';
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : (i === 0 ? s : `.${s}`))).join('');
}

/** The schema node a schemaPath like `#/properties/a/then/required` leads to, minus `drop` trailing segments. */
function schemaAt(schemaPath: string, drop: number): Record<string, unknown> | undefined {
  const segments = pointerSegments(schemaPath.replace(/^#/, '')).slice(0, -drop || undefined);
  let node: unknown = nominationSchema;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/** "because hasClosedComponents is true" for a requirement that comes from an if/then. */
function conditionOf(error: ErrorObject): string {
  const parts = error.schemaPath.split('/');
  const thenIndex = parts.lastIndexOf('then');
  if (thenIndex < 0) return '';
  const owner = schemaAt(parts.slice(0, thenIndex).join('/'), 0);
  const condition = owner?.if as { properties?: Record<string, { const?: unknown; not?: { const?: unknown } }> } | undefined;
  const clauses = Object.entries(condition?.properties ?? {}).map(([key, rule]) =>
    rule.not ? `${key} is not ${JSON.stringify(rule.not.const)}` : `${key} is ${JSON.stringify(rule.const)}`);
  return clauses.length ? ` (required because ${clauses.join(' and ')})` : '';
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping (key: value lines)',
  array: 'a list (lines starting with "- ")',
  string: 'text',
  boolean: 'true or false',
  integer: 'a whole number',
  number: 'a number',
};

interface Mapped {
  ruleId: string;
  pointer: string;
  anchor: 'key' | 'value';
  message: string;
  indicatorPointer: string;
}

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const s of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node;
}

function mapError(error: ErrorObject, data: unknown): Mapped | undefined {
  const at = error.instancePath;
  const where = humanPath(at);
  const value = valueAt(data, at);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const pointer = joinPointer(at, key);
      const known = Object.keys((schemaAt(error.schemaPath, 1)?.properties as object | undefined) ?? {});
      return {
        ruleId: 'schema/unknown-key', pointer, anchor: 'key', indicatorPointer: pointer,
        message: `Unknown key "${key}" in ${where}.${didYouMean(key, known) || ` Allowed keys: ${known.join(', ')}.`}`,
      };
    }
    case 'required': {
      const key = String(error.params.missingProperty);
      const owner = schemaAt(error.schemaPath.replace(/\/(then\/)?required$/, '').replace(/\/allOf\/\d+$/, ''), 0);
      const title = (owner?.properties as Record<string, { title?: string }> | undefined)?.[key]?.title;
      return {
        ruleId: 'schema/required', pointer: at, anchor: 'key', indicatorPointer: joinPointer(at, key),
        message: `Missing required key "${key}"${title ? ` (${title})` : ''} in ${where}${conditionOf(error)}.`,
      };
    }
    case 'type': {
      const expected = String(error.params.type);
      return {
        ruleId: 'schema/type', pointer: at, anchor: 'value', indicatorPointer: at,
        message: `${where} must be ${TYPE_NAMES[expected] ?? expected}, not ${describeValue(value)}.`,
      };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const hint = typeof value === 'string' ? didYouMean(value, allowed) : '';
      return {
        ruleId: 'schema/enum', pointer: at, anchor: 'value', indicatorPointer: at,
        message: `${where} is ${describeValue(value)}, which is not allowed.${hint || ` Use one of: ${allowed.join(', ')}.`}`,
      };
    }
    case 'if':
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
      return undefined;
    default: {
      const reason: Record<string, string> = {
        minItems: `must list at least ${error.params.limit} item${error.params.limit === 1 ? '' : 's'}`,
        maxItems: `may list at most ${error.params.limit} items`,
        minLength: 'must not be empty',
        maxLength: `must be at most ${error.params.limit} characters long`,
        minimum: `must be at least ${error.params.limit}`,
        maximum: `must be at most ${error.params.limit}`,
        uniqueItems: `lists the same item twice (items ${Number(error.params.j) + 1} and ${Number(error.params.i) + 1})`,
        pattern: error.params.pattern === '^\\d{4}-\\d{2}-\\d{2}$' ? 'must be a date written YYYY-MM-DD' : `must match ${error.params.pattern}`,
      };
      return {
        ruleId: 'schema/invalid-value', pointer: at, anchor: 'value', indicatorPointer: at,
        message: `${where} ${reason[error.keyword] ?? error.message ?? 'is not valid'}.`,
      };
    }
  }
}

/** Validates the loaded data against the nomination schema: one diagnostic per problem, on the right node. */
export function validateSchema(loaded: LoadedFile): Diagnostic[] {
  const validate = nominationValidator();
  if (validate(loaded.data)) return [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const error of validate.errors ?? []) {
    const mapped = mapError(error, loaded.data);
    if (!mapped) continue;
    const key = `${mapped.ruleId}\0${mapped.pointer}\0${mapped.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const span = loaded.locate(mapped.pointer, mapped.anchor);
    diagnostics.push({
      ruleId: mapped.ruleId,
      indicator: indicatorForPath(mapped.indicatorPointer),
      severity: 'error',
      message: mapped.message,
      path: mapped.pointer,
      ...span,
    });
  }
  return diagnostics;
}
