import type { CoreRule } from '../types.js';

/** Reported by src/review/records.ts. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'review/unknown-indicator',
  indicator: null,
  description: 'A review gives verdicts only for indicators of the DPG Standard: 1 to 9, 9a, 9b and 9c.',
  defaultSeverity: 'error',
  messages: {
    unknown: 'The DPG Standard has no indicator "{indicator}".{suggestion} Use one of 1–9, 9a, 9b, 9c (quote them in YAML, e.g. "9a":).',
  },
};
