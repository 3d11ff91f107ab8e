import { asRecord, asString } from '../nomination.js';
import { slugOf } from '../util/slug.js';

/** A change a pull request makes that only a maintainer may make: the stage, or the review date. */
export interface Decision {
  file: string;
  slug: string;
  kind: 'stage' | 'review-date';
  /** The value before (`none` for a new file or a missing value) and after. */
  from: string;
  to: string;
  /** Where the decision is written in the file. */
  path: '/stage' | '/review/date';
  /** Message id of git/decision: `stage`, `delisting`, `other` or `reviewDate`. */
  messageId: 'stage' | 'delisting' | 'other' | 'reviewDate';
  /** Recognising (or renewing) a DPG needs a ready review status. */
  needsReady: boolean;
  /** Delisting needs `delisting: { date, reason }` in the file. */
  needsDelistingReason: boolean;
}


/** `stage nominee → dpg`, as people read it. */
export function describeDecision(decision: Decision): string {
  return decision.kind === 'stage' ? `stage ${decision.from} → ${decision.to}` : `review.date ${decision.from} → ${decision.to}`;
}

/**
 * The decisions between two versions of a nomination (`base` undefined: the file is new). A new
 * nomination entering as `nominee` is no decision; anything else that sets stage or review.date is.
 */
export function detectDecisions(file: string, base: unknown, head: unknown): Decision[] {
  const before = base === undefined ? undefined : asRecord(base);
  const after = asRecord(head);
  const slug = slugOf(file);
  const decisions: Decision[] = [];
  const fromStage = before ? asString(before.stage) ?? 'none' : 'none';
  const toStage = asString(after.stage) ?? 'none';
  if (fromStage !== toStage && !(before === undefined && toStage === 'nominee') && toStage !== 'none') {
    decisions.push({
      file, slug, kind: 'stage', from: fromStage, to: toStage, path: '/stage',
      messageId: toStage === 'dpg' ? 'stage' : toStage === 'delisted' ? 'delisting' : 'other',
      needsReady: toStage === 'dpg',
      needsDelistingReason: toStage === 'delisted',
    });
  }
  const fromDate = before ? asString(asRecord(before.review).date) ?? 'none' : 'none';
  const toDate = asString(asRecord(after.review).date);
  const recognised = decisions.some((d) => d.to === 'dpg');
  if (toDate !== undefined && toDate !== fromDate && !recognised) {
    decisions.push({
      file, slug, kind: 'review-date', from: fromDate, to: toDate, path: '/review/date', messageId: 'reviewDate',
      needsReady: toStage === 'dpg',
      needsDelistingReason: false,
    });
  }
  return decisions;
}
