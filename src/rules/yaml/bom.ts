import type { CoreRule } from '../types.js';

/** Reported by the loader (src/load/load.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'yaml/bom',
  indicator: null,
  description: 'The file should not start with a UTF-8 byte-order mark.',
  defaultSeverity: 'warning',
  messages: {
    bom: 'File starts with a UTF-8 byte-order mark; save it without one.',
  },
};
