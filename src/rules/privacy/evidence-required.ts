import { asRecord, asString } from '../../core/nomination.js';
import type { FileRule } from '../types.js';
import { personalDataReason } from './pii-requirements.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'privacy/evidence-required',
  indicator: '7',
  description: 'A solution that handles personal data links its privacy policy or terms of service as evidence of adherence.',
  defaultSeverity: 'error',
  // The former questionnaire asked for the steps taken to adhere, in words; a linked policy came later.
  since: '1.1.7',
  messages: {
    missing: 'Personal data is handled ({reason}) but privacy.evidenceUrls lists no URL; add the privacy policy or terms of service.',
    missingHasPolicy:
      'Personal data is handled ({reason}) but privacy.evidenceUrls lists no URL; add the privacy policy ({policyUrl}, given in piiRequirements) or the terms of service.',
  },
  check(context) {
    const privacy = context.data.privacy;
    // A missing privacy section is reported by the schema.
    if (privacy === null || typeof privacy !== 'object' || Array.isArray(privacy)) return;
    const reason = personalDataReason(context.data);
    if (!reason) return;
    const { evidenceUrls, piiRequirements } = privacy as Record<string, unknown>;
    // A wrongly typed list, or malformed URLs in it, are reported by the schema and the URL rules.
    if (evidenceUrls !== undefined && (!Array.isArray(evidenceUrls) || evidenceUrls.length > 0)) return;
    const policyUrl = asString(asRecord(piiRequirements).policyUrl)?.trim();
    context.report({
      path: evidenceUrls === undefined ? '/privacy' : '/privacy/evidenceUrls',
      at: 'key',
      messageId: policyUrl ? 'missingHasPolicy' : 'missing',
      data: policyUrl ? { reason, policyUrl } : { reason },
    });
  },
};
