import { rule as evidenceRequired } from './evidence-required.js';

export const standardsRules = [evidenceRequired];
