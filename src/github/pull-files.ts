import type { GitHubClient, PullRequestRef } from './client.js';
import { githubStep } from './errors.js';

export interface PullRequestInfo {
  author: string;
  headSha: string;
  baseRef: string;
  /** How many files GitHub says the pull request changes (`changed_files`). */
  changedFiles: number;
}

export interface PullFile {
  /** Repository-relative path at the head commit. */
  path: string;
  status: 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** The path at the base, for renamed and copied files. */
  previousPath?: string;
}

export async function readPullRequest(octokit: GitHubClient, pr: PullRequestRef): Promise<PullRequestInfo> {
  const where = `${pr.owner}/${pr.repo}`;
  const { data } = await githubStep(
    `reading pull request #${pr.pull}`,
    where,
    () => octokit.rest.pulls.get({ owner: pr.owner, repo: pr.repo, pull_number: pr.pull }),
    `pull request #${pr.pull} not found in ${where} (404)`,
  );
  const changed = (data as { changed_files?: unknown }).changed_files;
  return {
    author: data.user?.login ?? '',
    headSha: data.head.sha,
    baseRef: data.base.ref,
    // Unknown counts as "more than could ever be listed", so that a missing field fails closed.
    changedFiles: typeof changed === 'number' && Number.isInteger(changed) && changed >= 0 ? changed : Number.POSITIVE_INFINITY,
  };
}

/** Every file the pull request changes, across all pages (GitHub lists at most 3,000). */
export async function listPullFiles(octokit: GitHubClient, pr: PullRequestRef): Promise<PullFile[]> {
  const files = await githubStep(`listing the files of pull request #${pr.pull}`, `${pr.owner}/${pr.repo}`, () =>
    octokit.paginate(octokit.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.pull, per_page: 100 }),
  );
  return files.map((f) => ({
    path: f.filename,
    status: f.status as PullFile['status'],
    ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
  }));
}

/** What the contents API holds at a path: a regular file's bytes, or why there are none to check. */
export type HeadContent =
  | { kind: 'file'; content: Uint8Array }
  | { kind: 'symlink'; target: string }
  | { kind: 'other'; type: string }
  | { kind: 'unreadable'; why: string };

function status(err: unknown): number | undefined {
  const value = (err as { status?: unknown } | null)?.status;
  return typeof value === 'number' ? value : undefined;
}

/**
 * A file at a commit, read through the contents API (so the comment job never checks out the pull
 * request). A symbolic link is never read through: GitHub answers `type: symlink` for a link it cannot
 * resolve, and the content of the target (under the target's path) for a link to a file of the
 * repository. 404 (no such file), 403 `too_large` and the empty answer for files over 1 MB are
 * `unreadable`; other failures throw a GitHubError.
 */
export async function readFileAt(octokit: GitHubClient, pr: Omit<PullRequestRef, 'pull'>, file: string, ref: string): Promise<HeadContent> {
  const short = ref.slice(0, 7);
  let refused: HeadContent | undefined;
  const response = await githubStep(`reading ${file} at ${short}`, `${pr.owner}/${pr.repo}`, () =>
    octokit.rest.repos.getContent({ owner: pr.owner, repo: pr.repo, path: file, ref }).catch((err: unknown) => {
      const code = status(err);
      const said = String((err as { response?: { data?: { message?: unknown } } }).response?.data?.message ?? '');
      if (code === 404) refused = { kind: 'unreadable', why: `GitHub has no such file at ${short} (404)` };
      else if (code === 403 && /too.?large/i.test(said + String((err as { message?: unknown }).message ?? ''))) {
        refused = { kind: 'unreadable', why: "the file is too large for GitHub's contents API" };
      } else throw err;
      return undefined;
    }),
  );
  if (refused || !response) return refused ?? { kind: 'unreadable', why: 'GitHub returned nothing' };
  const data = response.data as unknown;
  if (Array.isArray(data)) return { kind: 'other', type: 'folder' };
  const entry = (data ?? {}) as { type?: unknown; path?: unknown; target?: unknown; encoding?: unknown; content?: unknown; size?: unknown };
  if (entry.type === 'symlink') return { kind: 'symlink', target: typeof entry.target === 'string' ? entry.target : '?' };
  if (entry.type !== 'file') return { kind: 'other', type: typeof entry.type === 'string' ? entry.type : 'unknown' };
  // A link to a file of the repository comes back as that file, named by its own path.
  if (typeof entry.path === 'string' && entry.path !== file) return { kind: 'symlink', target: entry.path };
  if (entry.encoding !== 'base64' || typeof entry.content !== 'string') {
    const size = typeof entry.size === 'number' ? ` (${entry.size} bytes)` : '';
    return { kind: 'unreadable', why: `GitHub's contents API does not return its content${size}; files over 1 MB are not served` };
  }
  return { kind: 'file', content: Buffer.from(entry.content, 'base64') };
}
