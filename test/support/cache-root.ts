import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Global set-up: the caches of every run the tests make go to one temporary folder, removed at the end, never the user's. */
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-test-caches-'));
  process.env.DPG_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
