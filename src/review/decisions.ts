import { asArray, asRecord, asString } from '../core/nomination.js';
import { slugOf } from '../util/slug.js';

/** A change a pull request makes that only a maintainer may make: the stage, the review date, or a new waiver. */
export interface Decision {
  file: string;
  slug: string;
  kind: 'stage' | 'review-date' | 'waivers';
  /** The field as people read it in the file. */
  field: 'stage' | 'review.date' | 'waivers';
  /**
   * The value before (`none` for a new file or a missing value, with where a renamed or copied file came
   * from: `none (renamed from nominations/x.yaml)`) and after.
   */
  from: string;
  to: string;
  /** Where the decision is written in the file. */
  path: '/stage' | '/review/date' | '/waivers';
  /** Message id of git/decision. */
  messageId: 'stage' | 'delisting' | 'other' | 'reviewDate' | 'waivers';
  /** Recognising (or renewing) a DPG needs a ready review status. */
  needsReady: boolean;
  /** Delisting needs `delisting: { date, reason }` in the file. */
  needsDelistingReason: boolean;
}

/** `stage nominee → dpg`, as people read it. */
export function describeDecision(decision: Decision): string {
  return `${decision.field} ${decision.from} → ${decision.to}`;
}

/**
 * The decisions between two versions of a nomination (`base` undefined: the file is new). A new
 * nomination entering as `nominee` is no decision; anything else that sets stage or review.date is.
 * `origin` says how a new file came (`renamed from nominations/x.yaml`): a renamed file has no base
 * version, whatever it was before, so its stage is judged as a new nomination's.
 */
export function detectDecisions(file: string, base: unknown, head: unknown, origin?: string): Decision[] {
  const before = base === undefined ? undefined : asRecord(base);
  const after = asRecord(head);
  const slug = slugOf(file);
  const decisions: Decision[] = [];
  const none = before === undefined && origin ? `none (${origin})` : 'none';
  const fromStage = before ? (asString(before.stage) ?? 'none') : none;
  const toStage = asString(after.stage) ?? 'none';
  if (fromStage !== toStage && !(before === undefined && toStage === 'nominee') && toStage !== 'none') {
    decisions.push({
      file,
      slug,
      kind: 'stage',
      field: 'stage',
      from: fromStage,
      to: toStage,
      path: '/stage',
      messageId: toStage === 'dpg' ? 'stage' : toStage === 'delisted' ? 'delisting' : 'other',
      needsReady: toStage === 'dpg',
      needsDelistingReason: toStage === 'delisted',
    });
  }
  const fromDate = before ? (asString(asRecord(before.review).date) ?? 'none') : none;
  const toDate = asString(asRecord(after.review).date);
  const recognised = decisions.some((d) => d.to === 'dpg');
  if (toDate !== undefined && toDate !== fromDate && !recognised) {
    decisions.push({
      file,
      slug,
      kind: 'review-date',
      field: 'review.date',
      from: fromDate,
      to: toDate,
      path: '/review/date',
      messageId: 'reviewDate',
      needsReady: toStage === 'dpg',
      needsDelistingReason: false,
    });
  }
  // A waiver lifts a rule's finding (it becomes information), so adding or changing one is a maintainer's call.
  const waiverKey = (w: unknown) => JSON.stringify(w);
  const earlier = new Set(asArray(before?.waivers).map(waiverKey));
  const added = asArray(after.waivers).filter((w) => !earlier.has(waiverKey(w)));
  if (added.length) {
    const rules = (list: unknown[]) => list.map((w) => asString(asRecord(w).rule) ?? '?').join(', ') || 'none';
    decisions.push({
      file,
      slug,
      kind: 'waivers',
      field: 'waivers',
      from: before ? rules(asArray(before.waivers)) : none,
      to: rules(asArray(after.waivers)),
      path: '/waivers',
      messageId: 'waivers',
      needsReady: false,
      needsDelistingReason: false,
    });
  }
  return decisions;
}
