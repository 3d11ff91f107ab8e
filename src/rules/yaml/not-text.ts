import type { CoreRule } from '../types.js';

/** Reported by the loader (src/load/load.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'yaml/not-text',
  indicator: null,
  description: 'The file must be UTF-8 text, not binary data.',
  defaultSeverity: 'error',
  messages: {
    binary: 'File is not UTF-8 text (it contains binary bytes); save it as UTF-8 YAML.',
  },
};
