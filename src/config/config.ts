import { createRequire } from 'node:module';
import { yaml } from '../util/yaml.js';
import type { ValidateFunction } from 'ajv';
import { LineCounter, locateIn, positionsOf, type Anchor, type Span } from '../load/positions.js';
import { DEFAULT_ONLINE_SETTINGS, parseOnlineSettings, type OnlineSettings } from './online.js';
import type { Rule } from '../rules/types.js';
import { schemaValidator } from '../schema/validate.js';
import type { SeveritySetting } from '../core/types.js';
import { configProblems } from './problems.js';
import type { PRESETS } from './schema.js';

import { UsageError } from '../core/errors.js';

const require = createRequire(import.meta.url);

export const CONFIG_FILE = 'dpg.config.yaml';
export const DEFAULT_DOCS_BASE_URL = 'https://github.com/dpg-registry/dpg/blob/main/docs/rules/';

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

/**
 * Severity presets: `recommended` keeps every rule's default; `strict` makes warnings errors, for
 * registries that want nothing merged with open warnings.
 */
type Preset = (typeof PRESETS)[number];

export interface Config {
  /** The severity preset the per-rule settings start from. */
  preset: Preset;
  /** Folder holding the nominations, relative to the config file. */
  registry: string;
  /** Per-rule severity and options, overriding the rules' defaults. */
  rules: Record<string, Partial<RuleSetting>>;
  /** Where rule documentation lives; a rule's page is `<docsBaseUrl><rule id>.md`. */
  docsBaseUrl: string;
  /** Paths (globs) a pull request may change besides nominations, for `validate --changed`. */
  allowedPaths: string[];
  /** Limits and host lists of `validate --online` (see docs/online.md). */
  online: OnlineSettings;
  /** Human review: reviewers.yaml, review records and what makes a nomination ready for a decision. */
  review: ReviewConfig;
  /**
   * Every rule's effective severity and options, resolved once by parseConfig; what the engine reads.
   * A configuration built in code without it is resolved on each use of ruleSetting.
   */
  settings?: Readonly<Record<string, RuleSetting>>;
  /** The published website (`dpg build`): the repository its "View the source file" links point at. */
  site: SiteConfig;
}

export interface SiteConfig {
  /** owner/name of the GitHub repository holding the registry. */
  repository?: string;
  /** Branch the links name (default: main). */
  branch?: string;
}

export const DEFAULT_CONFIG: Config = {
  preset: 'recommended',
  registry: 'nominations',
  rules: {},
  docsBaseUrl: DEFAULT_DOCS_BASE_URL,
  allowedPaths: [],
  online: DEFAULT_ONLINE_SETTINGS,
  review: { reviewersFile: 'reviewers.yaml', reviewsDir: 'reviews', minReviews: 2 },
  site: {},
};

interface ReviewConfig {
  /** reviewers.yaml: maintainers and Communities of Practice, relative to the config file. */
  reviewersFile: string;
  /** Folder of review records (`<slug>/<reviewer>.yaml`), relative to the config file, outside the registry folder. */
  reviewsDir: string;
  /** Reviews (without a conflict of interest) a nomination needs before a decision. */
  minReviews: number;
}

/** One problem of a configuration file, at its place in the text. */
export interface ConfigProblem extends Span {
  /** JSON pointer of the offending node. */
  path: string;
  message: string;
}

/** A configuration file that cannot be used: every problem found in it, each with its line and column. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(formatProblems(source, problems));
  }
}

function formatProblems(source: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => `  ${source}:${p.line}:${p.column}  ${p.message}`);
  return `${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'} (see docs/configuration.md):\n${lines.join('\n')}`;
}

/** schemas/config.schema.json: the schema of dpg.config.yaml with the options of the built-in rules. */
function configSchemaJson(): Record<string, unknown> {
  return require('../../schemas/config.schema.json') as Record<string, unknown>;
}

/** The precompiled validator of dpg.config.yaml (compiled on first use only when running from the sources). */
function configValidator(): ValidateFunction {
  return schemaValidator('config', configSchemaJson());
}

interface ParsedText {
  data: unknown;
  locate(pointer: string, anchor: Anchor): Span;
}

function parseText(text: string, source: string): ParsedText {
  const lineCounter = new LineCounter();
  const doc = yaml().parseDocument(text, { uniqueKeys: true, lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    throw new ConfigError(
      source,
      doc.errors.map((error) => {
        const start = lineCounter.linePos(error.pos[0]);
        const end = lineCounter.linePos(Math.max(error.pos[0], error.pos[1]));
        return {
          path: '',
          line: start.line,
          column: start.col,
          endLine: end.line,
          endColumn: end.col,
          message: `not valid YAML: ${error.message.split('\n')[0]}`,
        };
      }),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (err) {
    throw new ConfigError(source, [
      { path: '', line: 1, column: 1, endLine: 1, endColumn: 1, message: `not valid YAML: ${(err as Error).message.split('\n')[0]}` },
    ]);
  }
  const positions = positionsOf(doc);
  return { data: data ?? {}, locate: (pointer, anchor) => locateIn(positions, lineCounter, pointer, anchor) };
}

/**
 * Parses dpg.config.yaml text: checks it against the configuration schema, which holds every rule's
 * options schema, and resolves each rule's severity and options once. A file with problems throws a
 * ConfigError listing all of them.
 */
export function parseConfig(text: string, rules: readonly Rule[], source = CONFIG_FILE): Config {
  const parsed = parseText(text, source);
  const validate = configValidator();
  if (!validate(parsed.data)) {
    const problems = configProblems(validate.errors ?? [], parsed.data, configSchemaJson())
      .map((p) => ({ path: p.path, message: p.message, ...parsed.locate(p.path, p.anchor) }))
      .sort((a, b) => a.line - b.line || a.column - b.column || a.message.localeCompare(b.message));
    throw new ConfigError(source, problems);
  }
  const input = parsed.data as Record<string, unknown>;
  const config: Config = { ...DEFAULT_CONFIG, rules: {} };
  if (input.preset !== undefined) config.preset = input.preset as Preset;
  if (input.registry !== undefined) config.registry = input.registry as string;
  if (input.docsBaseUrl !== undefined) {
    const url = input.docsBaseUrl as string;
    config.docsBaseUrl = url.endsWith('/') ? url : url + '/';
  }
  if (input.allowedPaths !== undefined) config.allowedPaths = input.allowedPaths as string[];
  if (input.online !== undefined) {
    const online = parseOnlineSettings(input.online, source);
    if (typeof online === 'string') throw new UsageError(online);
    config.online = online;
  }
  if (input.site !== undefined) config.site = { ...(input.site as SiteConfig) };
  if (input.review !== undefined) config.review = { ...DEFAULT_CONFIG.review, ...(input.review as Partial<ReviewConfig>) };
  for (const [id, value] of Object.entries((input.rules ?? {}) as Record<string, unknown>)) config.rules[id] = ruleSettingOf(value);
  return { ...config, settings: resolveRuleSettings(rules, config) };
}

/** A rule's setting as written, once the schema has accepted it: `severity`, `[severity, {options}]` or `{severity, options}`. */
function ruleSettingOf(value: unknown): Partial<RuleSetting> {
  if (typeof value === 'string') return { severity: value as SeveritySetting };
  if (Array.isArray(value)) {
    return { severity: value[0] as SeveritySetting, ...(value.length === 2 ? { options: value[1] as Record<string, unknown> } : {}) };
  }
  const { severity, options } = value as Partial<RuleSetting>;
  return { ...(severity !== undefined ? { severity } : {}), ...(options !== undefined ? { options } : {}) };
}

/** Every rule's effective severity and options under a configuration, resolved once (see Config.settings). */
function resolveRuleSettings(rules: readonly Rule[], config: Config): Record<string, RuleSetting> {
  return Object.fromEntries(rules.map((rule) => [rule.id, resolveRuleSetting(rule, config)]));
}

function presetSeverity(rule: Rule, preset: Preset): SeveritySetting {
  return preset === 'strict' && rule.defaultSeverity === 'warning' ? 'error' : rule.defaultSeverity;
}

/** The effective severity and options of a rule under a config: rule setting, else preset, else default. */
export function ruleSetting(rule: Rule, config: Config): RuleSetting {
  return config.settings?.[rule.id] ?? resolveRuleSetting(rule, config);
}

function resolveRuleSetting(rule: Rule, config: Config): RuleSetting {
  const setting = config.rules[rule.id];
  return {
    severity: setting?.severity ?? presetSeverity(rule, config.preset),
    options: { ...(rule.defaultOptions ?? {}), ...(setting?.options ?? {}) },
  };
}

/** The documentation page of a rule: the one place its address is derived. */
export function docsUrl(ruleId: string, config: Pick<Config, 'docsBaseUrl'> = DEFAULT_CONFIG): string {
  return `${config.docsBaseUrl}${ruleId.split('/').map(encodeURIComponent).join('/')}.md`;
}
