import type { CoreRule } from '../types.js';

/** Reported by src/review/records.ts for a review record that does not match schemas/review.schema.json. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'review/schema',
  indicator: null,
  description:
    'A review record (reviews/<slug>/<reviewer>.yaml) matches the review schema: reviewer, date, conflicts of interest and a verdict per indicator.',
  defaultSeverity: 'error',
  messages: {},
};
