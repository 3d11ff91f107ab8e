import { ruleSetting, type Config } from '../config/config.js';
import { DEFAULT_LIMITS, type LoadLimits } from '../load/limits.js';
import { ALL_RULES } from '../rules/index.js';
import type { Rule } from '../rules/types.js';
import type { Diagnostic, FileResult } from '../core/types.js';
import { loadNomination, type LoadedFile } from '../load/load.js';
import type { Anchor, Span } from '../load/positions.js';
import { versionedRecord } from './due.js';
import { finishFile } from './finish.js';
import {
  analyseFile,
  crashDiagnostic,
  factsCover,
  isContextual,
  locateInFacts,
  makeDiagnostic,
  runFileRule,
  type FileAnalysis,
} from './analyse.js';

export interface SourceFile {
  file: string;
  content: Uint8Array | string;
}

export interface ValidateOptions {
  config: Config;
  /** The date to validate for (recognition expiry); the CLI passes today. */
  now: Date;
  rules?: readonly Rule[];
  limits?: LoadLimits;
  /** Other nominations of the registry, read for registry-wide checks but not reported on. */
  context?: readonly SourceFile[];
  /** The same, analysed once by `analyseContext` for several validations against them (instead of `context`). */
  analysedContext?: readonly FileAnalysis[];
}

export { summarise } from './finish.js';

export interface FinishOptions {
  config: Config;
  now: Date;
  rules?: readonly Rule[];
  /**
   * Loads a file reported on again, to place a registry rule's finding outside what its facts cover (see
   * `factsCover`); without it such a finding falls back to the nearest position the facts hold.
   */
  reload?: (file: string) => LoadedFile | undefined;
  /** Files whose change submits a renewal (a new review date): what their version did not ask is due now. */
  renewing?: ReadonlySet<string>;
}

/**
 * The stages that need more than one file: file rules reading the date and registry rules run over the
 * facts of every analysed file, then severities and waivers are settled. Returns one result per target,
 * in the order given; `analyses` holds the targets' full analyses and the facts of the rest of the registry.
 */
export function finishRun(analyses: readonly FileAnalysis[], targets: readonly string[], options: FinishOptions): FileResult[] {
  const rules = options.rules ?? ALL_RULES;
  const ruleIds = rules.map((r) => r.id);
  const byFile = new Map(analyses.map((a) => [a.file, a]));
  const found = new Map<string, Diagnostic[]>(targets.map((file) => [file, [...(byFile.get(file)?.diagnostics ?? [])]]));

  for (const file of targets) {
    const analysis = byFile.get(file);
    if (!analysis?.facts) continue;
    const facts = analysis.facts;
    for (const rule of rules) {
      if (rule.kind !== 'file' || !isContextual(rule) || ruleSetting(rule, options.config).severity === 'off') continue;
      runFileRule(
        rule,
        ruleSetting(rule, options.config).options,
        file,
        facts.data,
        analysis.schemaFailed,
        { now: options.now, ruleIds },
        (pointer, anchor) => locateInFacts(facts, pointer, anchor),
        found.get(file)!,
      );
    }
  }

  const reloaded = new Map<string, LoadedFile | undefined>();
  const locateForRegistry = (file: string, pointer: string, anchor?: Anchor): Span => {
    const facts = byFile.get(file)?.facts;
    if (facts && factsCover(facts, pointer)) return locateInFacts(facts, pointer, anchor);
    if (options.reload && !reloaded.has(file)) reloaded.set(file, options.reload(file));
    const loaded = reloaded.get(file);
    return loaded?.data !== undefined ? loaded.locate(pointer, anchor) : locateInFacts(facts, pointer, anchor);
  };
  const sorted = analyses.filter((a) => a.collected !== undefined).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const rule of rules) {
    if (rule.kind !== 'registry' || ruleSetting(rule, options.config).severity === 'off') continue;
    const entries = sorted
      .filter((a) => Object.prototype.hasOwnProperty.call(a.collected, rule.id))
      .map((a) => ({ file: a.file, summary: a.collected![rule.id] }));
    try {
      rule.check({
        entries,
        options: ruleSetting(rule, options.config).options,
        now: options.now,
        report: (file, descriptor) => {
          const sink = found.get(file);
          if (sink) sink.push(makeDiagnostic((pointer, anchor) => locateForRegistry(file, pointer, anchor), rule, descriptor));
        },
      });
    } catch (err) {
      for (const sink of found.values()) sink.push(crashDiagnostic(rule, err));
    }
  }

  return targets.map((file) => {
    const analysis = byFile.get(file);
    const data = analysis?.facts?.data;
    const record = versionedRecord(data, options.now, options.renewing?.has(file) ?? false);
    return finishFile(file, found.get(file)!, { config: options.config, rules, data, record, readable: analysis?.readable ?? false });
  });
}

/**
 * Validates nominations: load with positions → schema → file rules → registry rules → severities and
 * waivers. Never throws for bad input; returns one result per target, in the order given.
 */
export function validateSources(targets: readonly SourceFile[], options: ValidateOptions): FileResult[] {
  const rules = options.rules ?? ALL_RULES;
  const analyse = { config: options.config, rules, limits: options.limits ?? DEFAULT_LIMITS, now: options.now };
  const targetNames = new Set(targets.map((t) => t.file));
  const analyses = [
    ...targets.map((t) => analyseFile(t.file, t.content, { ...analyse, full: true })),
    ...(options.analysedContext ?? analyseContext(options.context ?? [], options)).filter((c) => !targetNames.has(c.file)),
  ];
  const contents = new Map(targets.map((t) => [t.file, t.content]));
  return finishRun(
    analyses,
    targets.map((t) => t.file),
    {
      ...options,
      reload: (file) => (contents.has(file) ? loadNomination(file, contents.get(file)!, analyse.limits) : undefined),
    },
  );
}

/**
 * What registry-wide checks need of the other nominations (see ValidateOptions.context), worked out once
 * for validating several texts against the same registry, as `dpg new` and `dpg fix` do.
 */
export function analyseContext(
  context: readonly SourceFile[],
  options: Pick<ValidateOptions, 'config' | 'now' | 'rules' | 'limits'>,
): FileAnalysis[] {
  const analyse = {
    config: options.config,
    rules: options.rules ?? ALL_RULES,
    limits: options.limits ?? DEFAULT_LIMITS,
    now: options.now,
    full: false,
  };
  return context.map((c) => analyseFile(c.file, c.content, analyse));
}
