import { parse } from 'yaml';
import { DEFAULT_ONLINE_SETTINGS, parseOnlineSettings, type OnlineSettings } from '../online/settings.js';
import type { Rule } from '../rules/types.js';
import type { Severity, SeveritySetting } from '../core/types.js';
import { didYouMean } from '../util/suggest.js';

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
export const PRESETS = ['recommended', 'strict'] as const;
export type Preset = (typeof PRESETS)[number];

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

export interface ReviewConfig {
  /** reviewers.yaml: maintainers and Communities of Practice, relative to the config file. */
  reviewersFile: string;
  /** Folder of review records (`<slug>/<reviewer>.yaml`), relative to the config file, outside the registry folder. */
  reviewsDir: string;
  /** Reviews (without a conflict of interest) a nomination needs before a decision. */
  minReviews: number;
}

/** A problem with dpg.config.yaml or command-line options: the CLI exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const SEVERITIES: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
const KNOWN_KEYS = Object.keys(DEFAULT_CONFIG);

function parseRuleSetting(id: string, value: unknown, source: string): Partial<RuleSetting> {
  const where = `${source}: rules.${id}`;
  const severityOf = (s: unknown): SeveritySetting => {
    if (typeof s === 'string' && (SEVERITIES as string[]).includes(s)) return s as SeveritySetting;
    throw new UsageError(`${where}: severity must be one of ${SEVERITIES.join(', ')}, not ${JSON.stringify(s)}.`);
  };
  const optionsOf = (o: unknown): Record<string, unknown> => {
    if (o !== null && typeof o === 'object' && !Array.isArray(o)) return o as Record<string, unknown>;
    throw new UsageError(`${where}: options must be a mapping.`);
  };
  if (typeof value === 'string') return { severity: severityOf(value) };
  if (Array.isArray(value)) {
    if (value.length < 1 || value.length > 2) throw new UsageError(`${where}: write [severity] or [severity, {options}].`);
    return value.length === 2 ? { severity: severityOf(value[0]), options: optionsOf(value[1]) } : { severity: severityOf(value[0]) };
  }
  if (value !== null && typeof value === 'object') {
    const { severity, options, ...rest } = value as Record<string, unknown>;
    if (Object.keys(rest).length) throw new UsageError(`${where}: unknown key "${Object.keys(rest)[0]}" (use severity and options).`);
    return { ...(severity !== undefined ? { severity: severityOf(severity) } : {}), ...(options !== undefined ? { options: optionsOf(options) } : {}) };
  }
  throw new UsageError(`${where}: write a severity (${SEVERITIES.join(', ')}) or [severity, {options}].`);
}

/** Parses dpg.config.yaml text, checking every rule id and option against the known rules. */
export function parseConfig(text: string, rules: readonly Rule[], source = CONFIG_FILE): Config {
  let raw: unknown;
  try {
    raw = parse(text, { uniqueKeys: true, maxAliasCount: 50 }) ?? {};
  } catch (err) {
    throw new UsageError(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${source}: must be a mapping.`);
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.includes(key)) throw new UsageError(`${source}: unknown key "${key}".${didYouMean(key, KNOWN_KEYS)}`);
  }
  const config: Config = { ...DEFAULT_CONFIG, rules: {} };
  if (input.preset !== undefined) {
    if (!(PRESETS as readonly unknown[]).includes(input.preset)) {
      throw new UsageError(`${source}: preset must be one of ${PRESETS.join(', ')}, not ${JSON.stringify(input.preset)}.`);
    }
    config.preset = input.preset as Preset;
  }
  if (input.registry !== undefined) {
    if (typeof input.registry !== 'string' || !input.registry) throw new UsageError(`${source}: registry must be a folder path.`);
    config.registry = input.registry;
  }
  if (input.docsBaseUrl !== undefined) {
    if (typeof input.docsBaseUrl !== 'string' || !/^https?:\/\//.test(input.docsBaseUrl)) throw new UsageError(`${source}: docsBaseUrl must be an http(s) URL.`);
    config.docsBaseUrl = input.docsBaseUrl.endsWith('/') ? input.docsBaseUrl : input.docsBaseUrl + '/';
  }
  if (input.allowedPaths !== undefined) {
    if (!Array.isArray(input.allowedPaths) || !input.allowedPaths.every((p) => typeof p === 'string')) {
      throw new UsageError(`${source}: allowedPaths must be a list of paths or globs.`);
    }
    config.allowedPaths = input.allowedPaths as string[];
  }
  if (input.online !== undefined) {
    const online = parseOnlineSettings(input.online, source);
    if (typeof online === 'string') throw new UsageError(online);
    config.online = online;
  }
  if (input.review !== undefined) config.review = parseReviewConfig(input.review, source);
  if (input.site !== undefined) config.site = parseSiteConfig(input.site, source);
  if (input.rules !== undefined) {
    if (input.rules === null || typeof input.rules !== 'object' || Array.isArray(input.rules)) throw new UsageError(`${source}: rules must be a mapping of rule id to setting.`);
    const ids = rules.map((r) => r.id);
    for (const [id, value] of Object.entries(input.rules as Record<string, unknown>)) {
      const rule = rules.find((r) => r.id === id);
      if (!rule) throw new UsageError(`${source}: unknown rule "${id}".${didYouMean(id, ids)} Run \`dpg rules\` to list them.`);
      const setting = parseRuleSetting(id, value, source);
      for (const option of Object.keys(setting.options ?? {})) {
        const known = Object.keys(rule.defaultOptions ?? {});
        if (!known.includes(option)) {
          throw new UsageError(`${source}: rule ${id} has no option "${option}".${known.length ? ` Options: ${known.join(', ')}.` : ' It takes no options.'}`);
        }
      }
      config.rules[id] = setting;
    }
  }
  return config;
}

function parseReviewConfig(value: unknown, source: string): ReviewConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${source}: review must be a mapping (reviewersFile, reviewsDir, minReviews).`);
  const review = { ...DEFAULT_CONFIG.review };
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'minReviews') {
      if (!Number.isSafeInteger(v) || (v as number) < 0) throw new UsageError(`${source}: review.minReviews must be a whole number, not ${JSON.stringify(v)}.`);
      review.minReviews = v as number;
    } else if (key === 'reviewersFile' || key === 'reviewsDir') {
      if (typeof v !== 'string' || !v) throw new UsageError(`${source}: review.${key} must be a path.`);
      review[key] = v;
    } else {
      throw new UsageError(`${source}: unknown key "review.${key}".${didYouMean(key, Object.keys(review))}`);
    }
  }
  return review;
}

export const REPOSITORY_NAME = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
/** A branch name git accepts and a URL can carry as it is. */
export const BRANCH_NAME = /^(?!.*\.\.)(?!\/)(?!.*\/$)[A-Za-z0-9._\/-]+$/;

function parseSiteConfig(value: unknown, source: string): SiteConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${source}: site must be a mapping (repository, branch).`);
  const site: SiteConfig = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'repository') {
      if (typeof v !== 'string' || !REPOSITORY_NAME.test(v)) throw new UsageError(`${source}: site.repository must be owner/name, such as dpg-registry/dpg, not ${JSON.stringify(v)}.`);
      site.repository = v;
    } else if (key === 'branch') {
      if (typeof v !== 'string' || !BRANCH_NAME.test(v)) throw new UsageError(`${source}: site.branch must be a branch name, not ${JSON.stringify(v)}.`);
      site.branch = v;
    } else {
      throw new UsageError(`${source}: unknown key "site.${key}".${didYouMean(key, ['repository', 'branch'])}`);
    }
  }
  return site;
}

function presetSeverity(rule: Rule, preset: Preset): SeveritySetting {
  return preset === 'strict' && rule.defaultSeverity === 'warning' ? 'error' : rule.defaultSeverity;
}

/** The effective severity and options of a rule under a config: rule setting, else preset, else default. */
export function ruleSetting(rule: Rule, config: Config): { severity: SeveritySetting; options: Record<string, unknown> } {
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

export type { Severity };
