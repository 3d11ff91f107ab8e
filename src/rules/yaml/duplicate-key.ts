import type { CoreRule } from '../types.js';

/** Reported by the loader (src/load/load.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'yaml/duplicate-key',
  indicator: null,
  description: 'A key may appear only once in a mapping.',
  defaultSeverity: 'error',
  messages: {
    duplicate:
      'Duplicate key "{key}": a key may appear only once in a mapping; remove or merge the repeated one (dpg checked the file with the first value).',
  },
};
