import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalysedJob, AnalysisJob, AnalysisSettings } from './job.js';

/** Below this many files to analyse, starting threads costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 200;
/**
 * The young generation of each thread's heap, in MB: each file's analysis is short-lived garbage, and a
 * small young generation collects it often, keeping the memory of a 10,000-file run low for a few percent of time.
 */
const YOUNG_GENERATION_MB = 8;
/** Files per message: small enough to balance the threads, large enough that messaging stays cheap. */
const BATCH_SIZE = 32;

/** Worker threads to use for `files` analyses: `requested` (0 = none), else one per core when it pays off. */
export function workerCount(files: number, requested?: number): number {
  if (requested !== undefined) return Math.min(requested, Math.ceil(files / BATCH_SIZE));
  const cores = availableParallelism();
  return cores > 1 && files > MIN_FILES_FOR_WORKERS ? cores : 0;
}

function workerScript(): URL {
  const sibling = new URL('./analyse-worker.js', import.meta.url);
  // Tests run the TypeScript sources; threads then run the built copy of the worker.
  return existsSync(sibling) ? sibling : new URL('../../dist/workers/analyse-worker.js', import.meta.url);
}

/** Analyses the jobs on `threads` worker threads; the results come back in no particular order. */
export async function analyseInWorkers(jobs: readonly AnalysisJob[], settings: AnalysisSettings, threads: number): Promise<AnalysedJob[]> {
  const batches: AnalysisJob[][] = [];
  for (let i = 0; i < jobs.length; i += BATCH_SIZE) batches.push(jobs.slice(i, i + BATCH_SIZE));
  const results: AnalysedJob[] = [];
  const script = workerScript();
  const workers: Worker[] = [];
  try {
    await Promise.all(Array.from({ length: Math.max(1, threads) }, () => new Promise<void>((resolve, reject) => {
      const worker = new Worker(script, { workerData: settings, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      workers.push(worker);
      const next = (): void => {
        const batch = batches.shift();
        if (batch) worker.postMessage(batch);
        else resolve();
      };
      worker.on('message', (reply: { results?: AnalysedJob[]; error?: string }) => {
        if (reply.error !== undefined) { reject(new Error(reply.error)); return; }
        for (const r of reply.results!) results.push(r);
        next();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => { if (code !== 0) reject(new Error(`a validation thread stopped with code ${code}`)); });
      next();
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
