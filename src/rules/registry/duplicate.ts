import { joinPointer } from '../../load/positions.js';
import { asArray, asRecord, asString } from '../../nomination.js';
import { normaliseName, normaliseUrl } from '../../util/normalise.js';
import type { RegistryRule } from '../types.js';

type Role = 'name' | 'alias' | 'repository';

/**
 * Something a nomination claims as its own — a name, an alias or a repository — as [the normalised form two
 * nominations must not share, where it is, as written, what it is]. A tuple: every file's claims are kept
 * in the results cache and read on every run.
 */
export type Claim = [key: string, path: string, value: string, role: Role];

const ROLE_WORDS: Record<Role, string> = { name: 'the name', alias: 'an alias', repository: 'a repository' };

function claimsOf(data: Record<string, unknown>): Claim[] {
  const claims: Claim[] = [];
  const name = asString(data.name);
  const nameKey = name === undefined ? '' : normaliseName(name);
  if (nameKey) claims.push([`name:${nameKey}`, '/name', name!, 'name']);
  asArray(data.aliases).forEach((alias, index) => {
    const aliasKey = typeof alias === 'string' ? normaliseName(alias) : '';
    if (aliasKey) claims.push([`name:${aliasKey}`, joinPointer('/aliases', index), alias as string, 'alias']);
  });
  asArray(data.repositories).forEach((repository, index) => {
    const url = asString(asRecord(repository).url);
    if (url && url.trim()) claims.push([`url:${normaliseUrl(url)}`, joinPointer('/repositories', index, 'url'), url, 'repository']);
  });
  return claims;
}

export const rule: RegistryRule<Claim[]> = {
  kind: 'registry',
  id: 'registry/duplicate',
  indicator: null,
  description: 'No two nominations share a name, an alias or a repository: one solution, one file.',
  defaultSeverity: 'error',
  messages: {
    name: '{role} "{value}" is also {otherRole} of {others}; if it is the same solution, update that nomination instead of adding this one, otherwise choose a name that tells them apart.',
    repository: 'Repository {value} is also listed by {others}; if it is the same solution, update that nomination instead of adding this one, otherwise fix the URL.',
  },
  collect: (data) => claimsOf(asRecord(data)),
  keys: (claims) => claims.map((claim) => claim[0]),
  check(context) {
    // Key → the first file claiming it, then only the keys a second file claims too (usually none).
    const first = new Map<string, string>();
    const shared = new Map<string, Array<{ file: string; claim: Claim }>>();
    for (const { file, summary } of context.entries) {
      for (const claim of summary) {
        const owner = first.get(claim[0]);
        if (owner === undefined) first.set(claim[0], file);
        else if (owner !== file) shared.set(claim[0], []);
      }
    }
    if (shared.size === 0) return;
    for (const { file, summary } of context.entries) {
      for (const claim of summary) shared.get(claim[0])?.push({ file, claim });
    }
    for (const claims of shared.values()) {
      for (const { file, claim: [, path, value, role] } of claims) {
        const others = claims.filter((c) => c.file !== file);
        const otherFiles = [...new Set(others.map((c) => c.file))].join(', ');
        if (role === 'repository') {
          context.report(file, { path, messageId: 'repository', data: { value, others: otherFiles } });
        } else {
          const otherRole = others.some((c) => c.claim[3] === 'name') ? ROLE_WORDS.name : ROLE_WORDS.alias;
          context.report(file, { path, messageId: 'name', data: { role: role === 'name' ? 'Name' : 'Alias', value, otherRole, others: otherFiles } });
        }
      }
    }
  },
};
