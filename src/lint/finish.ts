import { ruleSetting, type Config } from '../config/config.js';
import { INDICATORS, INDICATOR_ORDER } from '../core/indicators.js';
import { asArray, asRecord } from '../core/nomination.js';
import { ALL_RULES } from '../rules/index.js';
import { UNWAIVABLE, type Rule } from '../rules/types.js';
import type { Diagnostic, FileResult, IndicatorId, IndicatorStatus } from '../core/types.js';
import { resolveDue, type VersionedRecord } from './due.js';

/**
 * The finish stage: every finding reaches a file's result through it, whichever stage found it (engine,
 * online checks, git, review records, decisions). It settles severities, what is due and waivers, sorts,
 * and counts, so the printed summary, the JSON counts and the exit code are worked out from the same data.
 */

/** What settling a file's findings reads besides the configuration. */
export interface SettleContext {
  config: Config;
  rules?: readonly Rule[];
  /**
   * The file's data, whose `waivers` apply. Leave it out for findings a file must not waive itself: those
   * about the change (git, decisions) and those of review records.
   */
  data?: unknown;
  /** What is due at the next review of an approved record (see versionedRecord). */
  record?: VersionedRecord;
}

/** Diagnostics in reading order: line, column, then rule id and message for a stable order. */
function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

/**
 * Applies configured severities ('off' drops the finding), what is due at the next review of an approved
 * record assessed under an older version of the Standard (given `record`), and the nomination's own waivers.
 */
function settle(
  diagnostics: readonly Diagnostic[],
  data: unknown,
  rules: readonly Rule[],
  config: Config,
  record?: VersionedRecord,
): Diagnostic[] {
  // The first waiver of each rule, and rules by id: a file may hold thousands of waivers and findings.
  const waivers = new Map<unknown, Record<string, unknown>>();
  for (const waiver of asArray(asRecord(data).waivers).map(asRecord)) if (!waivers.has(waiver.rule)) waivers.set(waiver.rule, waiver);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const rule = byId.get(d.ruleId);
    const severity = rule ? ruleSetting(rule, config).severity : d.severity;
    if (severity === 'off') continue;
    // A rule's own severity choice (e.g. a warning-only message) is kept when it is milder than the setting.
    let settled: Diagnostic = resolveDue({ ...d, severity: rule && d.severity !== rule.defaultSeverity ? d.severity : severity }, record);
    const waiver = UNWAIVABLE.test(d.ruleId) ? undefined : waivers.get(d.ruleId);
    if (waiver && settled.severity !== 'info') {
      settled = {
        ...settled,
        severity: 'info',
        waived: { reason: String(waiver.reason ?? ''), approvedBy: String(waiver.approvedBy ?? '') },
      };
    }
    out.push(settled);
  }
  return out.sort(byPosition);
}

const RANK: Record<IndicatorStatus, number> = { pass: 0, warning: 1, fail: 2 };

/** `indicators` worsened by `diagnostics`: an error fails its indicator, a warning marks a passing one. */
function markIndicators(
  indicators: Record<IndicatorId, IndicatorStatus>,
  diagnostics: readonly Diagnostic[],
): Record<IndicatorId, IndicatorStatus> {
  const out = { ...indicators };
  for (const d of diagnostics) {
    if (!d.indicator) continue;
    const status: IndicatorStatus | undefined = d.severity === 'error' ? 'fail' : d.severity === 'warning' ? 'warning' : undefined;
    if (status && RANK[status] > RANK[out[d.indicator]]) out[d.indicator] = status;
  }
  return out;
}

/** Counts settled, sorted diagnostics into a result: an unreadable file fails every indicator. */
export function summarise(file: string, diagnostics: Diagnostic[], readable: boolean): FileResult {
  const start = Object.fromEntries(INDICATOR_ORDER.map((id) => [id, readable ? 'pass' : 'fail'])) as Record<IndicatorId, IndicatorStatus>;
  return {
    file,
    diagnostics,
    indicators: markIndicators(start, diagnostics),
    reviewNotes: INDICATORS.map((i) => ({ indicator: i.id, note: i.reviewNote })),
    ...counts(diagnostics),
  };
}

function counts(diagnostics: readonly Diagnostic[]): Pick<FileResult, 'errorCount' | 'warningCount'> {
  return {
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

function settleWith(diagnostics: readonly Diagnostic[], context: SettleContext): Diagnostic[] {
  return settle(diagnostics, context.data, context.rules ?? ALL_RULES, context.config, context.record);
}

/**
 * A file's result from its unsettled findings. `reviewNotes: false` for a file without indicators for a
 * human to judge (review records, reviewers.yaml, findings about a file as a whole).
 */
export function finishFile(
  file: string,
  diagnostics: readonly Diagnostic[],
  context: SettleContext & { readable: boolean; reviewNotes?: boolean },
): FileResult {
  const result = summarise(file, settleWith(diagnostics, context), context.readable);
  return context.reviewNotes === false ? { ...result, reviewNotes: [] } : result;
}

/** A result holding only findings about a file as a whole (no review notes); undefined when settling leaves none. */
export function fileFindingResult(file: string, diagnostics: readonly Diagnostic[], context: SettleContext): FileResult | undefined {
  const result = finishFile(file, diagnostics, { ...context, readable: true, reviewNotes: false });
  return result.diagnostics.length ? result : undefined;
}

/**
 * `result` with unsettled findings added: only the added ones are settled (the result's own already are),
 * then the whole is sorted and counted again, and the indicators worsened by what was added.
 */
export function addToResult(result: FileResult, added: readonly Diagnostic[], context: SettleContext): FileResult {
  const settled = settleWith(added, context);
  if (!settled.length) return result;
  const diagnostics = [...result.diagnostics, ...settled].sort(byPosition);
  return { ...result, diagnostics, indicators: markIndicators(result.indicators, settled), ...counts(diagnostics) };
}

/**
 * `results` with unsettled findings added to the result of `file`, or to a new one about the file as a
 * whole when it has none (see fileFindingResult).
 */
export function addFindings(
  results: readonly FileResult[],
  file: string,
  added: readonly Diagnostic[],
  context: SettleContext,
): FileResult[] {
  const at = results.findIndex((r) => r.file === file);
  if (at < 0) {
    const created = fileFindingResult(file, added, context);
    return created ? [...results, created] : [...results];
  }
  const updated = addToResult(results[at]!, added, context);
  return results.map((r, index) => (index === at ? updated : r));
}
