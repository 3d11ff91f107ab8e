import type { CoreRule } from '../types.js';

/** Reported by the loader (src/load/load.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'yaml/limits',
  indicator: null,
  description: 'The file must stay within the size, nesting and alias limits that protect the validator.',
  defaultSeverity: 'error',
  messages: {},
};
