import { rule as delistingWithoutReason } from './delisting-without-reason.js';
import { rule as deletedNomination } from './deleted-nomination.js';
import { rule as outsidePath } from './outside-path.js';
import { rule as decision } from './decision.js';

/** Findings about what a change does in git rather than inside a file; reported by `dpg validate --changed`. */
export const gitRules = [deletedNomination, delistingWithoutReason, outsidePath, decision];
