import { createGitHubClient, type GitHubClient } from '../github/client.js';
import { cachedState, NOT_IN_CACHE, type CachePolicy, type ProgressCounter } from './links.js';
import type { RepositoryCheck } from '../rules/types.js';

export interface GitHubLookupOptions {
  /** REST API root (GITHUB_API_URL). */
  apiUrl: string;
  /** Optional: raises the rate limit from 60 to 5,000 requests an hour. */
  token?: string;
  timeoutMs: number;
  /** Milliseconds per second of the waits GitHub asks for (tests shorten them). */
  delayUnitMs?: number;
  /** Longest rate-limit reset worth waiting for, in seconds; a later one leaves the repository unverified. */
  maxRateLimitWaitSeconds?: number;
  retries: number;
  warn?: (message: string) => void;
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

function unverifiedReason(err: unknown): string {
  const e = (err ?? {}) as RequestErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const headers = e.response?.headers ?? {};
  if ((status === 403 || status === 429) && (String(headers['x-ratelimit-remaining']) === '0' || status === 429)) {
    const reset = Number(headers['x-ratelimit-reset']);
    const until = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
    return `GitHub's API rate limit is used up${until}; set GITHUB_TOKEN for a higher limit`;
  }
  if (status === 401) return 'GitHub rejected GITHUB_TOKEN (401)';
  if (status === undefined || (status >= 500 && !e.response))
    return `GitHub could not be reached (${(e.message ?? 'network error').split('\n')[0]})`;
  return `GitHub answered ${status}`;
}

/** Repositories on GitHub through its REST API, one request per repository and run, cached like links. */
export class GitHubRepositories {
  private client: GitHubClient | undefined;
  private readonly seen = new Map<string, Promise<RepositoryCheck>>();

  constructor(
    private readonly options: GitHubLookupOptions,
    private readonly policy: CachePolicy,
    private readonly progress?: ProgressCounter,
  ) {}

  get(owner: string, name: string): Promise<RepositoryCheck> {
    const key = `github:${this.options.apiUrl}:${owner}/${name}`.toLowerCase();
    let pending = this.seen.get(key);
    if (!pending) {
      pending = this.lookup(key, owner, name);
      this.seen.set(key, pending);
    }
    return pending;
  }

  private async lookup(key: string, owner: string, name: string): Promise<RepositoryCheck> {
    const hit = await this.policy.cache?.get<RepositoryCheck>(key);
    if (hit && cachedState(this.policy, { allowPrivate: true, allowHosts: [] }, hit.value.outcome, hit.storedAt, []) === 'fresh')
      return hit.value;
    if (this.policy.offline) return { outcome: 'unverified', reason: NOT_IN_CACHE };
    this.progress?.started();
    const { result, cacheable } = await this.fetch(owner, name);
    this.progress?.finished();
    if (cacheable) await this.policy.cache?.set(key, result, this.policy.now());
    return result;
  }

  /** The repository's state; a failure to reach GitHub at all is not worth remembering. */
  private async fetch(owner: string, name: string): Promise<{ result: RepositoryCheck; cacheable: boolean }> {
    this.client ??= createGitHubClient({
      ...(this.options.token ? { token: this.options.token } : {}),
      baseUrl: this.options.apiUrl,
      delayUnitMs: this.options.delayUnitMs ?? 1000,
      rateLimitRetries: 1,
      maxRateLimitWaitSeconds: this.options.maxRateLimitWaitSeconds ?? 60,
      serverErrorRetries: this.options.retries,
      paceWrites: false,
      warn: this.options.warn,
    });
    try {
      const { data } = await this.client.rest.repos.get({
        owner,
        repo: name,
        request: { signal: AbortSignal.timeout(this.options.timeoutMs) },
      });
      const license = data.license?.spdx_id ?? undefined;
      const result: RepositoryCheck = {
        outcome: 'found',
        reason: 'found',
        archived: Boolean(data.archived),
        ...(data.pushed_at ? { pushedAt: data.pushed_at } : {}),
        ...(license ? { license } : {}),
      };
      return { result, cacheable: true };
    } catch (err) {
      const e = (err ?? {}) as RequestErrorLike;
      if (e.status === 404) return { result: { outcome: 'missing', reason: 'GitHub answered 404' }, cacheable: true };
      const unreachable = typeof e.status !== 'number' || (e.status >= 500 && !e.response);
      return { result: { outcome: 'unverified', reason: unverifiedReason(err) }, cacheable: !unreachable };
    }
  }
}
