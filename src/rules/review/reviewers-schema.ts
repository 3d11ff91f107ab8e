import type { CoreRule } from '../types.js';
import { REVIEW_SCHEMA_MESSAGES } from './schema.js';

/** Reported by src/review/reviewers.ts for a reviewers.yaml that does not match schemas/reviewers.schema.json. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'review/reviewers-schema',
  indicator: null,
  description: 'reviewers.yaml matches its schema: maintainers, Communities of Practice with members and matchers, and a default group.',
  defaultSeverity: 'error',
  messages: REVIEW_SCHEMA_MESSAGES,
};
