import { asArray } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

// Real DPGs claim 1 to 5 goals; more than half of the 17 is the known abuse (see the rule's docs).
const DEFAULT_MAX_GOALS = 8;

export const rule: FileRule = {
  kind: 'file',
  id: 'sdg/max-goals',
  indicator: '1',
  description: 'A nomination should claim only the SDGs it demonstrably serves; claiming many or all goals is a known abuse.',
  defaultSeverity: 'warning',
  messages: {
    tooMany:
      '{count} SDGs are claimed, more than {max}; keep the goals whose targets the solution demonstrably serves and remove the others.',
  },
  defaultOptions: { max: DEFAULT_MAX_GOALS },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      max: { type: 'integer', minimum: 1, maximum: 17, description: 'Most SDGs a nomination may claim without a finding.' },
    },
  },
  check(context) {
    const max = context.options.max;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
      throw new Error(`option "max" of sdg/max-goals in dpg.config.yaml must be a whole number from 1 to 17, not ${JSON.stringify(max)}`);
    }
    const count = asArray(context.data.sdgs).length;
    if (count > max) context.report({ path: '/sdgs', at: 'key', messageId: 'tooMany', data: { count, max } });
  },
};
