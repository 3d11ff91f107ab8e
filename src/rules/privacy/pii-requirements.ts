import { asRecord, type MaybeNomination } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

/** Why the nomination handles personal data, or undefined when it does not (or does not say). */
export function personalDataReason(data: MaybeNomination): string | undefined {
  const security = asRecord(asRecord(data.doNoHarm).dataPrivacySecurity);
  const level = security.piiHandling;
  if (typeof level === 'string' && level !== 'none') return `doNoHarm.dataPrivacySecurity.piiHandling is ${level}`;
  if (security.trainingDataPii === true) return 'the training data contains personal data';
  return undefined;
}

/**
 * Why the 2025 privacy answers are required but missing, or undefined when they are present or not
 * needed. A missing privacy section is left to the schema.
 */
function missingPiiRequirementsReason(data: MaybeNomination): string | undefined {
  const privacy = data.privacy;
  if (privacy === null || typeof privacy !== 'object' || Array.isArray(privacy)) return undefined;
  if ((privacy as Record<string, unknown>).piiRequirements !== undefined) return undefined;
  return personalDataReason(data);
}

export const rule: FileRule = {
  kind: 'file',
  id: 'privacy/pii-requirements',
  indicator: '7',
  description: 'A solution that handles personal data answers the five 2025 privacy questions (privacy.piiRequirements).',
  defaultSeverity: 'error',
  since: '1.1.7',
  messages: {
    missing:
      'Personal data is handled ({reason}) but privacy.piiRequirements is missing; answer the 2025 privacy questions: isMinimal with minimisationExplanation, consentNotice, policyUrl, processing and deletion.',
  },
  check(context) {
    // A delisted record is no longer assessed.
    if (context.data.stage === 'delisted') return;
    const reason = missingPiiRequirementsReason(context.data);
    if (reason) context.report({ path: '/privacy', at: 'key', messageId: 'missing', data: { reason } });
  },
};
