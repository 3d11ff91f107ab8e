/** Plain-data shapes shared by every stage of the pipeline. Everything here is JSON-serialisable. */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export const INDICATOR_IDS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9a', '9b', '9c'] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** `pass`: no problem; `fail`: at least one error; `warning`: warnings only. */
export type IndicatorStatus = 'pass' | 'fail' | 'warning';

export interface Fix {
  /** What the fix does, in words ("replace http:// with https://"). */
  description: string;
  /** JSON pointer of the scalar to replace, or with `insert` of the key to add. */
  path: string;
  /** The value to write there. */
  value: string | number | boolean | readonly string[];
  /** Add the key `path` ends with to the mapping it names (which must not have it yet), instead of replacing a scalar. */
  insert?: true;
  /** Remove the sequence item `path` names (e.g. a country the list already holds), instead of replacing it; `value` is what it would have become. */
  remove?: true;
}

export interface Diagnostic {
  ruleId: string;
  /** The indicator the problem belongs to; `null` for problems of the file itself (syntax, limits). */
  indicator: IndicatorId | null;
  severity: Severity;
  message: string;
  /** JSON pointer into the document ('' for the whole document). */
  path: string;
  /** 1-based positions; the end is exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
  /** Set when a waiver recorded in the nomination turned this problem into information. */
  waived?: { reason: string; approvedBy: string };
  /** The version of the DPG Standard that introduced the requirement (when later than the first). */
  since?: string;
  /**
   * Set on the finding of an approved record assessed under a version older than `since`: the requirement
   * is due at the record's next review, `by` the end of its recognition (YYYY-MM-DD, when known).
   * `overdue`: the recognition has ended or a renewal is submitted, so the finding keeps its severity.
   */
  due?: { since: string; assessedUnder: string; by?: string; overdue: boolean };
}

export interface ReviewNote {
  indicator: IndicatorId;
  /** What a human reviewer still has to judge; automation cannot. */
  note: string;
}

export interface FileResult {
  /** Path as given (relative to the working directory when possible), with forward slashes. */
  file: string;
  diagnostics: Diagnostic[];
  indicators: Record<IndicatorId, IndicatorStatus>;
  reviewNotes: ReviewNote[];
  errorCount: number;
  warningCount: number;
}
