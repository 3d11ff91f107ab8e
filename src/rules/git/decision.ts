import type { CoreRule } from '../types.js';

/**
 * Reported by `dpg validate --changed` (src/runner/git/results.ts) on a nomination whose stage, review date or waivers
 * the change sets, and on a change to the configuration or reviewers file, which the check reads from the base.
 */
export const rule: CoreRule = {
  kind: 'core',
  id: 'git/decision',
  indicator: null,
  description:
    'A change of stage, review.date or waivers, or of the registry configuration or reviewers file, is a decision: only a maintainer takes it.',
  defaultSeverity: 'info',
  messages: {
    stage: 'stage {from} → {to}: a decision; needs a maintainer and a ready status (`dpg status {slug}`).',
    delisting: 'stage {from} → {to}: a decision; needs a maintainer and a dated reason (delisting.date, delisting.reason).',
    other: 'stage {from} → {to}: a decision; needs a maintainer.',
    reviewDate: 'review.date {from} → {to}: a decision (a renewal); needs a maintainer and a ready status (`dpg status {slug}`).',
    configuration:
      "This change {action} {file}, the registry configuration (rules, severities, paths, review settings): a decision; needs a maintainer. This check uses the version on {base}, not the change's.",
    reviewers:
      "This change {action} {file}, the registry's maintainers and reviewers: a decision; needs a maintainer. Reviews and decisions are checked against the version on {base}, not the change's.",
    waivers: "waivers {from} → {to}: a decision (a waiver turns a rule's finding into information); needs a maintainer.",
  },
};
