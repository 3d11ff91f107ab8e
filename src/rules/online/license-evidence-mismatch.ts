import { isLicenseRef } from '../../licenses/spdx.js';
import { joinPointer } from '../../core/pointer.js';
import { asArray, asRecord, asString } from '../../core/nomination.js';
import { expressionLicenseIds, mentionsLicense } from '../../licenses/detected.js';
import { urlProblem } from '../../util/url.js';
import type { OnlineRule } from '../types.js';

export const rule: OnlineRule = {
  kind: 'online',
  id: 'online/license-evidence-mismatch',
  indicator: '2',
  description: "The page behind each licence's evidenceUrl names the declared licence, by SPDX id or full name (checked with --online).",
  defaultSeverity: 'warning',
  messages: {
    notMentioned:
      'The page "{url}" does not mention {license}; link a page that names the licence, such as the repository\'s LICENSE file.',
  },
  async check(context) {
    await Promise.all(
      asArray(context.data.licenses).map(async (entry, index) => {
        const license = asRecord(entry);
        const url = asString(license.evidenceUrl);
        const ids = expressionLicenseIds(asString(license.spdx) ?? '').filter((id) => !isLicenseRef(id));
        if (!url || urlProblem(url) || !ids.length) return;
        const page = await context.readPage(url);
        // Unreachable pages are the link rules' to report; non-text pages (PDF, images) cannot be read here.
        if (page.outcome !== 'ok' || page.text === undefined) return;
        const missing = ids.filter((id) => !mentionsLicense(page.text!, id));
        if (missing.length) {
          context.report({
            path: joinPointer('/licenses', index, 'evidenceUrl'),
            messageId: 'notMentioned',
            data: { url, license: missing.join(' or ') },
          });
        }
      }),
    );
  },
};
