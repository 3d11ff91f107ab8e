import type { Rule } from '../rules/types.js';

/** owner/name of a GitHub repository (also the pattern of site.repository in the configuration schema). */
export const REPOSITORY_NAME = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
/** A branch name git accepts and a URL can carry as it is (also the pattern of site.branch). */
export const BRANCH_NAME = /^(?!.*\.\.)(?!\/)(?!.*\/$)[A-Za-z0-9._/-]+$/;

const SEVERITY_SETTINGS = ['off', 'info', 'warning', 'error'] as const;
export const PRESETS = ['recommended', 'strict'] as const;

const severity = { enum: [...SEVERITY_SETTINGS], description: 'off, info, warning or error.' };
const path = (description: string) => ({ type: 'string', minLength: 1, description });
const wholeNumber = (minimum: number, maximum: number, description: string) => ({ type: 'integer', minimum, maximum, description });
const hostList = (description: string) => ({
  type: 'array',
  items: { type: 'string', pattern: '^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$|^\\[[0-9A-Fa-f:.]+\\]$' },
  description,
});

const SEVERITY_REF = { $ref: '#/$defs/severity' };
const NO_OPTIONS_REF = { $ref: '#/$defs/noOptions' };

/**
 * The setting of a rule: `severity`, `[severity]`, `[severity, {options}]` or `{severity, options}`.
 * Chained if/then/else rather than anyOf, so a bad value yields the one error of the form it was written in.
 */
function settingSchema(options: Record<string, unknown>): Record<string, unknown> {
  return {
    if: { type: 'array', maxItems: 1 },
    then: { type: 'array', minItems: 1, maxItems: 1, prefixItems: [SEVERITY_REF], items: false },
    else: {
      if: { type: 'array' },
      then: { type: 'array', minItems: 2, maxItems: 2, prefixItems: [SEVERITY_REF, options], items: false },
      else: {
        if: { type: 'object' },
        then: { type: 'object', additionalProperties: false, properties: { severity: SEVERITY_REF, options } },
        else: SEVERITY_REF,
      },
    },
  };
}

/** Rules without options share one definition, which keeps the schema and its compiled validator small. */
function ruleSettingSchema(rule: Rule): Record<string, unknown> {
  return rule.optionsSchema
    ? { description: rule.description, ...settingSchema(rule.optionsSchema) }
    : { description: rule.description, $ref: '#/$defs/setting' };
}

/**
 * The JSON Schema of dpg.config.yaml, with each rule's setting and options. schemas/config.schema.json is
 * this schema for the built-in rules (a test keeps them equal); the build compiles that file to standalone code.
 */
export function configSchema(rules: readonly Rule[]): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/dpg-registry/dpg/blob/main/schemas/config.schema.json',
    title: 'dpg.config.yaml',
    description:
      'Configuration of dpg: the registry folder, rule severities and options, review and online checks (docs/configuration.md).',
    type: 'object',
    additionalProperties: false,
    $defs: {
      severity,
      noOptions: { type: 'object', additionalProperties: false, description: 'This rule takes no options.' },
      setting: settingSchema(NO_OPTIONS_REF),
    },
    properties: {
      preset: { enum: [...PRESETS], description: "recommended keeps each rule's default severity; strict makes every warning an error." },
      registry: path('Folder of the nominations, relative to this file.'),
      docsBaseUrl: {
        type: 'string',
        pattern: '^https?://',
        description: "Where the rule pages live; a rule's page is <docsBaseUrl><rule id>.md.",
      },
      allowedPaths: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Paths or globs a pull request may change besides nominations.',
      },
      rules: {
        type: 'object',
        additionalProperties: false,
        description: 'Severity and options per rule id, overriding the preset.',
        properties: Object.fromEntries(rules.map((rule) => [rule.id, ruleSettingSchema(rule)])),
      },
      review: {
        type: 'object',
        additionalProperties: false,
        description: 'Human review (docs/review.md).',
        properties: {
          reviewersFile: path('reviewers.yaml: maintainers and Communities of Practice, relative to this file.'),
          reviewsDir: path('Folder of review records, relative to this file, outside the registry folder.'),
          minReviews: wholeNumber(0, 100, 'Reviews without a conflict of interest a decision needs.'),
        },
      },
      site: {
        type: 'object',
        additionalProperties: false,
        description: 'The published website (docs/build.md): where its "View the source file" and "Suggest an edit" links point.',
        properties: {
          repository: {
            type: 'string',
            pattern: REPOSITORY_NAME.source,
            description: 'owner/name of the GitHub repository holding the registry.',
          },
          branch: { type: 'string', pattern: BRANCH_NAME.source, description: 'Branch the links name (default: main).' },
        },
      },
      online: {
        type: 'object',
        additionalProperties: false,
        description: 'Limits and host lists of dpg validate --online (docs/online.md).',
        properties: {
          timeoutMs: wholeNumber(1, 600_000, 'Longest wait for one request, in milliseconds.'),
          retries: wholeNumber(0, 10, 'Retries of a 5xx answer or a reset connection, with exponential back-off.'),
          concurrency: wholeNumber(1, 64, 'Requests in flight at once, over all hosts.'),
          hostConcurrency: wholeNumber(1, 16, 'Requests in flight at once to one host.'),
          cacheTtl: {
            description: 'How long ok and broken results are reused: 24h, 30m, 7d, 500ms or 0.',
            if: { type: 'string' },
            then: { type: 'string', pattern: '^(0|[0-9]+(ms|s|m|h|d))$' },
            else: { const: 0 },
          },
          allowHosts: hostList('Hosts that may resolve to private addresses; *.example.org matches subdomains.'),
          denyHosts: hostList('Hosts never contacted; their links are reported as unverified.'),
        },
      },
    },
  };
}
