import { asArray, asRecord, asString } from '../../core/nomination.js';
import { joinPointer } from '../../core/pointer.js';
import type { FileRule } from '../types.js';

/** Answers that stand in for evidence without being any ("n/a", "TBD", "yes"). */
export const PLACEHOLDER_EVIDENCE = /^(n\/?a|none|tbd|todo|-+|\.+|yes|no)$/i;

export const rule: FileRule = {
  kind: 'file',
  id: 'sdg/evidence-required',
  indicator: '1',
  description: "Every SDG claimed must carry evidence: text linking the solution to the goal's targets, a URL, or both.",
  defaultSeverity: 'error',
  messages: {
    missing:
      'SDG {goal} has no evidence; add evidenceText explaining how the solution serves its targets, or an evidenceUrl to a page showing it.',
    blank: 'SDG {goal} has only placeholder evidence ("{text}"); explain how the solution serves the goal\'s targets.',
  },
  check(context) {
    asArray(context.data.sdgs).forEach((entry, index) => {
      const sdg = asRecord(entry);
      const path = joinPointer('/sdgs', index);
      const text = asString(sdg.evidenceText)?.trim();
      const url = asString(sdg.evidenceUrl)?.trim();
      const goal = typeof sdg.goal === 'number' ? sdg.goal : '?';
      if (!text && !url) {
        context.report({ path, messageId: 'missing', data: { goal } });
      } else if (!url && text && PLACEHOLDER_EVIDENCE.test(text)) {
        context.report({ path: joinPointer(path, 'evidenceText'), messageId: 'blank', data: { goal, text } });
      }
    });
  },
};
