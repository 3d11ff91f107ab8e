import { isLicenseRef } from '../../licenses/spdx.js';
import { asArray, asRecord, asString } from '../../core/nomination.js';
import { expressionLicenseIds, matchesDeclared } from '../../licenses/detected.js';
import { repositoryTargets } from '../../util/targets.js';
import type { OnlineRule } from '../types.js';

export const rule: OnlineRule = {
  kind: 'online',
  id: 'online/license-mismatch',
  indicator: '2',
  description: 'The licence GitHub detects in a listed repository is one the nomination declares (checked with --online).',
  defaultSeverity: 'error',
  messages: {
    mismatch:
      "GitHub detects {detected} in {repository} but the nomination declares {declared}; declare the licence the repository is under, or correct the repository's licence file.",
  },
  async check(context) {
    const expressions = asArray(context.data.licenses)
      .map((l) => asString(asRecord(l).spdx))
      .filter((s): s is string => Boolean(s));
    const declared = expressions.flatMap(expressionLicenseIds);
    // A LicenseRef cannot be compared with GitHub's SPDX id; online/license-unverified asks a person instead.
    if (!declared.length || declared.some((id) => isLicenseRef(id))) return;
    await Promise.all(
      repositoryTargets(context.data).map(async ({ path, github }) => {
        if (!github) return;
        const result = await context.githubRepository(github.owner, github.name);
        const detected = result.license;
        if (result.outcome !== 'found' || !detected || detected === 'NOASSERTION') return;
        if (!matchesDeclared(detected, declared)) {
          context.report({
            path,
            messageId: 'mismatch',
            data: { detected, repository: github.fullName, declared: expressions.join(', ') },
          });
        }
      }),
    );
  },
};
