import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { VERSION } from '../core/version.js';

const ReviewOctokit: typeof Octokit = Octokit.plugin(retry, throttling);
export type GitHubClient = Octokit;

export const DEFAULT_API_URL = 'https://api.github.com';

export interface GitHubClientOptions {
  /** A token with issues, pull-requests and checks write access; none for read-only dry runs. */
  token?: string;
  /** REST API root (`GITHUB_API_URL` in Actions); api.github.com by default. */
  baseUrl?: string;
  /** Milliseconds per second of the waits the plugins compute (GitHub's reset times, retry back-off). */
  delayUnitMs?: number;
  /** Space out writes as GitHub asks of integrations (one a second); off only for local stand-ins. */
  paceWrites?: boolean;
  /** How often a request that hit the rate limit is retried. */
  rateLimitRetries?: number;
  /** Longest wait for a rate-limit reset before giving up, in seconds. */
  maxRateLimitWaitSeconds?: number;
  /** How often a 5xx answer or a network failure is retried. */
  serverErrorRetries?: number;
  /** Receives warnings (rate limits, retries); silent by default. */
  warn?: (message: string) => void;
}

type Group = NonNullable<NonNullable<ConstructorParameters<typeof ReviewOctokit>[0]>['throttle']>['write'];

/** A Bottleneck group stand-in that runs every job at once (no pacing). */
const UNPACED = {
  key: () => ({ schedule: (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve(job(...args)) }),
} as unknown as Group;

/** True for an API on this machine: a local stand-in, where waiting whole seconds only slows tests down. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** Octokit with retries on 5xx and bounded waits on rate limits. */
export function createGitHubClient(options: GitHubClientOptions = {}): GitHubClient {
  const warn = options.warn ?? (() => {});
  const unit = options.delayUnitMs ?? 1000;
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitSeconds ?? 300;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      if (retryCount >= rateLimitRetries || retryAfter > maxWait) {
        warn(`GitHub ${kind} reached for ${request.method} ${request.url}; not retrying (reset in ${retryAfter}s).`);
        return false;
      }
      warn(`GitHub ${kind} reached for ${request.method} ${request.url}; retrying in ${retryAfter}s.`);
      return true;
    };
  const paced = options.paceWrites ?? true;
  return new ReviewOctokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: (options.baseUrl ?? DEFAULT_API_URL).replace(/\/+$/, ''),
    userAgent: `dpg/${VERSION}`,
    log: { debug: () => {}, info: () => {}, warn: (message: string) => warn(message), error: () => {} },
    retry: { retries: options.serverErrorRetries ?? 3, retryAfterBaseValue: unit },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      retryAfterBaseValue: unit,
      ...(paced ? {} : { write: UNPACED, notifications: UNPACED }),
    },
  });
}

export interface PullRequestRef {
  owner: string;
  repo: string;
  pull: number;
}
