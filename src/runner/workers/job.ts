import { contentHash } from '../cache/results-cache.js';
import type { Config } from '../../config/config.js';
import { analyseFile, type FileAnalysis } from '../../lint/analyse.js';
import type { LoadLimits } from '../../load/limits.js';
import { readRegistryBytes } from '../../load/read.js';
import { ALL_RULES } from '../../rules/index.js';

/** One file to analyse: its name as reported, where to read it, and whether only its facts are needed. */
export interface AnalysisJob {
  file: string;
  path: string;
  full: boolean;
}

/** What every job of a run shares; plain data, so it can be handed to worker threads. */
export interface AnalysisSettings {
  config: Config;
  limits: LoadLimits;
  /** Milliseconds since the epoch. */
  now: number;
  /** Whether the results go into the cache, which keys them by content hash; without it, no hash is computed. */
  hashContent: boolean;
}

export interface AnalysedJob {
  analysis: FileAnalysis;
  /** Content hash of the bytes analysed (see contentHash), when the settings ask for it. */
  hash?: string;
}

/** Reads (unless given the bytes) and analyses one file; a link or special file is refused, never read (see readRegistryBytes). */
export function runJob(
  job: AnalysisJob,
  settings: AnalysisSettings,
  content: Uint8Array = readRegistryBytes(job.path, settings.limits),
): AnalysedJob {
  const analysis = analyseFile(job.file, content, {
    config: settings.config,
    rules: ALL_RULES,
    limits: settings.limits,
    now: new Date(settings.now),
    full: job.full,
  });
  return settings.hashContent ? { analysis, hash: contentHash(content) } : { analysis };
}
