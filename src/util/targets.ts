import { joinPointer } from '../core/pointer.js';
import { asArray, asRecord, asString, type MaybeNomination } from '../core/nomination.js';
import { urlFields, urlProblem, type UrlField } from './url.js';

interface GitHubRepositoryRef {
  owner: string;
  name: string;
  /** `owner/name`, for messages. */
  fullName: string;
}

/** `https://github.com/owner/name[.git][/…]` → the repository; undefined for other hosts and account pages. */
function parseGitHubRepository(url: string): GitHubRepositoryRef | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!/^(www\.)?github\.com$/i.test(parsed.hostname)) return undefined;
  const [owner, rawName] = parsed.pathname.split('/').filter(Boolean);
  if (!owner || !rawName) return undefined;
  const name = rawName.replace(/\.git$/i, '');
  return { owner, name, fullName: `${owner}/${name}` };
}

export interface RepositoryTarget {
  /** JSON pointer of the repository's url. */
  path: string;
  url: string;
  /** Set for repositories on GitHub, which are checked through its API. */
  github?: GitHubRepositoryRef;
}

/** The repositories a nomination lists with a well-formed URL (malformed ones are url/valid's to report). */
export function repositoryTargets(data: MaybeNomination): RepositoryTarget[] {
  const targets: RepositoryTarget[] = [];
  asArray(data.repositories).forEach((entry, index) => {
    const url = asString(asRecord(entry).url);
    if (!url || urlProblem(url)) return;
    const github = parseGitHubRepository(url);
    targets.push({ path: joinPointer('/repositories', index, 'url'), url, ...(github ? { github } : {}) });
  });
  return targets;
}

const REPOSITORY_URL = /^\/repositories\/\d+\/url$/;

/**
 * Every well-formed URL of a nomination (the fields url/valid checks) except repository URLs, which
 * the repository rules check (through the GitHub API where they can).
 */
export function linkTargets(data: MaybeNomination): UrlField[] {
  return urlFields(data).filter((field) => !REPOSITORY_URL.test(field.path) && !urlProblem(field.value));
}

/** Repository URLs on other hosts than GitHub: only their reachability can be checked. */
export function otherHostRepositories(data: MaybeNomination): RepositoryTarget[] {
  return repositoryTargets(data).filter((t) => !t.github);
}
