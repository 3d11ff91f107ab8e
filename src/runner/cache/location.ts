import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { pathBelow } from '../../util/paths.js';
import { entryExists } from '../../util/regular-file.js';
import { CacheKey } from './seal.js';

const require = createRequire(import.meta.url);

/** Where dpg keeps a registry's caches, and the key their entries are signed with. */
export interface CacheFolder {
  directory: string;
  key: CacheKey;
}

type Env = Record<string, string | undefined>;

/**
 * The folder holding every registry's caches and the key file, outside any checkout: `$DPG_CACHE_DIR`, else
 * `$RUNNER_TEMP/dpg-cache` (CI runners empty it after each job), else `$XDG_CACHE_HOME/dpg`, else `~/.cache/dpg`.
 */
export function cacheRoot(env: Env, cwd: string): string {
  const explicit = env.DPG_CACHE_DIR?.trim();
  if (explicit) return path.resolve(cwd, explicit);
  const runnerTemp = env.RUNNER_TEMP?.trim();
  if (runnerTemp) return path.resolve(cwd, runnerTemp, 'dpg-cache');
  const xdg = env.XDG_CACHE_HOME?.trim();
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'dpg');
  return path.join(env.HOME?.trim() || homedir(), '.cache', 'dpg');
}

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** The default caches' folder of the registry whose dpg.config.yaml is in `configRoot`: its own, named by a hash of its real path. */
export function defaultCacheDirectory(configRoot: string, env: Env, cwd: string): string {
  const registry = createHash('sha256').update(real(configRoot)).digest('hex').slice(0, 16);
  return path.join(cacheRoot(env, cwd), 'registries', registry);
}

/** The checkout `folder` is in: the nearest folder up holding `.git`, else `folder` itself. */
function checkoutRoot(folder: string): string {
  let at = real(folder);
  for (;;) {
    if (entryExists(path.join(at, '.git'))) return at;
    const parent = path.dirname(at);
    if (parent === at) return real(folder);
    at = parent;
  }
}

function isWithin(file: string, folder: string): boolean {
  const resolved = real(file);
  return resolved === folder || pathBelow(resolved, folder) !== undefined;
}

/** Whether git tracks any file in `folder` (false outside a repository or without git). */
function holdsTrackedFiles(folder: string): boolean {
  // Loaded here: the process module stays off the start-up path of a plain validation.
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  try {
    return (
      execFileSync('git', ['-C', folder, 'ls-files', '-z', '--', '.'], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1024 * 1024 })
        .length > 0
    );
  } catch {
    return false;
  }
}

/**
 * The caches of the registry whose dpg.config.yaml is in `configRoot`: `--cache-dir` when given, else a folder
 * of its own under the cache root (named by a hash of the registry folder's real path, so registries never
 * share entries). Undefined when caches cannot be used: the key would live inside the checkout (a pull
 * request could commit it), or it can be neither read nor made. A `--cache-dir` holding files git tracks is
 * refused: what a commit brings is never a cache.
 */
export function resolveCacheFolder(
  options: { cacheDir?: string; configRoot: string; cwd: string; env: Env },
  note: (message: string) => void,
): CacheFolder | undefined {
  const root = cacheRoot(options.env, options.cwd);
  const checkout = checkoutRoot(options.configRoot);
  if (isWithin(root, checkout)) {
    note(
      `the cache folder ${root} is inside the repository, where a commit could bring its key; caches are not used (set DPG_CACHE_DIR to a folder outside it).`,
    );
    return undefined;
  }
  let directory: string;
  if (options.cacheDir !== undefined) {
    directory = path.resolve(options.cwd, options.cacheDir);
    if (isWithin(directory, checkout) && entryExists(directory) && holdsTrackedFiles(directory)) {
      throw new UsageError(
        `--cache-dir ${options.cacheDir} holds files tracked by git; a cache must never come from the repository. Choose a folder outside it, or one git does not track.`,
      );
    }
  } else {
    directory = defaultCacheDirectory(options.configRoot, options.env, options.cwd);
  }
  const key = CacheKey.fromFile(path.join(root, 'key'));
  if (!key) {
    note(`cannot read or create the cache key in ${root}; caches are not used.`);
    return undefined;
  }
  return { directory, key };
}
