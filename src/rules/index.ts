import { coreRules } from './core.js';
import { sdgRules } from './sdg/index.js';
import type { Rule } from './types.js';

/** Every rule dpg knows, in the order `dpg rules` lists them. Each folder under src/rules owns its list. */
export const ALL_RULES: readonly Rule[] = [
  ...coreRules,
  ...sdgRules,
];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
