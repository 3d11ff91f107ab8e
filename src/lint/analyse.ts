import { ruleSetting, type Config } from '../config/config.js';
import { loadNomination, type LoadedFile } from '../load/load.js';
import type { LoadLimits } from '../load/limits.js';
import type { Anchor, Span } from '../load/positions.js';
import { asRecord, type MaybeNomination } from '../core/nomination.js';
import { rule as ruleError } from '../rules/internal/rule-error.js';
import { FILE_START, problemDiagnostic, type FileRule, type RegistryRule, type ReportDescriptor, type Rule } from '../rules/types.js';
import { validateSchema } from '../schema/validate.js';
import { VERSIONING_KEYS } from './due.js';
import type { Diagnostic } from '../core/types.js';

/**
 * What the checks run on every validation need of a file reported on (file rules reading `now`, waivers,
 * registry rules' findings): the top-level keys they read, and the source span of every node of the file,
 * so their findings get positions without the file being parsed again.
 */
export interface FileFacts {
  data: Record<string, unknown>;
  /** JSON pointer → [line, column, endLine, endColumn] of the value, then of the key when it differs. */
  spans: Record<string, number[]>;
}

/** The outcome of the per-file stages (load, schema, file rules) for one file. Plain data. */
export interface FileAnalysis {
  file: string;
  /** The file parsed into data; an unreadable file fails every indicator. */
  readable: boolean;
  /** The schema rejected the data (a rule tripping over odd data is then not reported as a crash). */
  schemaFailed: boolean;
  /** Findings of load, schema and the file rules that depend only on the file; severities unsettled. Absent for a facts-only analysis. */
  diagnostics?: Diagnostic[];
  /** Absent for a facts-only analysis. */
  facts?: FileFacts;
  /** Rule id → what each registry rule collected of the file (see RegistryRule.collect). */
  collected?: Record<string, unknown>;
  /** Rules that read `now` without declaring it (see Rule.reads): this result holds for this run only and is not cached. */
  datedBy?: string[];
}

export interface AnalyseOptions {
  config: Config;
  rules: readonly Rule[];
  limits: LoadLimits;
  /** false: only what registry rules collect (for files read for registry-wide checks but not reported on). */
  full: boolean;
  now: Date;
}

/** Rules whose outcome depends on the date or on other files: they run on facts in every validation. */
export function isContextual(rule: Rule): boolean {
  return rule.kind === 'registry' || (rule.kind === 'file' && rule.reads !== undefined);
}

/** What depends only on the rules and the configuration, worked out once per run rather than per file. */
interface RulePlan {
  /** File rules that depend only on the file, with their options. */
  fileRules: Array<{ rule: FileRule; options: Record<string, unknown> }>;
  /** Registry rules, whose `collect` runs per file. */
  registryRules: Array<{ rule: RegistryRule; options: Record<string, unknown> }>;
  factKeys: readonly string[] | 'all';
  ruleIds: readonly string[];
}

const plans = new WeakMap<readonly Rule[], WeakMap<Config, RulePlan>>();

function planFor(rules: readonly Rule[], config: Config): RulePlan {
  let byConfig = plans.get(rules);
  if (!byConfig) plans.set(rules, (byConfig = new WeakMap()));
  let plan = byConfig.get(config);
  if (!plan) {
    const fileRules = rules
      .filter((r): r is FileRule => r.kind === 'file' && !isContextual(r) && ruleSetting(r, config).severity !== 'off')
      .map((rule) => ({ rule, options: ruleSetting(rule, config).options }));
    const registryRules = rules
      .filter((r): r is RegistryRule => r.kind === 'registry' && ruleSetting(r, config).severity !== 'off')
      .map((rule) => ({ rule, options: ruleSetting(rule, config).options }));
    byConfig.set(config, (plan = { fileRules, registryRules, factKeys: factKeys(rules, config), ruleIds: rules.map((r) => r.id) }));
  }
  return plan;
}

/** The top-level keys the facts must keep: what file rules reading the date read, plus what settling every finding reads. */
function factKeys(rules: readonly Rule[], config: Config): readonly string[] | 'all' {
  // waivers apply to every finding; stage, review and standardVersion decide what is due at the next review.
  const keys = new Set<string>(['waivers', ...VERSIONING_KEYS]);
  for (const rule of rules) {
    if (rule.kind !== 'file' || !isContextual(rule) || ruleSetting(rule, config).severity === 'off') continue;
    if (!rule.reads) return 'all';
    rule.reads.forEach((k) => keys.add(k));
  }
  return [...keys].sort();
}

/** The facts: the data under `keys`, with the spans of every node below them and of the root (value, then key when it differs). */
function factsOf(loaded: LoadedFile, keys: readonly string[] | 'all'): FileFacts {
  const record = asRecord(loaded.data);
  const data: Record<string, unknown> = {};
  for (const key of keys === 'all' ? Object.keys(record) : keys) {
    if (hasOwn(record, key)) data[key] = record[key];
  }
  const spans: Record<string, number[]> = {};
  const { lineCounter } = loaded;
  for (const [pointer, offsets] of loaded.positions) {
    if (!offsets || (pointer !== '' && !hasOwn(data, topLevelKey(pointer)))) continue;
    const span: number[] = [];
    for (let i = 0; i < offsets.length; i += 2) {
      const a = lineCounter.linePos(offsets[i]!);
      const b = lineCounter.linePos(Math.max(offsets[i]!, offsets[i + 1]!));
      span.push(a.line, a.col, b.line, b.col);
    }
    spans[pointer] = span;
  }
  return { data, spans };
}

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** The top-level key a JSON pointer starts with, decoded ("" for the root). */
function topLevelKey(pointer: string): string {
  const slash = pointer.indexOf('/', 1);
  const segment = slash < 0 ? pointer.slice(1) : pointer.slice(1, slash);
  return segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
}

/** Whether the facts hold the spans of `pointer`'s part of the file (else the file must be read again to locate it). */
export function factsCover(facts: FileFacts, pointer: string): boolean {
  return pointer === '' || hasOwn(facts.data, topLevelKey(pointer));
}

const START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** The span of a pointer from the facts; a pointer the facts do not hold falls back to its nearest ancestor. */
export function locateInFacts(facts: FileFacts | undefined, pointer: string, anchor: Anchor = 'value'): Span {
  if (!facts) return START;
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const s = facts.spans[p];
    if (s) {
      // The whole document's key: where its content starts, as `locateIn` gives it.
      if (pointer === '' && anchor === 'key') return { line: s[0]!, column: s[1]!, endLine: s[0]!, endColumn: s[1]! };
      const at = anchor === 'key' && s.length === 8 ? 4 : 0;
      return { line: s[at]!, column: s[at + 1]!, endLine: s[at + 2]!, endColumn: s[at + 3]! };
    }
    if (!p) return START;
  }
}

export function makeDiagnostic(locate: (pointer: string, anchor?: Anchor) => Span, rule: Rule, descriptor: ReportDescriptor): Diagnostic {
  const location = { path: descriptor.path, ...locate(descriptor.path, descriptor.at ?? 'value') };
  return problemDiagnostic(rule, descriptor.messageId, descriptor.data, location, {
    ...(descriptor.fix ? { fix: descriptor.fix } : {}),
    ...(descriptor.since ? { since: descriptor.since } : {}),
  });
}

/** The internal/rule-error finding for a rule that threw; it counts for the rule's indicator. */
export function crashDiagnostic(rule: Rule, err: unknown): Diagnostic {
  const reason = err instanceof Error ? err.message : String(err);
  return problemDiagnostic(ruleError, 'crashed', { rule: rule.id, reason }, FILE_START, { indicator: rule.indicator });
}

/**
 * Runs one file rule and adds its findings to `sink`. On a document the schema already rejected, a rule
 * tripping over odd data adds nothing useful, so the crash is not reported there.
 */
export function runFileRule(
  rule: FileRule,
  ruleOptions: Record<string, unknown>,
  file: string,
  data: unknown,
  schemaFailed: boolean,
  options: { now: Date; ruleIds: readonly string[] },
  locate: (pointer: string, anchor?: Anchor) => Span,
  sink: Diagnostic[],
): void {
  const reported: Diagnostic[] = [];
  try {
    rule.check({
      file,
      data: asRecord(data) as MaybeNomination,
      options: ruleOptions,
      // Read only when the rule reads it: analysis notices rules that depend on the date.
      get now() {
        return options.now;
      },
      ruleIds: options.ruleIds,
      report: (descriptor) => reported.push(makeDiagnostic(locate, rule, descriptor)),
    });
    sink.push(...reported);
  } catch (err) {
    if (!schemaFailed) sink.push(crashDiagnostic(rule, err));
    else sink.push(...reported);
  }
}

/**
 * What each registry rule collects of the file. A rule that crashes collects nothing; the crash is reported
 * into `sink` when given (a file reported on that the schema accepted).
 */
function collect(plan: RulePlan, file: string, data: unknown, sink: Diagnostic[] | undefined): Record<string, unknown> {
  const collected: Record<string, unknown> = {};
  for (const { rule, options } of plan.registryRules) {
    try {
      collected[rule.id] = rule.collect(asRecord(data) as MaybeNomination, options, file);
    } catch (err) {
      sink?.push(crashDiagnostic(rule, err));
    }
  }
  return collected;
}

/**
 * The per-file stages, which depend only on the file's name and content (and the config): load, schema,
 * and the file rules that do not read the date. Runs in worker threads and its result is cached, so it
 * returns plain data and keeps no syntax tree.
 */
export function analyseFile(file: string, content: Uint8Array | string, options: AnalyseOptions): FileAnalysis {
  const loaded = loadNomination(file, content, options.limits);
  const readable = loaded.data !== undefined;
  const analysis: FileAnalysis = { file, readable, schemaFailed: false };
  if (options.full) analysis.diagnostics = [...loaded.diagnostics];
  if (!readable) return analysis;
  const plan = planFor(options.rules, options.config);
  if (!options.full) {
    analysis.collected = collect(plan, file, loaded.data, undefined);
    return analysis;
  }

  const sink = analysis.diagnostics!;
  const schemaDiagnostics = validateSchema(loaded);
  analysis.schemaFailed = schemaDiagnostics.length > 0;
  sink.push(...schemaDiagnostics);
  analysis.facts = factsOf(loaded, plan.factKeys);
  analysis.collected = collect(plan, file, loaded.data, analysis.schemaFailed ? undefined : sink);
  const locate = (pointer: string, anchor?: Anchor): Span => loaded.locate(pointer, anchor);
  let readNow: boolean;
  const now = options.now;
  // A rule that reads the date without saying so (Rule.reads) makes this result valid for this run only.
  const context = {
    ruleIds: plan.ruleIds,
    get now(): Date {
      readNow = true;
      return now;
    },
  };
  for (const { rule, options: ruleOptions } of plan.fileRules) {
    readNow = false;
    runFileRule(rule, ruleOptions, file, loaded.data, analysis.schemaFailed, context, locate, sink);
    if (readNow) (analysis.datedBy ??= []).push(rule.id);
  }
  return analysis;
}
