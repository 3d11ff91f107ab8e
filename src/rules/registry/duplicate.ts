import { joinPointer } from '../../load/positions.js';
import { asArray, asRecord, asString } from '../../nomination.js';
import { normaliseName, normaliseUrl } from '../../util/normalise.js';
import type { RegistryRule } from '../types.js';

interface Claim {
  file: string;
  path: string;
  /** As written in the file. */
  value: string;
  role: 'name' | 'alias' | 'repository';
}

const ROLE_WORDS: Record<Claim['role'], string> = { name: 'the name', alias: 'an alias', repository: 'a repository' };

function claimsOf(file: string, data: Record<string, unknown>): Array<Claim & { key: string }> {
  const claims: Array<Claim & { key: string }> = [];
  const name = asString(data.name);
  if (name && normaliseName(name)) claims.push({ file, path: '/name', value: name, role: 'name', key: `name:${normaliseName(name)}` });
  asArray(data.aliases).forEach((alias, index) => {
    if (typeof alias === 'string' && normaliseName(alias)) {
      claims.push({ file, path: joinPointer('/aliases', index), value: alias, role: 'alias', key: `name:${normaliseName(alias)}` });
    }
  });
  asArray(data.repositories).forEach((repository, index) => {
    const url = asString(asRecord(repository).url);
    if (url && url.trim()) {
      claims.push({ file, path: joinPointer('/repositories', index, 'url'), value: url, role: 'repository', key: `url:${normaliseUrl(url)}` });
    }
  });
  return claims;
}

export const rule: RegistryRule = {
  kind: 'registry',
  id: 'registry/duplicate',
  indicator: null,
  description: 'No two nominations share a name, an alias or a repository: one solution, one file.',
  defaultSeverity: 'error',
  reads: ['name', 'aliases', 'repositories'],
  messages: {
    name: '{role} "{value}" is also {otherRole} of {others}; if it is the same solution, update that nomination instead of adding this one, otherwise choose a name that tells them apart.',
    repository: 'Repository {value} is also listed by {others}; if it is the same solution, update that nomination instead of adding this one, otherwise fix the URL.',
  },
  check(context) {
    const byKey = new Map<string, Claim[]>();
    for (const entry of context.entries) {
      for (const { key, ...claim } of claimsOf(entry.file, asRecord(entry.data))) {
        const list = byKey.get(key) ?? [];
        list.push(claim);
        byKey.set(key, list);
      }
    }
    for (const claims of byKey.values()) {
      const files = new Set(claims.map((c) => c.file));
      // Repeats within one file are identity/aliases' to report.
      if (files.size < 2) continue;
      for (const claim of claims) {
        const others = claims.filter((c) => c.file !== claim.file);
        const otherFiles = [...new Set(others.map((c) => c.file))].join(', ');
        if (claim.role === 'repository') {
          context.report(claim.file, { path: claim.path, messageId: 'repository', data: { value: claim.value, others: otherFiles } });
        } else {
          const role = claim.role === 'name' ? 'Name' : 'Alias';
          const otherRole = others.some((c) => c.role === 'name') ? ROLE_WORDS.name : ROLE_WORDS.alias;
          context.report(claim.file, { path: claim.path, messageId: 'name', data: { role, value: claim.value, otherRole, others: otherFiles } });
        }
      }
    }
  },
};
