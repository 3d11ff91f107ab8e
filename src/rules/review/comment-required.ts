import type { CoreRule } from '../types.js';

/** Reported by src/review/records.ts. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'review/comment-required',
  indicator: null,
  description: 'A verdict of does-not-meet or needs-information carries a comment saying what is missing, so the nominator can act on it.',
  defaultSeverity: 'error',
  messages: {
    missing: 'Indicator {indicator} is "{verdict}" without a comment; say what is missing or wrong so the nominator can fix it.',
  },
};
