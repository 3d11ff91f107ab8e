import type { CoreRule } from '../types.js';

/** Reported by the loader (src/load/load.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'yaml/empty',
  indicator: null,
  description: 'The file must hold a nomination, not be empty.',
  defaultSeverity: 'error',
  messages: {
    empty: 'File is empty; a nomination is a YAML mapping (run `dpg new` to start one).',
    noDocument: 'File holds no YAML document.',
  },
};
