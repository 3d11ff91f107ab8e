import type { CoreRule } from '../types.js';

/** Reported by the schema stage (src/schema/validate.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'schema/invalid-value',
  indicator: null,
  description: 'Values must meet the constraints of the schema (non-empty, unique items, ranges, date format).',
  defaultSeverity: 'error',
  messages: {
    invalid: '{where} {reason}.',
  },
};
