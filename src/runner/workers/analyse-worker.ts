import { parentPort, workerData } from 'node:worker_threads';
import { runJob, type AnalysisJob, type AnalysisSettings } from './job.js';

// A worker thread of the pool in pool.ts: analyses the batches of files it is sent, one reply per batch.
const settings = workerData as AnalysisSettings;
parentPort!.on('message', (jobs: AnalysisJob[]) => {
  try {
    parentPort!.postMessage({ results: jobs.map((job) => runJob(job, settings)) });
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
