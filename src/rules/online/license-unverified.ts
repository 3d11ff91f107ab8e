import { isLicenseRef } from '../../licenses/spdx.js';
import { asArray, asRecord, asString } from '../../core/nomination.js';
import { expressionLicenseIds, matchesDeclared } from '../../licenses/detected.js';
import { repositoryTargets } from '../../util/targets.js';
import type { OnlineRule } from '../types.js';

export const rule: OnlineRule = {
  kind: 'online',
  id: 'online/license-unverified',
  indicator: '2',
  description:
    'GitHub could not confirm the declared licence of a listed repository (no licence file found, or one it cannot name): a person should check it.',
  defaultSeverity: 'info',
  messages: {
    none: 'GitHub detects no licence in {repository}; check that the repository holds the licence text of {declared} (a LICENSE file at its root lets GitHub and others detect it).',
    unnamed: 'GitHub finds a licence in {repository} but cannot name it; check that it is {declared}.',
    licenseRef:
      'GitHub detects {detected} in {repository}; the nomination declares {declared}, which cannot be compared automatically: check that they agree.',
  },
  async check(context) {
    const expressions = asArray(context.data.licenses)
      .map((l) => asString(asRecord(l).spdx))
      .filter((s): s is string => Boolean(s));
    const declaredIds = expressions.flatMap(expressionLicenseIds);
    if (!declaredIds.length) return;
    const declared = expressions.join(', ');
    await Promise.all(
      repositoryTargets(context.data).map(async ({ path, github }) => {
        if (!github) return;
        const result = await context.githubRepository(github.owner, github.name);
        if (result.outcome !== 'found') return;
        const detected = result.license;
        const repository = github.fullName;
        if (!detected) context.report({ path, messageId: 'none', data: { repository, declared } });
        else if (detected === 'NOASSERTION') context.report({ path, messageId: 'unnamed', data: { repository, declared } });
        else if (declaredIds.some((id) => isLicenseRef(id)) && !matchesDeclared(detected, declaredIds)) {
          context.report({ path, messageId: 'licenseRef', data: { detected, repository, declared } });
        }
      }),
    );
  },
};
