import type { CoreRule } from '../types.js';

/** Reported by the loader (src/load/load.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'yaml/syntax',
  indicator: null,
  description: 'The file must be well-formed YAML (no tabs for indentation, closed quotes and brackets).',
  defaultSeverity: 'error',
  messages: {},
};
