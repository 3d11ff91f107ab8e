import { dueAtRenewal, indicatorDisplay, type DueAtRenewal, type IndicatorDisplay } from '../core/due-at-renewal.js';
import { INDICATOR_ORDER, indicatorTitle } from '../core/indicators.js';
import { asRecord, asString } from '../core/nomination.js';
import { calendarDatesAt, formatCalendarDate, parseCalendarDate, recognitionEnd } from '../core/dates.js';
import type { FileResult, IndicatorId } from '../core/types.js';
import { slugOf } from '../util/slug.js';
import type { HumanVerdict, IndicatorVerdict, ReviewRecord } from './records.js';

interface ReviewerColumn {
  reviewer: string;
  date: string;
  file: string;
  /** Counts towards the decision: a valid record without a declared conflict of interest. */
  counted: boolean;
  /** Why it does not count. */
  excluded?: string;
  verdicts: Partial<Record<IndicatorId, IndicatorVerdict>>;
}

interface IndicatorRow {
  indicator: IndicatorId;
  title: string;
  /** `due`: the indicator's only problems are answers an approved DPG owes at its next review. */
  automated: IndicatorDisplay;
  /** Verdict per reviewer (every reviewer column, counted or not). */
  human: Record<string, HumanVerdict | null>;
}

export interface NominationStatus {
  slug: string;
  file: string;
  name: string;
  stage: string;
  automated: { errors: number; warnings: number };
  reviews: ReviewerColumn[];
  indicators: IndicatorRow[];
  countedReviews: number;
  minReviews: number;
  /** What stands between the nomination and a decision, in words; empty when ready. */
  missing: string[];
  /** Whether a nomination with this stage could be decided now (a decision to recognise it is checked against it). */
  ready: boolean;
  /** For an approved record (stage dpg or expired): its recognition, which is what a person wants to know of it. */
  recognition?: Recognition;
}

export interface Recognition {
  /** `current` until the end of the recognition (one year from the review date), then `expired`. */
  state: 'current' | 'expired';
  reviewDate: string | null;
  /** The end of the recognition (YYYY-MM-DD); null when the review date is unknown. */
  until: string | null;
  /** What it owes at its next review (overdue once the recognition has ended). */
  dueAtRenewal: DueAtRenewal[];
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export interface CountingOptions {
  minReviews: number;
  /**
   * Why a record may not count whatever it says (its reviewer is not listed in reviewers.yaml, it is the
   * nominator's own …); undefined when it may.
   */
  excluded?: (record: ReviewRecord) => string | undefined;
  /** Today, to judge whether a recognition has ended; without it, the findings of the result judge it. */
  now?: Date;
}

function recognitionOf(result: FileResult, data: Record<string, unknown>, now: Date | undefined): Recognition | undefined {
  const stage = asString(data.stage);
  if (stage !== 'dpg' && stage !== 'expired') return undefined;
  const reviewDate = asString(asRecord(data.review).date) ?? null;
  const reviewed = parseCalendarDate(reviewDate);
  const end = reviewed ? recognitionEnd(reviewed) : undefined;
  const ended =
    stage === 'expired' ||
    (now
      ? end !== undefined && end.getTime() <= calendarDatesAt(now).earliest.getTime()
      : result.diagnostics.some((d) => d.ruleId === 'lifecycle/review-current' || d.due?.overdue));
  return {
    state: ended ? 'expired' : 'current',
    reviewDate: reviewed ? reviewDate : null,
    until: end ? formatCalendarDate(end) : null,
    dueAtRenewal: dueAtRenewal(result),
  };
}

/**
 * Automated verdicts (the engine's result for the nomination) beside the human ones (its review
 * records), and whether it is ready for a decision: at least `minReviews` counted reviews, no
 * counted does-not-meet or needs-information, a counted "meets" on every indicator, no automated errors.
 * At most one record counts per reviewer (logins compare without regard to case, so `x.yaml`,
 * `x.yml` and `X.yaml` are one reviewer): the first by file name among those that may count.
 */
export function nominationStatus(
  result: FileResult,
  nomination: unknown,
  records: readonly ReviewRecord[],
  options: CountingOptions,
): NominationStatus {
  const slug = slugOf(result.file);
  const data = asRecord(nomination);
  const countedBy = new Map<string, string>();
  const reviews = records
    .filter((r) => r.slug.toLowerCase() === slug.toLowerCase())
    .sort((a, b) => a.reviewer.toLowerCase().localeCompare(b.reviewer.toLowerCase()) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map((r): ReviewerColumn => {
      const login = r.reviewer.toLowerCase();
      const first = countedBy.get(login);
      const excluded = !r.valid
        ? 'the record has errors'
        : r.conflictsOfInterest.length
          ? 'declared a conflict of interest'
          : (options.excluded?.(r) ??
            (first !== undefined
              ? `@${r.reviewer} has a counted review of this nomination already (${first}); one review per reviewer counts`
              : undefined));
      if (!excluded) countedBy.set(login, r.file);
      return {
        reviewer: r.reviewer,
        date: r.date,
        file: r.file,
        counted: !excluded,
        ...(excluded ? { excluded } : {}),
        verdicts: r.verdicts,
      };
    });
  const counted = reviews.filter((r) => r.counted);
  const indicators = INDICATOR_ORDER.map((id): IndicatorRow => ({
    indicator: id,
    title: indicatorTitle(id),
    automated: indicatorDisplay(result, id) ?? 'fail',
    // A reviewer's counted record wins the cell over their records that do not count.
    human: Object.fromEntries([...reviews.filter((r) => !r.counted), ...counted].map((r) => [r.reviewer, r.verdicts[id]?.verdict ?? null])),
  }));

  const recognition = recognitionOf(result, data, options.now);
  const missing: string[] = [];
  if (result.errorCount) missing.push(`automated checks: ${result.errorCount} error${result.errorCount === 1 ? '' : 's'}`);
  if (counted.length < options.minReviews) missing.push(`${counted.length} of ${options.minReviews} reviews`);
  for (const verdict of ['does-not-meet', 'needs-information'] as const) {
    const where = INDICATOR_ORDER.flatMap((id) => {
      const who = counted.filter((r) => r.verdicts[id]?.verdict === verdict).map((r) => `@${r.reviewer}`);
      return who.length ? [`${id} (${who.join(', ')})`] : [];
    });
    if (where.length) missing.push(`${verdict} on ${list(where)}`);
  }
  const unjudged = INDICATOR_ORDER.filter(
    (id) => !counted.some((r) => r.verdicts[id]?.verdict === 'meets') && !counted.some((r) => r.verdicts[id] !== undefined),
  );
  if (counted.length && unjudged.length)
    missing.push(`no verdict yet on ${unjudged.length === INDICATOR_ORDER.length ? 'any indicator' : list(unjudged)}`);

  return {
    slug,
    file: result.file,
    name: asString(data.name) ?? slug,
    stage: asString(data.stage) ?? 'unknown',
    automated: { errors: result.errorCount, warnings: result.warningCount },
    reviews,
    indicators,
    countedReviews: counted.length,
    minReviews: options.minReviews,
    missing,
    ready: missing.length === 0,
    ...(recognition ? { recognition } : {}),
  };
}
