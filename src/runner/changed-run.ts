import { RegistryIndex } from './cache/registry-index.js';
import { contentHash, ResultsCache } from './cache/results-cache.js';
import { ruleSetting, type Config } from '../config/config.js';
import { DEFAULT_LIMITS, type LoadLimits } from '../load/limits.js';
import { loadNomination } from '../load/load.js';
import { readRegistryBytes } from '../load/read.js';
import { asRecord } from '../core/nomination.js';
import { isListedNomination } from './files.js';
import { ALL_RULES } from '../rules/index.js';
import type { RegistryRule } from '../rules/types.js';
import type { FileResult } from '../core/types.js';
import { runJob, type AnalysisSettings } from './workers/job.js';
import type { FileAnalysis } from '../lint/analyse.js';
import { finishTargets, resultsFingerprint, validateRegistry, type RegistryFile, type RegistryRunOptions } from './registry-run.js';

export interface ChangedRunOptions extends Omit<RegistryRunOptions, 'targets' | 'context' | 'knownHashes' | 'onAnalysed'> {
  /** The changed nominations to report on: paths below the registry folder, with forward slashes. */
  targets: readonly string[];
  /**
   * Every nomination the change adds, modifies or renames, the targets included (paths below the registry
   * folder, each one the registry listing picks up: see isListedNomination).
   */
  changed: readonly string[];
  /**
   * Each file of the base the change modifies, renames away, deletes or replaces by a non-regular entry (path
   * below the registry folder) → its content there, undefined when that could not be read (too large).
   */
  superseded: ReadonlyMap<string, string | undefined>;
  /** The merge-base commit the change is compared with. */
  base: string;
  /** The registry folder relative to the repository root (see ChangedNominations.registryPrefix). */
  registryPrefix: string;
  /** The registry folder's files at the merge-base: path below it → git blob id. Asked only when needed. */
  listBase: () => Promise<ReadonlyMap<string, string>>;
  /** The file at a path below the registry folder: its name as reported and where it is. */
  fileAt: (relative: string) => RegistryFile;
}

export interface ChangedRun {
  results: FileResult[];
  /** The nominations of the registry as the change leaves it (paths below the registry folder, sorted), worked out when asked. */
  registry: () => string[];
}

/** The registry rules this configuration runs, when every one of them has keys (see RegistryRule.keys); else undefined. */
function keyedRules(config: Config): RegistryRule[] | undefined {
  const rules = ALL_RULES.filter((rule): rule is RegistryRule => rule.kind === 'registry' && ruleSetting(rule, config).severity !== 'off');
  return rules.every((rule) => typeof rule.keys === 'function') ? rules : undefined;
}

/** The keys of each keyed rule's summary in `collected`. */
function keysOf(
  rules: readonly RegistryRule[],
  collected: Record<string, unknown> | undefined,
): Record<string, readonly string[]> | undefined {
  if (!collected) return undefined;
  const keys: Record<string, readonly string[]> = {};
  for (const rule of rules) if (Object.hasOwn(collected, rule.id)) keys[rule.id] = rule.keys!(collected[rule.id]);
  return keys;
}

/**
 * `validate --changed` over the registry as a change leaves it: the base's files (from git) less what the
 * change removes or supersedes, plus what it adds or changes. Files the change leaves alone are as the base
 * has them, so with the cache on and every registry rule keyed, an index of the base (see RegistryIndex)
 * stands in for their summaries: only the changed files and those sharing a key with one are read. Without
 * an index, the whole registry is validated through the results cache, with the base's blob ids as content
 * hashes, and the index is written for the next run. Both ways give the same results.
 */
export async function validateChangedRegistry(options: ChangedRunOptions): Promise<ChangedRun> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const rules = keyedRules(options.config);
  const fingerprint = options.cacheDirectory === undefined ? undefined : resultsFingerprint(options.config, limits, options.schema);
  const changed = new Set(options.changed);
  const untouched = (file: string): boolean => !changed.has(file) && !options.superseded.has(file);
  const settings: AnalysisSettings = { config: options.config, limits, now: options.now.getTime(), hashContent: false };
  const targets = options.targets.map(options.fileAt);
  const withChanged = (base: readonly string[]): string[] => [...base.filter(untouched), ...options.changed].sort();

  const index =
    fingerprint !== undefined && rules
      ? RegistryIndex.read(options.cacheDirectory!, fingerprint, options.base, options.registryPrefix, options.cacheKey)
      : undefined;
  if (index && !targets.length) return { results: [], registry: () => withChanged(index.files) };
  if (index && rules) {
    const analyses = analyseChanged(
      options,
      new Set(options.targets),
      settings,
      ResultsCache.reportedOnly(options.cacheDirectory!, fingerprint!, options.cacheKey),
    );
    const meeting = meetingFiles(index, rules, analyses, untouched);
    if (meeting) {
      for (const file of meeting) analyses.push(runJob({ ...options.fileAt(file), full: false }, settings).analysis);
      return {
        results: finishTargets(analyses, targets, options.config, options.now, limits, renewalsSubmitted(options, limits)),
        registry: () => withChanged(index.files),
      };
    }
  }

  const tree = await options.listBase();
  const base = [...tree.keys()].filter(isListedNomination);
  const registry = withChanged(base);
  if (!targets.length) return { results: [], registry: () => registry };
  const knownHashes = new Map(base.filter(untouched).map((file) => [options.fileAt(file).path, tree.get(file)!]));
  let analysed: ReadonlyMap<string, FileAnalysis> = new Map();
  const results = await validateRegistry({
    ...options,
    targets,
    renewing: renewalsSubmitted(options, limits),
    context: registry.map(options.fileAt),
    knownHashes,
    onAnalysed: (analyses) => {
      analysed = analyses;
    },
  });
  // A base file changed without its base content known cannot be indexed as the base has it.
  if (fingerprint !== undefined && rules && base.every((file) => untouched(file) || options.superseded.get(file) !== undefined)) {
    let built: RegistryIndex | undefined;
    try {
      built = RegistryIndex.build({ fingerprint, commit: options.base, registry: options.registryPrefix }, base, (file) => {
        const content = options.superseded.get(file);
        const collected =
          content === undefined
            ? analysed.get(options.fileAt(file).file)?.collected
            : runJob({ ...options.fileAt(file), full: false }, settings, Buffer.from(content, 'utf8')).analysis.collected;
        return keysOf(rules, collected);
      });
    } catch {
      // A rule's keys failing: no index, and the next run reads every summary again.
    }
    built?.write(options.cacheDirectory!, options.cacheKey);
  }
  return { results, registry: () => registry };
}

/**
 * The targets whose change sets a new review date on a record the base already has: a renewal submitted,
 * which is judged by the current version of the Standard (see src/lint/due.ts).
 */
function renewalsSubmitted(options: ChangedRunOptions, limits: LoadLimits): Set<string> {
  const renewing = new Set<string>();
  for (const target of options.targets) {
    const before = options.superseded.get(target);
    if (before === undefined) continue;
    const file = options.fileAt(target);
    const reviewDate = (content: string | Uint8Array): unknown =>
      asRecord(asRecord(loadNomination(file.file, content, limits).data).review).date;
    let after: unknown;
    try {
      after = reviewDate(readRegistryBytes(file.path, limits));
    } catch {
      continue;
    }
    if (after !== undefined && after !== reviewDate(before)) renewing.add(file.file);
  }
  return renewing;
}

/**
 * The analyses of the changed files: in full for those reported on, else what registry rules collect. The
 * findings and facts of a file reported on come from the cache when its content is as cached, and go into
 * it otherwise; only the files reported on are cached, as a run over the whole registry would.
 */
function analyseChanged(
  options: ChangedRunOptions,
  reported: ReadonlySet<string>,
  settings: AnalysisSettings,
  cache: ResultsCache,
): FileAnalysis[] {
  const analyses = options.changed.map((file) => {
    const job = { ...options.fileAt(file), full: reported.has(file) };
    if (!job.full) return runJob(job, settings).analysis;
    const content = readRegistryBytes(job.path, settings.limits);
    const hash = contentHash(content);
    const cached = cache.get(job.file, hash, true);
    if (cached) return cached;
    const { analysis } = runJob(job, settings, content);
    cache.set(analysis, hash);
    return analysis;
  });
  cache.save();
  return analyses;
}

/**
 * The files the index has, left alone by the change, that share a key with one of `analyses`; undefined
 * when a rule's keys fail, so the run reads every file's summary instead.
 */
function meetingFiles(
  index: RegistryIndex,
  rules: readonly RegistryRule[],
  analyses: readonly FileAnalysis[],
  untouched: (file: string) => boolean,
): Set<string> | undefined {
  const meeting = new Set<string>();
  try {
    for (const analysis of analyses) {
      for (const [ruleId, keys] of Object.entries(keysOf(rules, analysis.collected) ?? {})) {
        for (const key of keys) for (const file of index.filesWith(ruleId, key)) if (untouched(file)) meeting.add(file);
      }
    }
  } catch {
    return undefined;
  }
  return meeting;
}
