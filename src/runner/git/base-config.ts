import path from 'node:path';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type Config } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import { ALL_RULES } from '../../rules/index.js';
import { readCommittedFile, type PrefetchedFile } from './changed.js';

/** dpg.config.yaml is a few hundred bytes; anything near this is no configuration. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface BaseConfig {
  config: Config;
  /** The folder the configuration's paths are relative to, in the working tree (absolute). */
  root: string;
  /** The configuration file's path from the repository root, with forward slashes, whether or not the base has it. */
  file: string;
}

export interface BaseConfigOptions {
  /** The working directory as given; the default configuration file is there. */
  cwd: string;
  /** The repository's top-level folder, under the working directory as given (not resolved through links). */
  root: string;
  /** The repository's top-level folder as git reports it, to run git in. */
  gitRoot: string;
  /** The commit whose configuration is the policy: the base branch's tip. */
  commit: string;
  /** The base ref's name, for messages. */
  base: string;
  /** --config: a path in the repository (relative to the working directory). */
  explicit?: string;
  /** The file as read in git's first round (see configPrefetch), used when it is this commit's configuration file. */
  prefetched?: PrefetchedFile;
}

/**
 * What findChangeBase should read ahead so that the configuration comes with git's first round: the
 * configuration file's path relative to the working directory, when it is inside it.
 */
export function configPrefetch(cwd: string, explicit: string | undefined): { path: string; maxBytes: number } | undefined {
  const relative = path.relative(cwd, explicit ? path.resolve(cwd, explicit) : path.join(cwd, CONFIG_FILE));
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return { path: relative.split(path.sep).join('/'), maxBytes: MAX_CONFIG_BYTES };
}

/**
 * The registry configuration as the base branch has it, read through git: a change is judged by the
 * policy it merges into, never by its own dpg.config.yaml. No file there means the defaults, unless one
 * was named with --config; a file that cannot be read or parsed stops the run (exit 2).
 */
export async function loadBaseConfig(options: BaseConfigOptions): Promise<BaseConfig> {
  const absolute = options.explicit ? path.resolve(options.cwd, options.explicit) : path.join(options.cwd, CONFIG_FILE);
  const relative = path.relative(options.root, absolute);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UsageError(
      `The configuration file ${options.explicit ?? CONFIG_FILE} is outside the git repository; ` +
        '--changed reads it from the base branch, so it must be a file of the repository.',
    );
  }
  const file = relative.split(path.sep).join('/');
  const where = `${file} on ${options.base}`;
  const { prefetched } = options;
  const committed =
    prefetched && prefetched.commit === options.commit && prefetched.file === file
      ? prefetched.committed
      : await readCommittedFile(options.gitRoot, options.commit, file, MAX_CONFIG_BYTES);
  if (!committed) {
    if (options.explicit) {
      throw new UsageError(
        `Config file not found: ${options.explicit} does not exist on ${options.base} (commit ${options.commit.slice(0, 12)}); ` +
          '--changed reads the configuration from the base branch, not from the change.',
      );
    }
    return { config: DEFAULT_CONFIG, root: path.dirname(absolute), file };
  }
  if (committed.kind !== 'file')
    throw new UsageError(
      `${where} is a ${committed.kind === 'symlink' ? 'symbolic link' : committed.kind}, not a regular file; the configuration cannot be read.`,
    );
  if (!committed.content)
    throw new UsageError(`${where} is ${committed.size} bytes, above the limit of ${MAX_CONFIG_BYTES} bytes for a configuration file.`);
  return { config: parseConfig(committed.content.toString('utf8'), ALL_RULES, where), root: path.dirname(absolute), file };
}
