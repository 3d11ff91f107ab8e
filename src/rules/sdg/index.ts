import { rule as evidenceRequired } from './evidence-required.js';
import { rule as maxGoals } from './max-goals.js';
import { rule as uniqueGoals } from './unique-goals.js';

export const sdgRules = [evidenceRequired, uniqueGoals, maxGoals];
