import type { CoreRule } from '../types.js';

/** Reported by `dpg validate --changed` (src/git/results.ts) on a nomination whose stage or review date the change sets. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'git/decision',
  indicator: null,
  description: 'A change of stage or of review.date is a decision: only a maintainer takes it, on a nomination whose review status is ready.',
  defaultSeverity: 'info',
  messages: {
    stage: 'stage {from} → {to}: a decision; needs a maintainer and a ready status (`dpg status {slug}`).',
    delisting: 'stage {from} → {to}: a decision; needs a maintainer and a dated reason (delisting.date, delisting.reason).',
    other: 'stage {from} → {to}: a decision; needs a maintainer.',
    reviewDate: 'review.date {from} → {to}: a decision (a renewal); needs a maintainer and a ready status (`dpg status {slug}`).',
    waivers: 'waivers {from} → {to}: a decision (a waiver turns a rule\'s finding into information); needs a maintainer.',
  },
};
