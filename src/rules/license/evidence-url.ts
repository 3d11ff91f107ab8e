import { joinPointer } from '../../core/pointer.js';
import { asArray, asRecord } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'license/evidence-url',
  indicator: '2',
  description: 'Every licence has an evidenceUrl: a public page that names it.',
  defaultSeverity: 'error',
  messages: {
    missing:
      'Licence "{license}" has no evidenceUrl; add a public URL that names the licence, such as the LICENSE file in the repository or a licence page.',
  },
  check(context) {
    asArray(context.data.licenses).forEach((entry, index) => {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return;
      const licence = asRecord(entry);
      // A present but malformed value is the schema's and url/valid's to report.
      if (licence.evidenceUrl !== undefined) return;
      const license = typeof licence.spdx === 'string' && licence.spdx.trim() ? licence.spdx : '?';
      context.report({ path: joinPointer('/licenses', index), at: 'key', messageId: 'missing', data: { license } });
    });
  },
};
