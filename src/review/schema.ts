import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import type { LoadedFile } from '../load/load.js';
import { joinPointer, pointerSegments } from '../core/pointer.js';
import { describeValue, humanPath, schemaValidator, TYPE_NAMES, valueAt, type SchemaName } from '../schema/validate.js';
import type { Diagnostic } from '../core/types.js';
import { problemDiagnostic, type CoreRule } from '../rules/types.js';
import { didYouMean, didYouMeanTerm } from '../util/suggest.js';

const require = createRequire(import.meta.url);

/** The schema of review records or of the reviewers file, read when a file fails it (for the message). */
const schemaOf = (name: Exclude<SchemaName, 'nomination'>): Record<string, unknown> =>
  name === 'review' ? require('../../schemas/review.schema.json') : require('../../schemas/reviewers.schema.json');

function schemaNode(schema: Record<string, unknown>, schemaPath: string): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const s of pointerSegments(schemaPath.replace(/^#/, ''))) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

function describeError(
  schema: Record<string, unknown>,
  error: ErrorObject,
  data: unknown,
  what: string,
): { pointer: string; anchor: 'key' | 'value'; messageId: string; data: Record<string, string> } | undefined {
  const at = error.instancePath;
  const where = at ? humanPath(at) : what;
  const value = valueAt(data, at);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const parent = schemaNode(schema, error.schemaPath.replace(/\/additionalProperties$/, ''));
      const known = Object.keys((parent?.properties as object | undefined) ?? {});
      return {
        pointer: joinPointer(at, key),
        anchor: 'key',
        messageId: 'unknown',
        data: { key, where, hint: didYouMean(key, known) || ` Allowed keys: ${known.join(', ')}.` },
      };
    }
    case 'required':
      return { pointer: at, anchor: 'key', messageId: 'required', data: { key: String(error.params.missingProperty), where } };
    case 'type':
      return {
        pointer: at,
        anchor: 'value',
        messageId: 'type',
        data: { where, expected: TYPE_NAMES[String(error.params.type)] ?? String(error.params.type), value: describeValue(value) },
      };
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const hint = typeof value === 'string' ? didYouMeanTerm(value, allowed) : '';
      return {
        pointer: at,
        anchor: 'value',
        messageId: 'enum',
        data: { where, value: describeValue(value), hint: hint || ` Use one of: ${allowed.join(', ')}.` },
      };
    }
    case 'pattern': {
      const node = schemaNode(schema, error.schemaPath.replace(/\/pattern$/, ''));
      const hint = typeof node?.description === 'string' ? ` (${node.description.replace(/\.$/, '')})` : '';
      return { pointer: at, anchor: 'value', messageId: 'pattern', data: { where, value: describeValue(value), hint } };
    }
    case 'if':
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
      return undefined;
    default: {
      const reason: Record<string, string> = {
        minItems: `must list at least ${error.params.limit} item${error.params.limit === 1 ? '' : 's'}`,
        minProperties: `must hold at least ${error.params.limit} entr${error.params.limit === 1 ? 'y' : 'ies'}`,
        minLength: 'must not be empty',
        maxLength: `must be at most ${error.params.limit} characters long`,
        minimum: `must be at least ${error.params.limit}`,
        maximum: `must be at most ${error.params.limit}`,
        uniqueItems: `lists the same item twice (items ${Number(error.params.j) + 1} and ${Number(error.params.i) + 1})`,
      };
      return {
        pointer: at,
        anchor: 'value',
        messageId: 'invalid',
        data: { where, reason: reason[error.keyword] ?? error.message ?? 'is not valid' },
      };
    }
  }
}

/**
 * Checks loaded data against one of the review schemas: one diagnostic per problem, reported by `rule`
 * with its messages, placed on the offending node. `what` names the document in messages ("the review").
 */
export function schemaDiagnostics(loaded: LoadedFile, name: Exclude<SchemaName, 'nomination'>, rule: CoreRule, what: string): Diagnostic[] {
  const schema = schemaOf(name);
  const validate = schemaValidator(name, schema);
  if (validate(loaded.data)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of validate.errors ?? []) {
    const described = describeError(schema, error, loaded.data, what);
    if (!described) continue;
    const diagnostic = problemDiagnostic(
      rule,
      described.messageId,
      described.data,
      { path: described.pointer, ...loaded.locate(described.pointer, described.anchor) },
      { indicator: null },
    );
    const key = `${diagnostic.path}\0${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic);
  }
  return out;
}
