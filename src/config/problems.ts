import type { ErrorObject } from 'ajv';
import { joinPointer, pointerSegments } from '../core/pointer.js';
import { type Anchor } from '../load/positions.js';
import { describeValue, TYPE_NAMES, valueAt } from '../schema/validate.js';
import { didYouMean, didYouMeanTerm } from '../util/suggest.js';

export interface MappedProblem {
  /** JSON pointer of the offending node of the configuration. */
  path: string;
  anchor: Anchor;
  message: string;
}

/** What a value must be, for the settings whose schema alone would make an obscure message (a pattern, a const). */
const EXPECTED: Record<string, string> = {
  '/registry': 'a folder path',
  '/docsBaseUrl': 'an http(s) URL',
  '/allowedPaths': 'a list of paths or globs',
  '/review/reviewersFile': 'a path',
  '/review/reviewsDir': 'a path',
  '/site/repository': 'owner/name of a GitHub repository, such as dpg-registry/dpg',
  '/site/branch': 'a branch name',
  '/online/cacheTtl': 'a duration such as 24h, 30m or 7d',
  '/online/allowHosts': 'a list of host names (e.g. registry.example.org or *.example.org)',
  '/online/denyHosts': 'a list of host names (e.g. registry.example.org or *.example.org)',
};

interface RulePlace {
  id: string;
  /** Where under the rule's setting: the severity, the options mapping, one option, or the setting as a whole. */
  part: 'severity' | 'options' | 'setting';
  /** The option's path inside the options, e.g. "max" or "genericAliases[0]". */
  option?: string;
}

function dotted(segments: readonly string[]): string {
  return segments.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Where a pointer of the configuration leads, when it is inside a rule's setting. */
function rulePlace(pointer: string): RulePlace | undefined {
  const segments = pointerSegments(pointer);
  if (segments[0] !== 'rules' || segments.length < 2) return undefined;
  const id = segments[1]!;
  const [first, ...rest] = segments.slice(2);
  if (first === undefined) return { id, part: 'setting' };
  if (first === '0' || first === 'severity') return { id, part: 'severity' };
  if (first === '1' || first === 'options') return rest.length ? { id, part: 'options', option: dotted(rest) } : { id, part: 'options' };
  return { id, part: 'setting' };
}

/** A configuration path as people read it in the file: `online.timeoutMs`, `option max of rule sdg/max-goals`. */
function describePath(pointer: string): string {
  const place = rulePlace(pointer);
  if (place) {
    if (place.part === 'severity') return `the severity of rule ${place.id}`;
    if (place.part === 'options') return place.option ? `option ${place.option} of rule ${place.id}` : `the options of rule ${place.id}`;
    return `rule ${place.id}`;
  }
  const segments = pointerSegments(pointer);
  return segments.length ? dotted(segments) : 'the configuration';
}

/** The schema node a schemaPath leads to, minus `drop` trailing segments. */
function schemaAt(schema: unknown, schemaPath: string, drop: number): Record<string, unknown> | undefined {
  const segments = pointerSegments(schemaPath.replace(/^#/, ''));
  let node = schema;
  for (const s of segments.slice(0, segments.length - drop)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/** The pointer of the list a pointer is an item of, when that list has an EXPECTED description. */
function describedList(pointer: string): string | undefined {
  const list = pointer.replace(/\/\d+$/, '');
  return list !== pointer && EXPECTED[list] ? list : undefined;
}

function mapError(error: ErrorObject, data: unknown, schema: unknown): MappedProblem | undefined {
  const at = error.instancePath;
  const where = describePath(at);
  const value = valueAt(data, at);
  const node = schemaAt(schema, error.schemaPath, 1);
  const list = describedList(at);
  if (list && error.keyword !== 'type' && error.keyword !== 'additionalProperties') {
    return { path: at, anchor: 'value', message: `${describePath(list)} must be ${EXPECTED[list]}; ${where} is ${describeValue(value)}.` };
  }
  if (EXPECTED[at] && ['type', 'pattern', 'const', 'minLength'].includes(error.keyword)) {
    return { path: at, anchor: 'value', message: `${where} must be ${EXPECTED[at]}, not ${describeValue(value)}.` };
  }
  const place = rulePlace(at);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const known = Object.keys((node?.properties as object | undefined) ?? {});
      const path = joinPointer(at, key);
      if (at === '')
        return { path, anchor: 'key', message: `unknown key "${key}".${didYouMean(key, known) || ` Keys: ${known.join(', ')}.`}` };
      if (at === '/rules')
        return { path, anchor: 'key', message: `unknown rule "${key}".${didYouMean(key, known)} Run \`dpg rules\` to list them.` };
      if (place?.part === 'options') {
        const hint = known.length ? didYouMean(key, known) || ` Options: ${known.join(', ')}.` : ' It takes no options.';
        return { path, anchor: 'key', message: `rule ${place.id} has no option "${key}".${hint}` };
      }
      if (place) return { path, anchor: 'key', message: `rule ${place.id} has no key "${key}" (use severity and options).` };
      return { path, anchor: 'key', message: `${where} has no key "${key}".${didYouMean(key, known) || ` Keys: ${known.join(', ')}.`}` };
    }
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map(String);
      const hint = typeof value === 'string' ? didYouMeanTerm(value, allowed) : '';
      const subject = place && place.part !== 'options' ? `the severity of rule ${place.id}` : where;
      return {
        path: at,
        anchor: 'value',
        message: `${subject} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}.${hint}`,
      };
    }
    case 'minItems':
    case 'maxItems':
    case 'items':
      if (place?.part === 'setting') {
        return {
          path: at,
          anchor: 'value',
          message: `rule ${place.id}: write a severity, [severity] or [severity, {options}], not a list of ${(value as unknown[]).length}.`,
        };
      }
      break;
    case 'if':
    case 'false schema':
      return undefined;
  }
  const expected =
    node?.type === 'integer' && typeof node.minimum === 'number' && typeof node.maximum === 'number'
      ? `a whole number from ${node.minimum} to ${node.maximum}`
      : error.keyword === 'type'
        ? (TYPE_NAMES[String(error.params.type)] ?? String(error.params.type))
        : undefined;
  if (expected && ['type', 'minimum', 'maximum'].includes(error.keyword)) {
    return { path: at, anchor: 'value', message: `${where} must be ${expected}, not ${describeValue(value)}.` };
  }
  const reason: Record<string, string> = {
    minItems: `must list at least ${error.params.limit} item${error.params.limit === 1 ? '' : 's'}`,
    maxItems: `may list at most ${error.params.limit} items`,
    minLength: 'must not be empty',
    minimum: `must be at least ${error.params.limit}`,
    maximum: `must be at most ${error.params.limit}`,
    pattern: `must match ${error.params.pattern}`,
  };
  return { path: at, anchor: 'value', message: `${where} ${reason[error.keyword] ?? error.message ?? 'is not valid'}.` };
}

/** The problems of a configuration, one per node and message, from the errors of its schema validation. */
export function configProblems(errors: readonly ErrorObject[], data: unknown, schema: unknown): MappedProblem[] {
  const seen = new Set<string>();
  const problems: MappedProblem[] = [];
  for (const error of errors) {
    const mapped = mapError(error, data, schema);
    if (!mapped) continue;
    const key = `${mapped.path}\0${mapped.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(mapped);
  }
  return problems;
}
