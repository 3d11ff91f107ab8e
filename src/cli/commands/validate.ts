import { realpathSync } from 'node:fs';
import path from 'node:path';
import { type Config } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import { resolveCacheFolder } from '../../runner/cache/location.js';
import type { CacheKey } from '../../runner/cache/seal.js';
import { validateRegistry } from '../../runner/registry-run.js';
import { parseShard, selectShard, type Shard } from '../../runner/shard.js';
import { DEFAULT_LIMITS } from '../../load/limits.js';
import { displayPath, isListedNomination, loadConfig, readSource, registryFiles } from '../../runner/files.js';
import { isInside, reviewPaths, validateWithReviews, withReviewChanges } from '../../runner/reviews.js';
import { nominationSchema } from '../../schema/schema.js';
import type { FileResult } from '../../core/types.js';
import type { CliIO } from '../../core/io.js';
import { parseNonNegativeInteger, type RegisterCommand } from '../context.js';
import { runFix } from '../shared/fix.js';
import { addOnlineOptions, runOnlineChecks, type OnlineFlags } from '../shared/online.js';
import { addReportOptions, reportResults, resolveTargets, type ReportFlags } from '../shared/report.js';

/** How a validation runs: the results cache and worker threads. */
interface RunFlags {
  cache?: boolean;
  /** The folder of dpg's caches (--cache-dir). */
  cacheDir?: string;
  /** A number of threads, or false for none (--no-workers). */
  workers?: number | false;
}

interface ValidateFlags extends ReportFlags, OnlineFlags, RunFlags {
  changed?: boolean;
  base?: string;
  fix?: boolean;
  shard?: Shard;
  stdin?: boolean;
  stdinFilename?: string;
}

/**
 * Validates `targets` (absolute paths) against the whole registry. `root` is where dpg.config.yaml is (the
 * cache lives under it).
 */
function validateFiles(
  targets: readonly string[],
  registry: readonly string[],
  config: Config,
  root: string,
  flags: RunFlags,
  io: CliIO,
): Promise<FileResult[]> {
  const targetSet = new Set(targets);
  const entry = (file: string) => ({ file: displayPath(file, io.cwd), path: file });
  return validateRegistry({
    config,
    now: io.now,
    targets: targets.map(entry),
    context: registry.filter((f) => !targetSet.has(f)).map(entry),
    ...cacheOptions(flags, root, io),
    workers: flags.workers === false ? 0 : flags.workers,
    schema: nominationSchema,
    debug: debugOutput(io),
  });
}

/** With DPG_DEBUG set, what the engine says for debugging goes to stderr. */
function debugOutput(io: CliIO): ((message: string) => void) | undefined {
  return io.env.DPG_DEBUG ? (message) => io.stderr(`dpg: ${message}\n`) : undefined;
}

/** The results cache folder and its key (none with --no-cache); `root` is where dpg.config.yaml is. */
function cacheOptions(flags: RunFlags, root: string, io: CliIO): { cacheDirectory?: string; cacheKey?: CacheKey } {
  if (flags.cache === false) return {};
  const folder = resolveCacheFolder({ cacheDir: flags.cacheDir, configRoot: root, cwd: io.cwd, env: io.env }, (message) =>
    io.stderr(`dpg: ${message}\n`),
  );
  return folder ? { cacheDirectory: folder.directory, cacheKey: folder.key } : {};
}

/**
 * `--stdin --stdin-filename <path>`: the text on standard input is validated as if it were that file (as an
 * editor sends an unsaved buffer); registry-wide rules compare it with the registry on disk, where the
 * file's saved version, if any, is replaced by the text.
 */
async function validateStdin(flags: ValidateFlags, io: CliIO): Promise<{ results: FileResult[]; config: Config }> {
  if (flags.stdinFilename === undefined)
    throw new UsageError('--stdin needs --stdin-filename <path>: the file the text stands for (its name and folder matter to the rules).');
  const { config, root } = loadConfig(io.cwd, flags.config);
  const registry = registryFiles(path.resolve(root, config.registry));
  const absolute = path.resolve(io.cwd, flags.stdinFilename);
  const content = io.readStdin ? await io.readStdin(DEFAULT_LIMITS.maxFileBytes) : new Uint8Array();
  const { validateSources } = await import('../../lint/engine.js');
  const results = validateSources([{ file: displayPath(absolute, io.cwd), content }], {
    config,
    now: io.now,
    context: registry.filter((f) => f !== absolute).map((f) => readSource(f, io.cwd)),
  });
  return { results, config };
}

/** The targets of the requested shard (dpg validate --shard i/n), or all of them. */
function shardOf(targets: readonly string[], shard: Shard | undefined, io: CliIO): string[] {
  return shard ? selectShard(targets, (f) => displayPath(f, io.cwd), shard) : [...targets];
}

/**
 * `--changed`: the nominations the branch adds, modifies or renames are validated against the registry as
 * the change leaves it (registry-wide rules still see every file); deletions and files outside the
 * registry become git/* findings. The configuration is the base branch's (see loadBaseConfig): a change
 * to it, or to the reviewers file, is a decision for a maintainer, not the policy of its own check.
 */
async function validateChanged(flags: ValidateFlags, io: CliIO): Promise<{ results: FileResult[]; config: Config }> {
  // The git code is loaded only for --changed, keeping it off the start-up path of plain validation.
  const [{ classifyChange, findChangeBase, listTree }, { configPrefetch, loadBaseConfig }, { validateChangedRegistry }, git] =
    await Promise.all([
      import('../../runner/git/changed.js'),
      import('../../runner/git/base-config.js'),
      import('../../runner/changed-run.js'),
      import('../../runner/git/results.js'),
    ]);
  const prefetch = configPrefetch(io.cwd, flags.config);
  const change = await findChangeBase({ cwd: io.cwd, base: flags.base, ...(prefetch ? { prefetch } : {}) });
  // git reports real paths; map them back under the working directory as given, so they match the registry listing.
  const root = path.resolve(io.cwd, path.relative(realpathSync(io.cwd), change.root));
  const {
    config,
    root: configRoot,
    file: configFile,
  } = await loadBaseConfig({
    cwd: io.cwd,
    root,
    gitRoot: change.root,
    commit: change.tip,
    base: change.base,
    explicit: flags.config,
    prefetched: change.prefetched,
  });
  const registryDir = path.resolve(configRoot, config.registry);
  const changes = await classifyChange(change, {
    cwd: io.cwd,
    registryDir,
    allowedPaths: config.allowedPaths,
    maxFileBytes: DEFAULT_LIMITS.maxFileBytes,
  });
  const absolute = (file: string): string => path.join(root, ...file.split('/'));
  const shown = (file: string): string => displayPath(absolute(file), io.cwd);
  const fromRoot = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const prefix = changes.registryPrefix;
  const inRegistry = (file: string): boolean => file.startsWith(prefix);
  // Paths below the registry folder, with forward slashes, as git and the index have them.
  const below = (file: string): string => file.slice(prefix.length);
  const isNomination = (file: string): boolean => inRegistry(file) && isListedNomination(below(file));
  const fileAt = (relative: string) => {
    const at = path.join(registryDir, ...relative.split('/'));
    return { file: displayPath(at, io.cwd), path: at };
  };
  const review = reviewPaths(configRoot, config);
  const isRecordFile = (file: string): boolean =>
    absolute(file) === review.reviewersFile || (isInside(absolute(file), review.reviewsDir) && /\.ya?ml$/i.test(file));

  // Symbolic links and submodules where a nomination or record belongs are reported and never read.
  const irregular = changes.irregular.filter((entry) => isNomination(entry.path) || isRecordFile(entry.path));
  const unread = new Set(irregular.map((entry) => entry.path));
  const changed = [...changes.added, ...changes.modified].map(below).sort();
  const targets = flags.shard ? selectShard(changed, (file) => fileAt(file).file, flags.shard) : changed;
  const superseded = new Map<string, string | undefined>([
    ...changes.modified.map((file) => [below(file), changes.previous[file]] as const),
    ...changes.deleted.map((d) => [below(d.path), d.content] as const),
    ...irregular.filter((entry) => isNomination(entry.path)).map((entry) => [below(entry.path), entry.base] as const),
  ]);
  const deleted = changes.deleted.map((d) =>
    git.deletedNominationResult(shown(d.path), d.content, config, d.renamedTo === undefined ? undefined : shown(d.renamedTo)),
  );
  const outsideFiles = changes.outside.filter((file) => !unread.has(file));
  const outside = outsideFiles.map((file) => git.outsidePathResult(shown(file), inRegistry(file), config));
  if (!flags.quiet) {
    io.stderr(
      `dpg: changes since ${changes.base} (merge-base ${changes.mergeBase.slice(0, 12)}): ` +
        `${targets.length} changed, ${changes.deleted.length} deleted, ${changes.outside.length} other files.\n`,
    );
  }
  const run = await validateChangedRegistry({
    config,
    now: io.now,
    targets,
    changed,
    superseded,
    base: changes.mergeBase,
    registryPrefix: prefix,
    listBase: () => listTree(changes.root, changes.mergeBase, prefix),
    fileAt,
    ...cacheOptions(flags, configRoot, io),
    workers: flags.workers === false ? 0 : flags.workers,
    schema: nominationSchema,
    debug: debugOutput(io),
  });
  // Findings about the change as a whole are reported by the first shard only.
  const first = !(flags.shard && flags.shard.index > 1);
  let results = withReviewChanges(
    [...run.results, ...(first ? [...deleted, ...outside] : []).filter((r): r is FileResult => r !== undefined)],
    { ...changes, outside: outsideFiles },
    { config, configRoot, registry: () => run.registry().map((file) => fileAt(file).path), absolute, io },
  );
  if (first) {
    for (const entry of irregular)
      results = git.withFindings(results, shown(entry.path), git.irregularEntryDiagnostics(shown(entry.path), entry.kind), config);
    for (const [file, size] of Object.entries(changes.oversized)) {
      results = git.withFindings(
        results,
        shown(file),
        git.oversizedBaseDiagnostics(size, DEFAULT_LIMITS.maxFileBytes, changes.mergeBase),
        config,
      );
    }
    const policies = [
      ['configuration', configFile],
      ['reviewers', fromRoot(review.reviewersFile)],
    ] as const;
    for (const [what, file] of policies) {
      const action = changes.touched.get(file);
      if (action)
        results = git.withFindings(results, shown(file), git.policyFileDiagnostics(what, shown(file), action, changes.base), config);
    }
  }
  return { results, config };
}

export const registerValidate: RegisterCommand = (program, { io, setExitCode }) => {
  addOnlineOptions(
    addReportOptions(
      program
        .command('validate')
        .description("Check nominations against the schema and the DPG Standard's rules (default: every file in the registry folder).")
        .argument('[paths...]', 'files, folders or globs to validate'),
    ),
  )
    .option('--fix', "apply the rules' automatic fixes first, as `dpg fix` does")
    .option(
      '--changed',
      'only the nominations changed since the merge-base with the base branch (registry-wide checks still see every file)',
    )
    .option('--base <ref>', 'the base branch for --changed (default: origin/main if it exists, else main)')
    .option('--no-cache', "neither read nor write the caches (results, and --online's)")
    .option(
      '--cache-dir <dir>',
      'folder of the caches; --online keeps its own in <dir>/online (default: a folder per registry under $DPG_CACHE_DIR, $RUNNER_TEMP/dpg-cache, $XDG_CACHE_HOME/dpg or ~/.cache/dpg)',
    )
    .option('--shard <i/n>', 'validate only the i-th of n shards of the files (registry-wide checks still see every file)', parseShard)
    .option(
      '--workers <n>',
      'worker threads for the per-file checks (default: one per core above 200 files to check)',
      parseNonNegativeInteger('--workers'),
    )
    .option('--no-workers', 'check every file in the main thread')
    .option('--stdin', 'validate the text on standard input (as an editor sends it), as the file --stdin-filename names')
    .option('--stdin-filename <path>', 'the file the text of --stdin stands for')
    .action(async (operands: string[], flags: ValidateFlags) => {
      if (flags.base !== undefined && !flags.changed) throw new UsageError('--base only applies with --changed.');
      if (flags.changed && operands.length)
        throw new UsageError('--changed picks the files itself; give either paths or --changed, not both.');
      if (flags.fix && flags.changed) throw new UsageError('--fix applies to the paths given (or the whole registry), not to --changed.');
      if (flags.stdinFilename !== undefined && !flags.stdin) throw new UsageError('--stdin-filename only applies with --stdin.');
      if (flags.stdin) {
        const other = operands.length
          ? 'paths'
          : flags.changed
            ? '--changed'
            : flags.fix
              ? '--fix'
              : flags.shard
                ? '--shard'
                : flags.online
                  ? '--online'
                  : undefined;
        if (other) throw new UsageError(`--stdin validates the text on standard input; it cannot be combined with ${other}.`);
        const { results, config } = await validateStdin(flags, io);
        setExitCode(reportResults(results, flags, config, io));
        return;
      }
      if (flags.fix) {
        setExitCode(await runFix(operands, flags, io));
        return;
      }
      let results: FileResult[];
      let config: Config;
      if (flags.changed) {
        ({ results, config } = await validateChanged(flags, io));
      } else {
        const resolved = resolveTargets(operands, flags.config, io);
        config = resolved.config;
        // validateWithReviews picks the nomination targets; they are validated here, asynchronously, and put first as it would.
        let nominations: string[] = [];
        const reviewResults = validateWithReviews(operands, resolved, io, (targets) => {
          nominations = shardOf(targets, flags.shard, io);
          return [];
        });
        results = [
          ...(nominations.length ? await validateFiles(nominations, resolved.registry, config, resolved.root, flags, io) : []),
          ...(flags.shard && flags.shard.index > 1 ? [] : reviewResults),
        ];
      }
      results = await runOnlineChecks(results, operands, flags, config, io);
      setExitCode(reportResults(results, flags, config, io));
    });
};
