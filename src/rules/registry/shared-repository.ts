import { asRecord } from '../../core/nomination.js';
import type { RegistryRule } from '../types.js';
import { claimsOf, listFiles, sharedClaims, toldApartIn, type Claim } from './duplicate.js';

export const rule: RegistryRule<Claim[]> = {
  kind: 'registry',
  id: 'registry/shared-repository',
  indicator: null,
  description: 'Two nominations with different names and websites that list one repository are confirmed to be distinct products.',
  defaultSeverity: 'warning',
  messages: {
    shared:
      'Repository {value} is also listed by {others}, which has another name and website; confirm that they are distinct products built from one repository (a reviewer waives this warning with the reason), or merge the nominations.',
  },
  collect: (data) => claimsOf(asRecord(data)),
  keys: (claims) => claims.filter((claim) => claim[3] === 'repository').map((claim) => claim[0]),
  check(context) {
    const toldApart = toldApartIn(context.entries);
    for (const byFile of sharedClaims(context.entries, (claim) => claim[3] === 'repository').values()) {
      const files = [...byFile.keys()];
      for (const [file, claims] of byFile) {
        // Files that share a name or website with this one are registry/duplicate's errors, not a question.
        const apart = files.filter((other) => other !== file && toldApart(file, other));
        if (!apart.length) continue;
        for (const [, path, value] of claims)
          context.report(file, { path, messageId: 'shared', data: { value, others: listFiles(apart) } });
      }
    }
  },
};
