import type { CoreRule } from '../types.js';

/** Reported by the schema stage (src/schema/validate.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'schema/unknown-key',
  indicator: null,
  description: 'Every key must be one the nomination schema defines (typos are caught here).',
  defaultSeverity: 'error',
  messages: {
    unknown: 'Unknown key "{key}" in {where}.{hint}',
  },
};
