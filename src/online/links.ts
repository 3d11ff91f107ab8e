import type { DiskCache } from './cache.js';
import { fetchUrl, type HttpSettings } from './http.js';
import { pageText } from '../licenses/detected.js';
import { hostMatches } from '../config/online.js';
import type { LinkCheck, LinkOutcome, PageRead } from '../rules/types.js';

/** How results are remembered between runs, and whether the network may be used at all. */
export interface CachePolicy {
  /** Undefined: nothing is read from or written to disk. */
  cache?: DiskCache;
  /** Age up to which an ok or broken result is reused. */
  ttlMs: number;
  /** Age up to which an unverified result (rate limit, timeout, 5xx) is reused; shorter, as it may clear up. */
  unverifiedTtlMs: number;
  /** Replay the cache only, whatever its age; nothing in it means unverified. */
  offline: boolean;
  now(): number;
}

/** Counts network work for a progress display: `started` when a request is about to be made, `finished` after. */
export interface ProgressCounter {
  started(): void;
  finished(): void;
}

export const NOT_IN_CACHE = 'not in the cache, and --offline makes no requests';

interface StoredLink {
  outcome: LinkOutcome;
  status?: number;
  reason: string;
  gone?: boolean;
  privateHosts: string[];
  text?: string;
}

/**
 * Whether a cached result may be used: `fresh` (young enough, or any age offline), `stale`, or
 * `private` when it was reached through a private address the guard no longer allows.
 */
export function cachedState(
  policy: CachePolicy,
  http: Pick<HttpSettings, 'allowPrivate' | 'allowHosts'>,
  outcome: string,
  storedAt: number,
  privateHosts: readonly string[],
): 'fresh' | 'stale' | 'private' {
  if (!http.allowPrivate && !privateHosts.every((host) => hostMatches(host, http.allowHosts))) return 'private';
  const ttl = outcome === 'unverified' ? policy.unverifiedTtlMs : policy.ttlMs;
  return policy.offline || policy.now() - storedAt <= ttl ? 'fresh' : 'stale';
}

const TEXTUAL = /^$|text\/|html|xml|json/i;

/** Link checks and page reads of one run: each URL is asked once, and answers come from the cache when they can. */
export class LinkChecker {
  private readonly checks = new Map<string, Promise<LinkCheck>>();
  private readonly pages = new Map<string, Promise<PageRead>>();

  constructor(
    private readonly http: HttpSettings,
    private readonly policy: CachePolicy,
    private readonly progress?: ProgressCounter,
  ) {}

  check(url: string): Promise<LinkCheck> {
    // A page read for the same URL answers the check too, without another request.
    const page = this.pages.get(url);
    if (page) return page.then(({ text: _text, ...check }) => check);
    let pending = this.checks.get(url);
    if (!pending) {
      pending = this.lookup(url, 'check').then(({ text: _text, ...check }) => check);
      this.checks.set(url, pending);
    }
    return pending;
  }

  read(url: string): Promise<PageRead> {
    let pending = this.pages.get(url);
    if (!pending) {
      pending = this.lookup(url, 'read');
      this.pages.set(url, pending);
    }
    return pending;
  }

  private async fromCache(key: string): Promise<StoredLink | undefined> {
    const hit = await this.policy.cache?.get<StoredLink>(key);
    if (!hit) return undefined;
    const privateHosts = hit.value.privateHosts ?? [];
    const state = cachedState(this.policy, this.http, hit.value.outcome, hit.storedAt, privateHosts);
    if (state === 'fresh') return hit.value;
    // Offline, say why the stored answer is not used; online, the request is refused with the same reason.
    if (state === 'private' && this.policy.offline) {
      return {
        outcome: 'unverified',
        reason: `refused: private address (${privateHosts.join(', ')}); use --allow-private-hosts or online.allowHosts for an intranet host`,
        privateHosts,
      };
    }
    return undefined;
  }

  private async lookup(url: string, mode: 'check' | 'read'): Promise<PageRead> {
    const key = `${mode === 'read' ? 'page' : 'link'}:${url}`;
    const cached = (await this.fromCache(key)) ?? (mode === 'check' ? await this.fromCache(`page:${url}`) : undefined);
    if (cached) return toResult(url, cached);
    if (this.policy.offline) return { url, outcome: 'unverified', reason: NOT_IN_CACHE };
    this.progress?.started();
    const fetched = await fetchUrl(url, mode, this.http);
    this.progress?.finished();
    const stored: StoredLink = {
      outcome: fetched.outcome,
      reason: fetched.reason,
      privateHosts: fetched.privateHosts,
      ...(fetched.status !== undefined ? { status: fetched.status } : {}),
      ...(fetched.gone ? { gone: true } : {}),
      ...(mode === 'read' && fetched.outcome === 'ok' && fetched.body && TEXTUAL.test(fetched.contentType ?? '')
        ? { text: pageText(fetched.body.toString('utf8'), fetched.contentType ?? '') }
        : {}),
    };
    if (fetched.cacheable) await this.policy.cache?.set(key, stored, this.policy.now());
    return toResult(url, stored);
  }
}

function toResult(url: string, stored: StoredLink): PageRead {
  return {
    url,
    outcome: stored.outcome,
    reason: stored.reason,
    ...(stored.status !== undefined ? { status: stored.status } : {}),
    ...(stored.gone ? { gone: true } : {}),
    ...(stored.text !== undefined ? { text: stored.text } : {}),
  };
}
