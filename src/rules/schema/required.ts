import type { CoreRule } from '../types.js';

/** Reported by the schema stage (src/schema/validate.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'schema/required',
  indicator: null,
  description: 'Every required key must be present, including the follow-up answers that a yes/no answer calls for.',
  defaultSeverity: 'error',
  messages: {
    missing: 'Missing required key "{key}"{title} in {where}{condition}.',
  },
};
