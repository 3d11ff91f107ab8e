import { cacheFingerprint, contentHash, ResultsCache, type FileStat } from './cache/results-cache.js';
import { codeIdentity } from './cache/code-id.js';
import type { CacheKey } from './cache/seal.js';
import type { Config } from '../config/config.js';
import { DEFAULT_LIMITS, type LoadLimits } from '../load/limits.js';
import { loadNomination } from '../load/load.js';
import { readRegistryBytes, readRegistryFile } from '../load/read.js';
import { regularFileIdentity } from '../util/regular-file.js';
import { ALL_RULES } from '../rules/index.js';
import type { FileResult } from '../core/types.js';
import { VERSION } from '../core/version.js';
import type { AnalysedJob, AnalysisJob, AnalysisSettings } from './workers/job.js';
import { runJob } from './workers/job.js';
import { analyseInWorkers, workerCount } from './workers/pool.js';
import type { FileAnalysis } from '../lint/analyse.js';
import { finishRun } from '../lint/engine.js';

/** The stat of a regular file (a link or special file has none, so it is read, and refused, every time). */
function statOf(path: string): FileStat | undefined {
  const s = regularFileIdentity(path);
  return s && { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
}

/** A nomination on disk: its name as reported and its absolute path. */
export interface RegistryFile {
  file: string;
  path: string;
}

export interface RegistryRunOptions {
  config: Config;
  now: Date;
  limits?: LoadLimits;
  /** The files to report on. */
  targets: readonly RegistryFile[];
  /** The rest of the registry, read for registry-wide checks. */
  context: readonly RegistryFile[];
  /** The results cache folder; undefined: no cache. */
  cacheDirectory?: string;
  /** The key the cache's files are signed with (see CacheKey); default: this process's own. */
  cacheKey?: CacheKey;
  /** Worker threads (0: none); default: one per core when there are enough files to analyse. */
  workers?: number;
  /** Content hashes known without reading the file (from git, for files unchanged since a commit). */
  knownHashes?: ReadonlyMap<string, string>;
  /** The schema, for the cache fingerprint when running from the sources. */
  schema: () => unknown;
  /** Where to say what a user debugging a run wants to know (a worker thread lost); default: nowhere. */
  debug?: (message: string) => void;
  /** Called with every file's analysis (by name as reported) before the registry-wide stages. */
  onAnalysed?: (analyses: ReadonlyMap<string, FileAnalysis>) => void;
  /** Targets (by name as reported) whose change submits a renewal: see FinishOptions.renewing. */
  renewing?: ReadonlySet<string>;
}

/** What every cached result depends on besides the file (see cacheFingerprint). */
export function resultsFingerprint(config: Config, limits: LoadLimits, schema: () => unknown): string {
  return cacheFingerprint({ version: VERSION, code: codeIdentity(ALL_RULES, schema), schema: null, rules: ALL_RULES, config, limits });
}

/**
 * Validates targets against the whole registry, reusing cached per-file results, analysing the rest on
 * worker threads when there are many, and running the registry-wide stages in this thread.
 */
export async function validateRegistry(options: RegistryRunOptions): Promise<FileResult[]> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const settings: AnalysisSettings = {
    config: options.config,
    limits,
    now: options.now.getTime(),
    hashContent: options.cacheDirectory !== undefined,
  };
  const cache =
    options.cacheDirectory === undefined
      ? undefined
      : new ResultsCache(
          options.cacheDirectory,
          resultsFingerprint(options.config, limits, options.schema),
          options.cacheKey ? { key: options.cacheKey } : {},
        );

  const analyses = new Map<string, FileAnalysis>();
  const jobs: AnalysisJob[] = [];
  const contents = new Map<string, Uint8Array>();
  const targetNames = new Set(options.targets.map((t) => t.file));
  const files = [
    ...options.targets.map((f) => ({ ...f, full: true })),
    ...options.context.filter((f) => !targetNames.has(f.file)).map((f) => ({ ...f, full: false })),
  ];
  const stats = new Map<string, FileStat>();
  for (const { file, path, full } of files) {
    if (analyses.has(file)) continue;
    if (cache) {
      let hash = options.knownHashes?.get(path);
      if (hash === undefined) {
        // Like git's index: a file whose size, times and inode are as recorded keeps its recorded hash unread.
        const stat = statOf(path);
        hash = stat && cache.hashIfUnchanged(file, stat);
        if (hash === undefined) {
          const { content, identity } = readRegistryFile(path, limits);
          hash = contentHash(content);
          contents.set(file, content);
          // The stat of the descriptor read, so it describes exactly the bytes hashed.
          if (identity) stats.set(file, { size: identity.size, mtimeMs: identity.mtimeMs, ctimeMs: identity.ctimeMs, ino: identity.ino });
        }
      }
      const cached = cache.get(file, hash, full);
      if (cached) {
        analyses.set(file, cached);
        contents.delete(file);
        const stat = stats.get(file);
        if (stat) cache.recordStat(file, stat);
        continue;
      }
    }
    jobs.push({ file, path, full });
  }

  let analysed: AnalysedJob[];
  const threads = workerCount(jobs.length, options.workers);
  if (threads > 0) {
    contents.clear();
    analysed = await analyseInWorkers(jobs, settings, threads, (job) => runJob(job, settings), options.debug);
  } else {
    analysed = jobs.map((job) => runJob(job, settings, contents.get(job.file)));
  }
  for (const { analysis, hash } of analysed) {
    analyses.set(analysis.file, analysis);
    if (cache && hash !== undefined) cache.set(analysis, hash, stats.get(analysis.file));
  }

  options.onAnalysed?.(analyses);
  const results = finishTargets([...analyses.values()], options.targets, options.config, options.now, limits, options.renewing);
  cache?.save(new Set(files.map((f) => f.file)));
  return results;
}

/** finishRun for targets on disk: a registry finding outside what a target's facts cover is placed by reading it again. */
export function finishTargets(
  analyses: readonly FileAnalysis[],
  targets: readonly RegistryFile[],
  config: Config,
  now: Date,
  limits: LoadLimits,
  renewing?: ReadonlySet<string>,
): FileResult[] {
  const paths = new Map(targets.map((t) => [t.file, t.path]));
  return finishRun(
    analyses,
    targets.map((t) => t.file),
    {
      config,
      now,
      ...(renewing ? { renewing } : {}),
      reload: (file) => {
        const at = paths.get(file);
        try {
          return at === undefined ? undefined : loadNomination(file, readRegistryBytes(at, limits), limits);
        } catch {
          return undefined;
        }
      },
    },
  );
}
