import type { CoreRule } from '../types.js';

/** Reported by `dpg comment` (src/github/decisions.ts) when a pull request takes a decision it may not take. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'review/decision',
  indicator: null,
  description: 'A decision (a change of stage or of review.date) is taken by a maintainer, on a nomination whose review status is ready.',
  defaultSeverity: 'error',
  messages: {
    notMaintainer:
      '{change} set by {actors}, who {verb} not a maintainer; a maintainer listed in reviewers.yaml must open or approve this pull request.',
    unconfirmed:
      '{change} set by {actors}: listed as maintainer but not confirmed by GitHub ({why}); a confirmed maintainer must open or approve this pull request.',
    notReady: '{change}: not ready for a decision: {missing}. Run `dpg status {slug}` to see what is missing.',
    noReason: '{change}: a delisting records its date and reason in the file (delisting: { date: YYYY-MM-DD, reason: … }).',
  },
};
