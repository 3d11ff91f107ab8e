import { asArray, asString } from '../../core/nomination.js';
import { joinPointer } from '../../core/pointer.js';
import type { FileRule } from '../types.js';

const LISTS = [
  { key: 'openStandards', label: 'Open standard' },
  { key: 'bestPractices', label: 'Best practice' },
] as const;

/** The former questionnaire asked for evidence of all standards together; evidence per item came later. */
const EVIDENCE_PER_ITEM_SINCE = '1.1.7';

export const rule: FileRule = {
  kind: 'file',
  id: 'standards/evidence-required',
  indicator: '8',
  description: 'At least one open standard or best practice is listed, each with evidence that it is followed.',
  defaultSeverity: 'error',
  messages: {
    none: 'No open standard or best practice is listed; add the open standards the solution supports (standards.openStandards) or the best practices it follows (standards.bestPractices), each with evidence.',
    itemEvidence:
      '{label} "{name}" has no evidence; add an evidenceUrl (validator result, test suite, documentation) or an evidenceText saying how it is followed.',
  },
  check(context) {
    const standards = context.data.standards;
    // A missing or wrongly typed section is reported by the schema.
    if (standards === null || typeof standards !== 'object' || Array.isArray(standards)) return;
    const section = standards as Record<string, unknown>;
    let listed = 0;
    for (const { key, label } of LISTS) {
      asArray(section[key]).forEach((entry, index) => {
        listed++;
        // An entry that is not a mapping is reported by the schema.
        if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return;
        const item = entry as Record<string, unknown>;
        if (asString(item.evidenceUrl)?.trim() || asString(item.evidenceText)?.trim()) return;
        const name = asString(item.name)?.trim() || `entry ${index + 1}`;
        context.report({
          path: joinPointer('/standards', key, index),
          messageId: 'itemEvidence',
          data: { label, name },
          since: EVIDENCE_PER_ITEM_SINCE,
        });
      });
    }
    if (listed === 0) context.report({ path: '/standards', at: 'key', messageId: 'none' });
  },
};
