import type { CoreRule } from '../types.js';

/** Reported by the loader (src/load/load.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'yaml/syntax',
  indicator: null,
  description: 'The file must be well-formed YAML (no tabs for indentation, closed quotes and brackets).',
  defaultSeverity: 'error',
  messages: {
    unparsable: 'YAML could not be parsed: {reason}',
    error: 'YAML syntax error: {reason}',
    unclosedQuote: 'YAML syntax error: {reason} The quote opened here is never closed; close it or remove it.',
    warning: 'YAML warning: {reason}',
  },
};
