import type { GitHubClient } from './client.js';
import type { PullRequestRef } from './comment.js';
import { githubStep } from './errors.js';

export interface PullRequestInfo {
  author: string;
  headSha: string;
  baseRef: string;
}

export interface PullFile {
  /** Repository-relative path at the head commit. */
  path: string;
  status: 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  /** The path at the base, for renamed files. */
  previousPath?: string;
}

export async function readPullRequest(octokit: GitHubClient, pr: PullRequestRef): Promise<PullRequestInfo> {
  const where = `${pr.owner}/${pr.repo}`;
  const { data } = await githubStep(`reading pull request #${pr.pull}`, where, () =>
    octokit.rest.pulls.get({ owner: pr.owner, repo: pr.repo, pull_number: pr.pull }),
  `pull request #${pr.pull} not found in ${where} (404)`);
  return { author: data.user?.login ?? '', headSha: data.head.sha, baseRef: data.base.ref };
}

/** Every file the pull request changes, across all pages (GitHub lists at most 3,000). */
export async function listPullFiles(octokit: GitHubClient, pr: PullRequestRef): Promise<PullFile[]> {
  const files = await githubStep(`listing the files of pull request #${pr.pull}`, `${pr.owner}/${pr.repo}`, () =>
    octokit.paginate(octokit.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.pull, per_page: 100 }));
  return files.map((f) => ({ path: f.filename, status: f.status as PullFile['status'], ...(f.previous_filename ? { previousPath: f.previous_filename } : {}) }));
}

/** Largest file read through the API; a nomination is a few kilobytes, and the loader's limit is 1 MiB. */
const MAX_CONTENT_BYTES = 1024 * 1024;

/**
 * A file's bytes at a commit, read through the contents API (so the comment job never checks out the
 * pull request). Undefined when the file does not exist there; a file too large for the API comes
 * back empty-handed too, and is then reported by the loader's size limit.
 */
export async function readFileAt(octokit: GitHubClient, pr: Omit<PullRequestRef, 'pull'>, file: string, ref: string): Promise<Uint8Array | undefined> {
  const response = await githubStep(`reading ${file} at ${ref.slice(0, 7)}`, `${pr.owner}/${pr.repo}`, () =>
    octokit.rest.repos.getContent({ owner: pr.owner, repo: pr.repo, path: file, ref }).catch((err: unknown) => {
      if ((err as { status?: unknown } | null)?.status === 404) return undefined;
      throw err;
    }));
  const data = response?.data as { type?: string; encoding?: string; content?: string; size?: number } | undefined;
  if (!data || Array.isArray(data) || data.type !== 'file') return undefined;
  if (data.encoding !== 'base64' || typeof data.content !== 'string') return new Uint8Array(Math.min(data.size ?? 0, MAX_CONTENT_BYTES + 1));
  return Buffer.from(data.content, 'base64');
}
