import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { type Config } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import { resolveCacheFolder } from '../../runner/cache/location.js';
import { parseDuration } from '../../config/online.js';
import { displayPath, loadConfig, registryFiles, resolveOperands } from '../../runner/files.js';
import type { FileResult } from '../../core/types.js';
import type { CliIO } from '../../core/io.js';

export interface OnlineFlags {
  online?: boolean;
  offline?: boolean;
  allowPrivateHosts?: boolean;
  timeout?: number;
  /** The folder of dpg's caches; --online keeps its own under `online/` in it. */
  cacheDir?: string;
  cacheTtl?: number;
  /** false with --no-cache: neither cache is read or written. */
  cache?: boolean;
  config?: string;
  quiet?: boolean;
}

const DEFAULT_API_URL = 'https://api.github.com';

function parseTimeout(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(ms >= 1 && ms <= 600_000)) throw new InvalidArgumentError('Give milliseconds from 1 to 600000, e.g. 5000.');
  return ms;
}

function parseTtl(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InvalidArgumentError('Give a duration such as 24h, 30m, 7d or 0.');
  return ms;
}

function checkFlags(flags: OnlineFlags & { fix?: boolean }): void {
  const network = flags.online || flags.offline;
  if (flags.online && flags.offline)
    throw new UsageError('--online and --offline exclude each other: --offline replays the cache of earlier --online runs.');
  if (network && flags.fix) throw new UsageError('--online and --offline apply to validation, not to --fix; run `dpg fix` first.');
  const needsNetwork: Array<[boolean, string]> = [
    [Boolean(flags.allowPrivateHosts), '--allow-private-hosts'],
    [flags.timeout !== undefined, '--timeout'],
    [flags.cacheTtl !== undefined, '--cache-ttl'],
  ];
  const stray = needsNetwork.find(([given]) => given && !network);
  if (stray) throw new UsageError(`${stray[1]} only applies with --online (or --offline).`);
  if (flags.offline && flags.cache === false) throw new UsageError('--offline reads the cache; it cannot be combined with --no-cache.');
}

/** The network flags of `dpg validate`; the checks themselves load only when --online or --offline is given. */
export function addOnlineOptions(command: Command): Command {
  return command
    .option('--online', 'also check links, repositories and licence pages over the network (cached; see docs/online.md)')
    .option('--offline', 'the online checks from the cache only, without any request')
    .option('--allow-private-hosts', 'let --online reach private, loopback and link-local addresses (refused by default)')
    .option('--timeout <ms>', 'longest wait for one request of --online (default 10000, or online.timeoutMs)', parseTimeout)
    .option(
      '--cache-ttl <duration>',
      'reuse cached results of --online up to this age, e.g. 24h, 30m, 0 (default 24h, or online.cacheTtl)',
      parseTtl,
    )
    .hook('preAction', (thisCommand) => checkFlags(thisCommand.opts()));
}

/** Redraws one status line on a terminal, at most ten times a second. */
function progressLine(io: CliIO): { update(finished: number, started: number): void; clear(): void } {
  let shown = false;
  let last = 0;
  return {
    update(finished, started) {
      const now = Date.now();
      if (finished < started && now - last < 100) return;
      last = now;
      shown = true;
      io.stderr(`\r\u001b[Kdpg: online checks ${finished}/${started}`);
    },
    clear() {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
}

/**
 * `--online` / `--offline`: runs the network rules on the nominations among `results` and returns the
 * results with their findings merged in. Without either flag, returns `results` as they are.
 */
export async function runOnlineChecks(
  results: FileResult[],
  operands: readonly string[],
  flags: OnlineFlags,
  config: Config,
  io: CliIO,
): Promise<FileResult[]> {
  if (!flags.online && !flags.offline) return results;
  const { root } = loadConfig(io.cwd, flags.config);
  const apiUrl = io.env.GITHUB_API_URL?.trim() || DEFAULT_API_URL;
  if (!/^https?:\/\/\S+$/.test(apiUrl)) throw new UsageError(`GITHUB_API_URL must be an http(s) URL, not "${apiUrl}".`);
  const nominations = [
    ...registryFiles(path.resolve(root, config.registry)),
    ...(operands.length ? resolveOperands(operands, io.cwd) : []),
  ];
  // The caches' folder (see resolveCacheFolder), shared with the results cache: its own sub-folder, the same key.
  const cache =
    flags.cache === false
      ? undefined
      : resolveCacheFolder({ cacheDir: flags.cacheDir, configRoot: root, cwd: io.cwd, env: io.env }, (message) =>
          io.stderr(`dpg: ${message}\n`),
        );
  // The network code (node:http, Octokit) is loaded only for --online and --offline.
  const { checkOnline } = await import('../../online/run.js');
  const { isLoopbackUrl } = await import('../../github/client.js');
  const progress = io.stderrIsTTY && !flags.quiet ? progressLine(io) : undefined;
  try {
    return await checkOnline(results, {
      config,
      now: io.now,
      cwd: io.cwd,
      mode: flags.offline ? 'offline' : 'online',
      settings: {
        ...config.online,
        ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
        ...(flags.cacheTtl !== undefined ? { cacheTtlMs: flags.cacheTtl } : {}),
      },
      allowPrivateHosts: Boolean(flags.allowPrivateHosts),
      ...(cache ? { cacheDir: path.join(cache.directory, 'online'), cacheKey: cache.key } : {}),
      github: {
        apiUrl,
        ...(io.env.GITHUB_TOKEN?.trim() ? { token: io.env.GITHUB_TOKEN.trim() } : {}),
        // A loopback API is a local stand-in: waiting GitHub's real back-off there only makes tests slow.
        ...(isLoopbackUrl(apiUrl) ? { delayUnitMs: 5 } : {}),
      },
      files: new Set(nominations.map((file) => displayPath(file, io.cwd))),
      ...(progress ? { progress: progress.update } : {}),
      warn: (message) => io.stderr(`dpg: ${message}\n`),
    });
  } finally {
    progress?.clear();
  }
}
