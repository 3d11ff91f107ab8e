import { asArray, asRecord } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'harm/ai-training-data',
  indicator: '9a',
  description: 'An AI model states whether its training data contains personal data.',
  defaultSeverity: 'error',
  since: '1.1.7',
  messages: {
    unanswered:
      'The solution is an AI model but doNoHarm.dataPrivacySecurity.trainingDataPii is not answered; add trainingDataPii: true or false (does the training data contain personal data?).',
  },
  check(context) {
    if (!asArray(context.data.categories).includes('ai-model')) return;
    const security = asRecord(context.data.doNoHarm).dataPrivacySecurity;
    // A missing 9a section is reported by the schema.
    if (security === null || typeof security !== 'object' || Array.isArray(security)) return;
    if ((security as Record<string, unknown>).trainingDataPii !== undefined) return;
    context.report({ path: '/doNoHarm/dataPrivacySecurity', at: 'key', messageId: 'unanswered' });
  },
};
