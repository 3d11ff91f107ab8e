import { joinPointer } from '../../core/pointer.js';
import { asArray, asRecord, asString } from '../../core/nomination.js';
import { lookAlikeKey } from '../../util/look-alike.js';
import { normaliseName, normaliseUrl } from '../../util/normalise.js';
import type { RegistryEntry, RegistryRule } from '../types.js';

type Role = 'name' | 'alias' | 'repository' | 'website';

/**
 * Something a nomination claims as its own — a name, an alias or a repository — as [the normalised form two
 * nominations must not share, where it is, as written, what it is]; its website too, which only tells two
 * files sharing a repository apart. A tuple: every file's claims are kept in the results cache and read on
 * every run.
 */
export type Claim = [key: string, path: string, value: string, role: Role];

const ROLE_WORDS: Record<Role, string> = { name: 'the name', alias: 'an alias', repository: 'a repository', website: 'the website' };

const isNameOrAlias = (claim: Claim): boolean => claim[3] === 'name' || claim[3] === 'alias';

/** Files listed in a message: the first few, then how many more, so a value shared by thousands stays one line. */
const LISTED_FILES = 5;

export function claimsOf(data: Record<string, unknown>): Claim[] {
  const claims: Claim[] = [];
  const name = asString(data.name);
  // Names meet by what they look like (UTS #39 skeletons): "ОpenLMIS" with a Cyrillic О is "OpenLMIS".
  const nameKey = name === undefined ? '' : lookAlikeKey(name);
  if (nameKey) claims.push([`name:${nameKey}`, '/name', name!, 'name']);
  asArray(data.aliases).forEach((alias, index) => {
    const aliasKey = typeof alias === 'string' ? lookAlikeKey(alias) : '';
    if (aliasKey) claims.push([`name:${aliasKey}`, joinPointer('/aliases', index), alias as string, 'alias']);
  });
  asArray(data.repositories).forEach((repository, index) => {
    const url = asString(asRecord(repository).url);
    if (url && url.trim()) claims.push([`url:${normaliseUrl(url)}`, joinPointer('/repositories', index, 'url'), url, 'repository']);
  });
  const website = asString(data.website);
  if (website && website.trim()) claims.push([`site:${normaliseUrl(website)}`, '/website', website, 'website']);
  return claims;
}

/** The keys two files must not share: names, aliases and repositories (not websites). */
function claimKeys(claims: readonly Claim[]): string[] {
  return claims.filter((claim) => claim[3] !== 'website').map((claim) => claim[0]);
}

export function listFiles(files: readonly string[]): string {
  const shown = files.slice(0, LISTED_FILES).join(', ');
  return files.length > LISTED_FILES ? `${shown} and ${files.length - LISTED_FILES} more` : shown;
}

/** Per shared key, the claims on it grouped by file (first file first); only keys that two files claim. */
export function sharedClaims(
  entries: readonly RegistryEntry<Claim[]>[],
  role: (claim: Claim) => boolean,
): Map<string, Map<string, Claim[]>> {
  const first = new Map<string, string>();
  const shared = new Map<string, Map<string, Claim[]>>();
  for (const { file, summary } of entries) {
    for (const claim of summary) {
      if (!role(claim)) continue;
      const owner = first.get(claim[0]);
      if (owner === undefined) first.set(claim[0], file);
      else if (owner !== file) shared.set(claim[0], new Map());
    }
  }
  if (shared.size === 0) return shared;
  for (const { file, summary } of entries) {
    for (const claim of summary) {
      const byFile = role(claim) ? shared.get(claim[0]) : undefined;
      if (byFile) (byFile.get(file) ?? byFile.set(file, []).get(file)!).push(claim);
    }
  }
  return shared;
}

/**
 * Whether two files sharing a repository are told apart: neither a name nor an alias in common, and both have a
 * website, a different one. Such files may be two products built from one repository (a server and its apps).
 * Remembered per pair of files, which may share thousands of repositories.
 */
export function toldApartIn(entries: readonly RegistryEntry<Claim[]>[]): (a: string, b: string) => boolean {
  const summaries = new Map(entries.map((e) => [e.file, e.summary]));
  const names = new Map<string, Set<string>>();
  const namesOf = (file: string) => {
    let keys = names.get(file);
    if (!keys)
      names.set(
        file,
        (keys = new Set(
          summaries
            .get(file)!
            .filter(isNameOrAlias)
            .map((c) => c[0]),
        )),
      );
    return keys;
  };
  const siteOf = (file: string) => summaries.get(file)!.find((c) => c[3] === 'website')?.[0];
  const known = new Map<string, boolean>();
  return (a, b) => {
    const pair = a < b ? `${a}\0${b}` : `${b}\0${a}`;
    let apart = known.get(pair);
    if (apart === undefined) {
      const [siteA, siteB] = [siteOf(a), siteOf(b)];
      const shareName = [...namesOf(a)].some((key) => namesOf(b).has(key));
      known.set(pair, (apart = !shareName && siteA !== undefined && siteB !== undefined && siteA !== siteB));
    }
    return apart;
  };
}

export const rule: RegistryRule<Claim[]> = {
  kind: 'registry',
  id: 'registry/duplicate',
  indicator: null,
  description:
    'No two nominations share a name or an alias (nor names that only look alike), or a repository unless their names and websites tell them apart: one solution, one file.',
  defaultSeverity: 'error',
  messages: {
    name: '{role} "{value}" is also {otherRole} of {others}; if it is the same solution, update that nomination instead of adding this one, otherwise choose a name that tells them apart.',
    lookAlike:
      '{role} "{value}" looks like {otherRole} "{otherValue}" of {others}: they differ only in characters that look alike or cannot be seen. If it is the same solution, update that nomination instead of adding this one, otherwise choose a name that tells them apart.',
    repository:
      'Repository {value} is also listed by {others}; if it is the same solution, update that nomination instead of adding this one, otherwise fix the URL.',
  },
  collect: (data) => claimsOf(asRecord(data)),
  keys: claimKeys,
  check(context) {
    const toldApart = toldApartIn(context.entries);
    for (const byFile of sharedClaims(context.entries, (claim) => claim[3] !== 'website').values()) {
      const files = [...byFile.keys()];
      for (const [file, claims] of byFile) {
        const others = files.filter((f) => f !== file);
        const sameRepository = others.filter((other) => !toldApart(file, other));
        // What the other files wrote for this key: a name, or an alias; one written value and, if any, another.
        const otherClaims = others.flatMap((other) => byFile.get(other)!).filter(isNameOrAlias);
        const otherRole = otherClaims.some((c) => c[3] === 'name') ? ROLE_WORDS.name : ROLE_WORDS.alias;
        const firstWritten = otherClaims[0] && normaliseName(otherClaims[0][2]);
        const otherWritten = otherClaims.find((c) => normaliseName(c[2]) !== firstWritten);
        for (const [, path, value, role] of claims) {
          if (role === 'repository') {
            if (sameRepository.length)
              context.report(file, { path, messageId: 'repository', data: { value, others: listFiles(sameRepository) } });
            continue;
          }
          const data = { role: role === 'name' ? 'Name' : 'Alias', value, otherRole, others: listFiles(others) };
          const unlike = normaliseName(value) !== firstWritten ? otherClaims[0] : otherWritten;
          if (unlike)
            context.report(file, {
              path,
              messageId: 'lookAlike',
              data: { ...data, otherRole: ROLE_WORDS[unlike[3]], otherValue: unlike[2] },
            });
          else context.report(file, { path, messageId: 'name', data });
        }
      }
    }
  },
};
