import type { FileRule } from '../types.js';
import { missingPiiRequirementsReason } from './pii-requirements.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'privacy/pii-requirements-at-review',
  indicator: '7',
  description: 'A recognised (or expired) DPG that handles personal data must supply the 2025 privacy answers at its next annual review.',
  defaultSeverity: 'warning',
  messages: {
    missing: 'Personal data is handled ({reason}) but privacy.piiRequirements is missing; the 2025 privacy answers (isMinimal with minimisationExplanation, consentNotice, policyUrl, processing, deletion) are needed at the next annual review.',
  },
  check(context) {
    const stage = context.data.stage;
    if (stage !== 'dpg' && stage !== 'expired') return;
    const reason = missingPiiRequirementsReason(context.data);
    if (reason) context.report({ path: '/privacy', at: 'key', messageId: 'missing', data: { reason } });
  },
};
