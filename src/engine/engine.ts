import { ruleSetting, type Config } from '../config.js';
import { INDICATORS, INDICATOR_ORDER, indicatorForPath } from '../indicators.js';
import { loadNomination, type LoadedFile } from '../load/load.js';
import { DEFAULT_LIMITS, type LoadLimits } from '../load/limits.js';
import type { MaybeNomination } from '../nomination.js';
import { asArray, asRecord } from '../nomination.js';
import { ALL_RULES } from '../rules/index.js';
import { formatMessage, UNWAIVABLE, type ReportDescriptor, type Rule } from '../rules/types.js';
import { validateSchema } from '../schema/validate.js';
import type { Diagnostic, FileResult, IndicatorId, IndicatorStatus } from '../types.js';

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
}


function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

function makeDiagnostic(loaded: LoadedFile, rule: Rule, descriptor: ReportDescriptor): Diagnostic {
  const template = rule.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} reported unknown message id "${descriptor.messageId}"`);
  return {
    ruleId: rule.id,
    indicator: rule.indicator ?? indicatorForPath(descriptor.path),
    severity: rule.defaultSeverity,
    message: formatMessage(template, descriptor.data),
    path: descriptor.path,
    ...loaded.locate(descriptor.path, descriptor.at ?? 'value'),
    ...(descriptor.fix ? { fix: descriptor.fix } : {}),
  };
}

function crashDiagnostic(rule: Rule, err: unknown): Diagnostic {
  const reason = err instanceof Error ? err.message : String(err);
  return {
    ruleId: 'internal/rule-error', indicator: rule.indicator, severity: 'error',
    message: `Rule ${rule.id} crashed on this file (${reason}). This is a bug in dpg, not in the nomination; please report it with the file.`,
    path: '', line: 1, column: 1, endLine: 1, endColumn: 1,
  };
}

/** Applies configured severities ('off' drops the finding) and the nomination's own waivers. */
function settle(diagnostics: Diagnostic[], data: unknown, rules: readonly Rule[], config: Config): Diagnostic[] {
  const waivers = asArray(asRecord(data).waivers).map(asRecord);
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const rule = rules.find((r) => r.id === d.ruleId);
    const severity = rule ? ruleSetting(rule, config).severity : d.severity;
    if (severity === 'off') continue;
    // A rule's own severity choice (e.g. a warning-only message) is kept when it is milder than the setting.
    let settled: Diagnostic = { ...d, severity: rule && d.severity !== rule.defaultSeverity ? d.severity : severity };
    const waiver = UNWAIVABLE.test(d.ruleId) ? undefined : waivers.find((w) => w.rule === d.ruleId);
    if (waiver && settled.severity !== 'info') {
      settled = { ...settled, severity: 'info', waived: { reason: String(waiver.reason ?? ''), approvedBy: String(waiver.approvedBy ?? '') } };
    }
    out.push(settled);
  }
  return out.sort(byPosition);
}

export function summarise(file: string, diagnostics: Diagnostic[], readable: boolean): FileResult {
  const indicators = Object.fromEntries(INDICATOR_ORDER.map((id) => [id, readable ? 'pass' : 'fail'])) as Record<IndicatorId, IndicatorStatus>;
  for (const d of diagnostics) {
    if (!d.indicator) continue;
    if (d.severity === 'error') indicators[d.indicator] = 'fail';
    else if (d.severity === 'warning' && indicators[d.indicator] === 'pass') indicators[d.indicator] = 'warning';
  }
  return {
    file,
    diagnostics,
    indicators,
    reviewNotes: INDICATORS.map((i) => ({ indicator: i.id, note: i.reviewNote })),
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

/**
 * Validates nominations: load with positions → schema → file rules → registry rules → severities and
 * waivers. Never throws for bad input; returns one result per target, in the order given.
 */
export function validateSources(targets: readonly SourceFile[], options: ValidateOptions): FileResult[] {
  const rules = options.rules ?? ALL_RULES;
  const ruleIds = rules.map((r) => r.id);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const loadedTargets = targets.map((t) => loadNomination(t.file, t.content, limits));
  const targetNames = new Set(targets.map((t) => t.file));
  const loadedContext = (options.context ?? []).filter((c) => !targetNames.has(c.file)).map((c) => loadNomination(c.file, c.content, limits));
  const found = new Map<string, Diagnostic[]>(loadedTargets.map((l) => [l.file, [...l.diagnostics]]));
  const schemaFailed = new Set<string>();

  for (const loaded of loadedTargets) {
    if (loaded.data === undefined) continue;
    const sink = found.get(loaded.file)!;
    const schemaDiagnostics = validateSchema(loaded);
    if (schemaDiagnostics.length) schemaFailed.add(loaded.file);
    sink.push(...schemaDiagnostics);
    for (const rule of rules) {
      if (rule.kind !== 'file' || ruleSetting(rule, options.config).severity === 'off') continue;
      const reported: Diagnostic[] = [];
      try {
        rule.check({
          file: loaded.file,
          data: asRecord(loaded.data) as MaybeNomination,
          options: ruleSetting(rule, options.config).options,
          now: options.now,
          ruleIds,
          report: (descriptor) => reported.push(makeDiagnostic(loaded, rule, descriptor)),
        });
        sink.push(...reported);
      } catch (err) {
        // On a document the schema already rejected, a rule tripping over odd data adds nothing useful.
        if (!schemaFailed.has(loaded.file)) sink.push(crashDiagnostic(rule, err));
        else sink.push(...reported);
      }
    }
  }

  const readable = [...loadedTargets, ...loadedContext].filter((l) => l.data !== undefined);
  const entries = readable
    .map((l) => ({ file: l.file, data: asRecord(l.data) as MaybeNomination }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const byFile = new Map(readable.map((l) => [l.file, l]));
  for (const rule of rules) {
    if (rule.kind !== 'registry' || ruleSetting(rule, options.config).severity === 'off') continue;
    try {
      rule.check({
        entries,
        options: ruleSetting(rule, options.config).options,
        now: options.now,
        report: (file, descriptor) => {
          const sink = found.get(file);
          const loaded = byFile.get(file);
          if (sink && loaded) sink.push(makeDiagnostic(loaded, rule, descriptor));
        },
      });
    } catch (err) {
      for (const loaded of loadedTargets) found.get(loaded.file)!.push(crashDiagnostic(rule, err));
    }
  }

  return loadedTargets.map((loaded) =>
    summarise(loaded.file, settle(found.get(loaded.file)!, loaded.data, rules, options.config), loaded.data !== undefined));
}
