import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalysedJob, AnalysisJob, AnalysisSettings } from './job.js';

/** Below this many files to analyse, starting threads costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 200;
/**
 * The young generation of each thread's heap, in MB: each file's analysis is short-lived garbage, and a
 * small young generation collects it often, keeping the memory of a 10,000-file run low for a few percent of time.
 */
const YOUNG_GENERATION_MB = 8;
/**
 * The old generation of each thread's heap, in MB: ample for a nomination (a large one is a few hundred
 * kilobytes); a file that needs more stops its thread, and the file is analysed in the main thread instead.
 */
const OLD_GENERATION_MB = 32;
/** Files per message: small enough to balance the threads, large enough that messaging stays cheap. */
const BATCH_SIZE = 32;

/** Worker threads to use for `files` analyses: `requested` (0 = none), else one per core when it pays off. */
export function workerCount(files: number, requested?: number): number {
  if (requested !== undefined) return Math.min(requested, Math.ceil(files / BATCH_SIZE));
  if (files <= MIN_FILES_FOR_WORKERS) return 0;
  const cores = availableParallelism();
  return cores > 1 ? cores : 0;
}

function workerScript(): URL {
  const sibling = new URL('./analyse-worker.js', import.meta.url);
  // Tests run the TypeScript sources; threads then run the built copy of the worker.
  return existsSync(sibling) ? sibling : new URL('../../../dist/runner/workers/analyse-worker.js', import.meta.url);
}

/**
 * Analyses the jobs on `threads` worker threads; the results come back in no particular order. A thread that
 * stops (out of memory on a huge file) hands its batch to `fallback`, which analyses it in this thread, and
 * says so through `notice`.
 */
export async function analyseInWorkers(
  jobs: readonly AnalysisJob[],
  settings: AnalysisSettings,
  threads: number,
  fallback: (job: AnalysisJob) => AnalysedJob,
  notice?: (message: string) => void,
): Promise<AnalysedJob[]> {
  const batches: AnalysisJob[][] = [];
  for (let i = 0; i < jobs.length; i += BATCH_SIZE) batches.push(jobs.slice(i, i + BATCH_SIZE));
  const results: AnalysedJob[] = [];
  const script = workerScript();
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from(
        { length: Math.max(1, threads) },
        () =>
          new Promise<void>((resolve, reject) => {
            const worker = new Worker(script, {
              workerData: settings,
              resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB },
            });
            workers.push(worker);
            let current: AnalysisJob[] | undefined;
            let done = false;
            const next = (): void => {
              current = batches.shift();
              if (current) worker.postMessage(current);
              else {
                done = true;
                resolve();
              }
            };
            /** The thread is gone: its batch, and whatever the others leave, is analysed here. */
            const takeOver = (reason: string): void => {
              if (done) return;
              done = true;
              try {
                const left = [current, ...batches.splice(0)].flatMap((batch) => batch ?? []);
                notice?.(`a worker thread stopped (${reason}); its ${left.length} remaining files are checked in the main thread`);
                for (const job of left) results.push(fallback(job));
                resolve();
              } catch (err) {
                reject(err instanceof Error ? err : new Error(String(err)));
              }
            };
            worker.on('message', (reply: { results?: AnalysedJob[]; error?: string }) => {
              if (reply.error !== undefined) {
                done = true;
                reject(new Error(reply.error));
                return;
              }
              for (const r of reply.results!) results.push(r);
              next();
            });
            worker.on('error', (err: Error) => takeOver(err.message));
            worker.on('exit', (code: number) => takeOver(`exit code ${code}`));
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
