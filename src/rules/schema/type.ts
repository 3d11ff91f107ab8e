import type { CoreRule } from '../types.js';

/** Reported by the schema stage (src/schema/validate.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'schema/type',
  indicator: null,
  description: 'Every value must have the type the schema gives it (text, list, mapping, true/false, number).',
  defaultSeverity: 'error',
  messages: {
    wrongType: '{where} must be {expected}, not {actual}.',
  },
};
