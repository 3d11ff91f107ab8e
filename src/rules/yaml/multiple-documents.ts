import type { CoreRule } from '../types.js';

/** Reported by the loader (src/load/load.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'yaml/multiple-documents',
  indicator: null,
  description: 'A nomination file holds exactly one YAML document.',
  defaultSeverity: 'error',
  messages: {
    multiple: 'File holds {count} YAML documents; a nomination file holds exactly one (remove the `---` separators and split the file).',
  },
};
