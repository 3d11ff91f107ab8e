// Runs the built validator on the texts it is sent, in a thread the test can stop when a case overruns its
// budget: a regular expression that backtracks cannot be interrupted from the thread that runs it.
import { parentPort } from 'node:worker_threads';
import { DEFAULT_CONFIG } from '../../dist/config/config.js';
import { validateSources } from '../../dist/lint/engine.js';

const NOW = new Date('2026-11-23T12:00:00Z');

parentPort.on('message', ({ targets, context }) => {
  const started = performance.now();
  const results = validateSources(targets, { config: DEFAULT_CONFIG, now: NOW, context });
  const ms = performance.now() - started;
  parentPort.postMessage({ ms, rules: [...new Set(results.flatMap((r) => r.diagnostics.map((d) => d.ruleId)))].sort() });
});
