import { dueReason } from '../core/due-at-renewal.js';
import { asRecord, asString } from '../core/nomination.js';
import { calendarDatesAt, formatCalendarDate, parseCalendarDate, recognitionEnd } from '../core/dates.js';
import { BASELINE_STANDARD_VERSION, compareStandardVersions } from '../core/standard-versions.js';
import type { Diagnostic } from '../core/types.js';

/** The top-level keys of a nomination that decide what is due at its next review. */
export const VERSIONING_KEYS = ['stage', 'review', 'standardVersion'] as const;

/** An approved record assessed under an older version of the Standard than the current one may owe answers. */
export interface VersionedRecord {
  /** The version the record was assessed against. */
  assessedUnder: string;
  /** The end of its recognition (YYYY-MM-DD), when its review date is known. */
  recognitionEnds?: string;
  /** Why the answers are due now rather than at the next review: the recognition has ended, or a renewal is submitted. */
  overdue?: 'expired' | 'renewal';
}

/**
 * What decides the severity of requirements a record's version did not have: undefined for a nominee
 * (always judged by the current version) or a file that is not a nomination. `renewing`: the change under
 * validation sets a new review date, i.e. submits the renewal.
 */
export function versionedRecord(data: unknown, now: Date, renewing = false): VersionedRecord | undefined {
  const record = asRecord(data);
  const stage = record.stage;
  if (stage !== 'dpg' && stage !== 'expired') return undefined;
  const assessedUnder = asString(record.standardVersion) ?? BASELINE_STANDARD_VERSION;
  const reviewed = parseCalendarDate(asRecord(record.review).date);
  const end = reviewed ? recognitionEnd(reviewed) : undefined;
  const ended = stage === 'expired' || (end !== undefined && end.getTime() <= calendarDatesAt(now).earliest.getTime());
  const overdue = renewing ? 'renewal' : ended ? 'expired' : undefined;
  return { assessedUnder, ...(end ? { recognitionEnds: formatCalendarDate(end) } : {}), ...(overdue ? { overdue } : {}) };
}

/**
 * A finding of a requirement introduced after the record's version: a warning due at the next review, or,
 * when overdue, its own severity with the same explanation. Other findings are returned as they are.
 */
export function resolveDue(diagnostic: Diagnostic, record: VersionedRecord | undefined): Diagnostic {
  const since = diagnostic.since;
  if (!record || !since || compareStandardVersions(record.assessedUnder, since) >= 0) return diagnostic;
  const due = {
    since,
    assessedUnder: record.assessedUnder,
    ...(record.recognitionEnds ? { by: record.recognitionEnds } : {}),
    overdue: record.overdue !== undefined,
  };
  const why = dueReason(since, record.assessedUnder);
  const note =
    record.overdue === 'renewal'
      ? ` ${why} and its renewal, submitted now, is judged by the current version.`
      : record.overdue === 'expired'
        ? ` ${why}, and its recognition${record.recognitionEnds ? ` ended on ${record.recognitionEnds}` : ' has ended'}: due now.`
        : ` ${why}: due at its next review${record.recognitionEnds ? `, by ${record.recognitionEnds}` : ''}.`;
  const severity = !record.overdue && diagnostic.severity === 'error' ? 'warning' : diagnostic.severity;
  return { ...diagnostic, severity, message: diagnostic.message + note, due };
}
