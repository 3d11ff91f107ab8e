import { rule as commentRequired } from './comment-required.js';
import { rule as decision } from './decision.js';
import { rule as missingNomination } from './missing-nomination.js';
import { rule as reviewerMismatch } from './reviewer-mismatch.js';
import { rule as reviewersSchema } from './reviewers-schema.js';
import { rule as schema } from './schema.js';
import { rule as unknownIndicator } from './unknown-indicator.js';
import { rule as unverifiable } from './unverifiable.js';

/** Findings about review records and reviewers.yaml (src/review) and about decisions (dpg comment). */
export const reviewRules = [
  schema,
  missingNomination,
  unknownIndicator,
  commentRequired,
  reviewerMismatch,
  reviewersSchema,
  decision,
  unverifiable,
];
