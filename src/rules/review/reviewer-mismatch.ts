import type { CoreRule } from '../types.js';

/** Reported by src/review/records.ts. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'review/reviewer-mismatch',
  indicator: null,
  description: 'A review record is named after its reviewer: reviews/<slug>/<reviewer>.yaml holds reviewer: <reviewer>.',
  defaultSeverity: 'error',
  messages: {
    mismatch:
      'The file is named {fileName}.yaml but says reviewer: {reviewer}; rename the file to {reviewer}.yaml or correct the reviewer (one file per reviewer and nomination).',
  },
};
