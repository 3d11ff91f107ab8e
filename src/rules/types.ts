import type { MaybeNomination } from '../core/nomination.js';
import { indicatorForPath } from '../core/indicators.js';
import type { Diagnostic, Fix, IndicatorId, Severity } from '../core/types.js';

export interface ReportDescriptor {
  /** JSON pointer of the offending node. */
  path: string;
  /** Report at the key of `path` instead of its value (e.g. for a missing or misplaced entry). */
  at?: 'key' | 'value';
  messageId: string;
  data?: Record<string, string | number>;
  fix?: Fix;
  /** The Standard version that introduced this requirement, when it differs from the rule's `since`. */
  since?: string;
}

interface RuleContext {
  file: string;
  data: MaybeNomination;
  /** The rule's options: its defaults merged with dpg.config.yaml. */
  options: Record<string, unknown>;
  /** The date validation runs for (recognition expiry, review dates). */
  now: Date;
  /** Ids of every rule in the run (rules cannot import the registry: it imports them). */
  ruleIds: readonly string[];
  report(descriptor: ReportDescriptor): void;
}

export interface RegistryEntry<Summary = unknown> {
  file: string;
  /** What the rule's `collect` kept of the file. */
  summary: Summary;
}

interface RegistryContext<Summary = unknown> {
  /**
   * The nominations that could be read, sorted by file: every one of the registry, or, for a rule with
   * `keys`, at least the files checked and every file sharing a key with one of them.
   */
  entries: readonly RegistryEntry<Summary>[];
  options: Record<string, unknown>;
  now: Date;
  report(file: string, descriptor: ReportDescriptor): void;
}

interface RuleMeta {
  /** Same as the file name under src/rules, e.g. "license/approved-for-category". */
  id: string;
  /** The indicator the rule checks; null for file-level and identity rules. */
  indicator: IndicatorId | null;
  /** One line: what the rule checks. */
  description: string;
  defaultSeverity: Severity;
  /** Message templates keyed by message id; `{name}` placeholders are filled from report data. */
  messages: Record<string, string>;
  /** What the autofix does, when the rule offers one. */
  fixable?: string;
  defaultOptions?: Record<string, unknown>;
  /**
   * JSON Schema of the rule's options (a mapping; ESLint's `meta.schema`). Every rule that reads options
   * declares one: dpg.config.yaml is checked against it when it is loaded, so a rule never sees a bad option.
   */
  optionsSchema?: Record<string, unknown>;
  /**
   * For a file rule whose outcome depends on the date (`now`): the top-level keys of the nomination it
   * reads. Such a rule runs on every validation over these keys, which the results cache keeps per file.
   */
  reads?: readonly string[];
  /**
   * The version of the DPG Standard that introduced the requirement. For an approved record assessed
   * under an older version, the engine turns the rule's errors into warnings due at the next review.
   */
  since?: string;
}

/** A check on one nomination at a time. */
export interface FileRule extends RuleMeta {
  kind: 'file';
  check(context: RuleContext): void;
}

/** A check across every nomination of the registry (duplicates, naming). */
export interface RegistryRule<Summary = unknown> extends RuleMeta {
  kind: 'registry';
  /**
   * What the rule needs of one nomination, as plain JSON data. It is worked out once per file content (on
   * worker threads, and kept in the results cache), so a run over a large registry reads only these
   * summaries of the files it does not report on. Keep it small.
   *
   * `file` is the nomination's path as reported (for what its name stands for, such as its slug); the summary is
   * cached per file, so it may depend on it.
   */
  collect(data: MaybeNomination, options: Record<string, unknown>, file: string): Summary;
  /**
   * Optional: the keys by which a file's summary can meet another's (for a rule on duplicates, the values
   * two files must not share). With keys, `check` may be given only the files sharing a key with a file
   * checked, which is what lets `validate --changed` compare a few changed files with an index of the
   * base instead of reading every file's summary. Without keys, `check` always sees every file.
   */
  keys?(summary: Summary): readonly string[];
  /**
   * Compares the summaries and reports on the files concerned (only the files checked are reported). With
   * `keys`, the entries may be only the files checked and those sharing a key with one of them.
   */
  check(context: RegistryContext<Summary>): void;
}

/** Problems found while loading or schema-checking; reported by those stages, listed here for docs and config. */
export interface CoreRule extends RuleMeta {
  kind: 'core';
}

/** What an online rule gets: the nomination, plus network checks that are shared, bounded and cached. */
interface OnlineRuleContext {
  file: string;
  data: MaybeNomination;
  options: Record<string, unknown>;
  now: Date;
  report(descriptor: ReportDescriptor): void;
  /** Whether `url` answers: HEAD, else GET; redirects followed; one check per URL and run. */
  checkLink(url: string): Promise<LinkCheck>;
  /** GET `url` and keep its text (capped), for checks of what a page says. */
  readPage(url: string): Promise<PageRead>;
  /** A GitHub repository's state through the REST API. */
  githubRepository(owner: string, name: string): Promise<RepositoryCheck>;
}

/** A check that needs the network (`dpg validate --online`); validation without --online skips it. */
export interface OnlineRule extends RuleMeta {
  kind: 'online';
  check(context: OnlineRuleContext): Promise<void>;
}

export type Rule = FileRule | RegistryRule | CoreRule | OnlineRule;

/** Rules whose findings cannot be waived: a record that is not well-formed can never be published. */
export const UNWAIVABLE = /^(yaml|schema|internal)\//;

/** Longest value quoted in a message; the rest is cut, so a huge value cannot flood every report. */
const MAX_QUOTED_LENGTH = 300;

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!(key in data)) return whole;
    const value = String(data[key]);
    return value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value;
  });
}

/** Where a finding is: a JSON pointer into the document and its source span (1-based; the end exclusive). */
export interface ProblemLocation {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The start of a file, for findings about the file as a whole. */
export const FILE_START: ProblemLocation = { path: '', line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * The one way a finding is made: rule id, indicator and message come from the rule (its docs URL derives
 * from the id). The severity is the rule's default; the finish stage (src/lint/finish.ts) settles it.
 * `indicator` overrides the rule's (by default: the rule's, else the one the path belongs to).
 */
export function problemDiagnostic(
  rule: Pick<Rule, 'id' | 'indicator' | 'messages' | 'defaultSeverity' | 'since'>,
  messageId: string,
  data: Record<string, string | number> | undefined,
  location: ProblemLocation,
  extra: { fix?: Fix; since?: string; indicator?: IndicatorId | null } = {},
): Diagnostic {
  const template = rule.messages[messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} reported unknown message id "${messageId}"`);
  const since = extra.since ?? rule.since;
  return {
    ruleId: rule.id,
    indicator: extra.indicator !== undefined ? extra.indicator : (rule.indicator ?? indicatorForPath(location.path)),
    severity: rule.defaultSeverity,
    message: formatMessage(template, data),
    path: location.path,
    line: location.line,
    column: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
    ...(extra.fix ? { fix: extra.fix } : {}),
    ...(since ? { since } : {}),
  };
}

// What the online checks found, as the online rules read it (src/online makes these).
/** `ok`: the address answers; `broken`: it is gone; `unverified`: the check could not be made. */
export type LinkOutcome = 'ok' | 'broken' | 'unverified';

export interface LinkCheck {
  url: string;
  outcome: LinkOutcome;
  /** Status of the last answer, when there was one. */
  status?: number;
  /** Why the link is broken or unverified, in words ("404 Not Found", "redirect loop", "refused: private address …"). */
  reason: string;
  /** True when the server answered 404 or 410 itself (not a DNS or connection failure). */
  gone?: boolean;
}

export interface PageRead extends LinkCheck {
  /** The page's visible text (markup removed, size-capped) when it answered with text. */
  text?: string;
}

export interface RepositoryCheck {
  /** `found`, `missing` (GitHub answers 404) or `unverified` (rate limit, network, …). */
  outcome: 'found' | 'missing' | 'unverified';
  reason: string;
  archived?: boolean;
  /** ISO date-time of the last push. */
  pushedAt?: string;
  /** The SPDX id GitHub detects ("NOASSERTION" when it sees a licence it cannot name); absent when none. */
  license?: string;
}
