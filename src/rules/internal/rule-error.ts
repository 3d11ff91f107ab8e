import type { CoreRule } from '../types.js';

/** Reported by the engine (src/lint/engine.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'internal/rule-error',
  indicator: null,
  description: 'A rule failed on this file; the file may still be fine. Report the failure so the rule can be fixed.',
  defaultSeverity: 'error',
  messages: {
    crashed: 'Rule {rule} crashed on this file ({reason}). This is a bug in dpg, not in the nomination; please report it with the file.',
  },
};
