import type { CoreRule } from '../types.js';

/** The messages of a review schema's findings, shared by review/schema and review/reviewers-schema. */
export const REVIEW_SCHEMA_MESSAGES: Readonly<Record<string, string>> = {
  unknown: 'Unknown key "{key}" in {where}.{hint}',
  required: 'Missing required key "{key}" in {where}.',
  type: '{where} must be {expected}, not {value}.',
  enum: '{where} is {value}, which is not allowed.{hint}',
  pattern: '{where} is {value}, which is not well-formed{hint}.',
  invalid: '{where} {reason}.',
};

/** Reported by src/review/records.ts for a review record that does not match schemas/review.schema.json. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'review/schema',
  indicator: null,
  description:
    'A review record (reviews/<slug>/<reviewer>.yaml) matches the review schema: reviewer, date, conflicts of interest and a verdict per indicator.',
  defaultSeverity: 'error',
  messages: REVIEW_SCHEMA_MESSAGES,
};
