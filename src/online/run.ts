import path from 'node:path';
import { ruleSetting, type Config } from '../config/config.js';
import { crashDiagnostic, makeDiagnostic } from '../lint/analyse.js';
import { addToResult } from '../lint/finish.js';
import { loadNomination } from '../load/load.js';
import { readRegistryBytes } from '../load/read.js';
import { asRecord, type MaybeNomination } from '../core/nomination.js';
import { ALL_RULES } from '../rules/index.js';
import type { OnlineRule, Rule } from '../rules/types.js';
import type { Diagnostic, FileResult } from '../core/types.js';
import { VERSION } from '../core/version.js';
import type { CacheKey } from '../runner/cache/seal.js';
import { DiskCache } from './cache.js';
import { GitHubRepositories } from './github.js';
import { dnsCheck, systemResolver, type HttpSettings, type Resolver } from './http.js';
import { Limiter } from './limiter.js';
import { LinkChecker, type CachePolicy } from './links.js';
import type { OnlineSettings } from '../config/online.js';

/** Most bytes of a page read for a content check (licence evidence). */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/** Unverified results may clear up soon (rate limits, outages), so they are kept for at most an hour. */
const UNVERIFIED_TTL_MS = 3600_000;
/** Least time a GitHub API request may take, whatever the link timeout. */
const GITHUB_MIN_TIMEOUT_MS = 10_000;

export interface OnlineRunOptions {
  config: Config;
  /** The date of the run (repository age). */
  now: Date;
  /** Resolves result file names to files on disk. */
  cwd: string;
  /** `offline`: answers come from the cache only. */
  mode: 'online' | 'offline';
  settings: OnlineSettings;
  /** Lift the private-address guard (tests, intranet registries). */
  allowPrivateHosts: boolean;
  /** The cache folder; undefined keeps nothing between runs. */
  cacheDir?: string;
  /** The key its entries are signed with (see CacheKey); default: this process's own. */
  cacheKey?: CacheKey;
  github: { apiUrl: string; token?: string; delayUnitMs?: number; maxRateLimitWaitSeconds?: number };
  rules?: readonly Rule[];
  /** The results to check, by file name (the nominations); others (review records, deleted files) are left as they are. */
  files?: ReadonlySet<string>;
  /** The file text of a result; read from `cwd` by default. */
  source?(file: string): string | Uint8Array | undefined;
  resolve?: Resolver;
  sleep?(ms: number): Promise<void>;
  /** First retry wait (doubled each time); 500 ms by default. */
  backoffMs?: number;
  /** Milliseconds since the epoch, for cache ages. */
  clock?(): number;
  /** Network requests started and finished so far. */
  progress?(finished: number, started: number): void;
  warn?(message: string): void;
}

/** Runs `task` on every item with at most `limit` at once, keeping the order of the results. */
async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Runs the online rules on the nominations of `results` and merges their findings into the same
 * results (severities and waivers settled as for every rule, counts and indicators recomputed).
 * Never throws for network trouble: what could not be checked is reported as unverified.
 */
export async function checkOnline(results: readonly FileResult[], options: OnlineRunOptions): Promise<FileResult[]> {
  const rules = options.rules ?? ALL_RULES;
  const onlineRules = rules.filter((r): r is OnlineRule => r.kind === 'online' && ruleSetting(r, options.config).severity !== 'off');
  if (!onlineRules.length) return [...results];
  const { settings } = options;
  const clock = options.clock ?? Date.now;
  const policy: CachePolicy = {
    ...(options.cacheDir ? { cache: new DiskCache(options.cacheDir, options.warn, options.cacheKey) } : {}),
    ttlMs: settings.cacheTtlMs,
    unverifiedTtlMs: Math.min(settings.cacheTtlMs, UNVERIFIED_TTL_MS),
    offline: options.mode === 'offline',
    now: clock,
  };
  let started = 0;
  let finished = 0;
  const counter = {
    started: () => {
      started++;
      options.progress?.(finished, started);
    },
    finished: () => {
      finished++;
      options.progress?.(finished, started);
    },
  };
  const resolve = options.resolve ?? systemResolver;
  const http: HttpSettings = {
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    backoffMs: options.backoffMs ?? 500,
    maxRedirects: MAX_REDIRECTS,
    maxBodyBytes: MAX_PAGE_BYTES,
    allowPrivate: options.allowPrivateHosts,
    allowHosts: settings.allowHosts,
    denyHosts: settings.denyHosts,
    resolve,
    dnsWorks: dnsCheck(resolve),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    limiter: new Limiter(settings.concurrency, settings.hostConcurrency),
    userAgent: `dpg/${VERSION} (link check; +https://github.com/dpg-registry/dpg)`,
  };
  const links = new LinkChecker(http, policy, counter);
  const github = new GitHubRepositories(
    {
      apiUrl: options.github.apiUrl.replace(/\/+$/, ''),
      ...(options.github.token ? { token: options.github.token } : {}),
      // The timeout bounds what unknown sites may cost; GitHub's API is one known host, given some slack.
      timeoutMs: Math.max(settings.timeoutMs, GITHUB_MIN_TIMEOUT_MS),
      retries: settings.retries,
      ...(options.github.delayUnitMs !== undefined ? { delayUnitMs: options.github.delayUnitMs } : {}),
      ...(options.github.maxRateLimitWaitSeconds !== undefined ? { maxRateLimitWaitSeconds: options.github.maxRateLimitWaitSeconds } : {}),
      ...(options.warn ? { warn: options.warn } : {}),
    },
    policy,
    counter,
  );
  const readSource =
    options.source ??
    ((file: string) => {
      try {
        return readRegistryBytes(path.resolve(options.cwd, file));
      } catch {
        return undefined;
      }
    });

  const checkFile = async (result: FileResult): Promise<FileResult> => {
    if (options.files && !options.files.has(result.file)) return result;
    const content = readSource(result.file);
    if (content === undefined) return result;
    const loaded = loadNomination(result.file, content);
    if (loaded.data === undefined) return result;
    const data = asRecord(loaded.data) as MaybeNomination;
    const found: Diagnostic[] = [];
    // Rules start in registry order, so that page reads are asked for before plain checks of the same URL.
    await Promise.all(
      onlineRules.map(async (rule) => {
        const reported: Diagnostic[] = [];
        try {
          await rule.check({
            file: result.file,
            data,
            options: ruleSetting(rule, options.config).options,
            now: options.now,
            report: (descriptor) => reported.push(makeDiagnostic(loaded.locate, rule, descriptor)),
            checkLink: (url) => links.check(url),
            readPage: (url) => links.read(url),
            githubRepository: (owner, name) => github.get(owner, name),
          });
          found.push(...reported);
        } catch (err) {
          found.push(crashDiagnostic(rule, err));
        }
      }),
    );
    if (!found.length) return result;
    return addToResult(result, found, { config: options.config, rules, data: loaded.data });
  };

  return mapLimited(results, 16, checkFile);
}
