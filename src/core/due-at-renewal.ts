import { INDICATOR_ORDER } from './indicators.js';
import type { Diagnostic, FileResult, IndicatorId, IndicatorStatus } from './types.js';

/**
 * What an approved DPG owes at its next review: the findings the engine marked `due` (requirements a
 * later version of the Standard introduced, see src/lint/due.ts), as every output shows them.
 */
export interface DueAtRenewal {
  indicator: IndicatorId | null;
  rule: string;
  /** The version of the Standard that introduced the requirement. */
  since: string;
  /** The version the record was assessed against. */
  assessedUnder: string;
  /** The end of the recognition (YYYY-MM-DD): the answer is due by then; null when unknown. */
  by: string | null;
  /** The recognition has ended or a renewal is submitted: the answer is due now. */
  overdue: boolean;
  /** What is asked, without the note on when it is due (which `since`, `by` and `overdue` say). */
  message: string;
  line: number;
}

/** How an indicator reads to a person: `due` when its only problems are answers due at the next review. */
export type IndicatorDisplay = IndicatorStatus | 'due';

/** A finding the record owes at its next review; a waived one is owed no more. */
function isDueAtRenewal(d: Diagnostic): d is Diagnostic & { due: NonNullable<Diagnostic['due']> } {
  return d.due !== undefined && d.waived === undefined && d.severity !== 'info';
}

/** Due at the next review and not yet overdue: the recognition is current, so it is no failure. */
export function isDueLater(d: Diagnostic): boolean {
  return isDueAtRenewal(d) && !d.due.overdue;
}

/** The sentence the engine appends to a finding that is due at renewal, up to how it ends. */
export function dueReason(since: string, assessedUnder: string): string {
  return `Required since Standard ${since}; this DPG was assessed under ${assessedUnder}`;
}

/**
 * The requirement without the sentence the engine appends on when it is due ("Required since Standard
 * 1.1.7; this DPG was assessed under 1.1.6: …"), which the structured fields carry.
 */
function requirementText(d: Diagnostic): string {
  if (!d.due) return d.message;
  const at = d.message.indexOf(` ${dueReason(d.due.since, d.due.assessedUnder)}`);
  return at > 0 ? d.message.slice(0, at) : d.message;
}

/** Everything a result owes at the next review, in indicator order, then by line. */
export function dueAtRenewal(result: Pick<FileResult, 'diagnostics'>): DueAtRenewal[] {
  const rank = (id: IndicatorId | null) => (id === null ? -1 : INDICATOR_ORDER.indexOf(id));
  return result.diagnostics
    .filter(isDueAtRenewal)
    .map((d): DueAtRenewal => ({
      indicator: d.indicator,
      rule: d.ruleId,
      since: d.due.since,
      assessedUnder: d.due.assessedUnder,
      by: d.due.by ?? null,
      overdue: d.due.overdue,
      message: requirementText(d),
      line: d.line,
    }))
    .sort((a, b) => rank(a.indicator) - rank(b.indicator) || a.line - b.line || a.rule.localeCompare(b.rule));
}

/**
 * An indicator's status for display: `due` instead of `warning` when every warning on it is an answer
 * due at the next review (a current recognition). Failures and other warnings keep their status.
 */
export function indicatorDisplay(result: Pick<FileResult, 'diagnostics' | 'indicators'>, id: IndicatorId): IndicatorDisplay | undefined {
  const status = result.indicators?.[id];
  if (status !== 'warning') return status;
  const warnings = result.diagnostics.filter((d) => d.indicator === id && d.severity === 'warning');
  return warnings.length && warnings.every(isDueLater) ? 'due' : status;
}
