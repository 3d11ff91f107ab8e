import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheRoot, defaultCacheDirectory, resolveCacheFolder } from '../../src/runner/cache/location.js';
import type { FileResult } from '../../src/core/types.js';
import { removeTempDirs, runInProcess, tempDir } from '../support/cli.js';
import { validNominationText } from '../support/nomination.js';

afterEach(removeTempDirs);

const FILE = 'nominations/example-case-manager.yaml';
const BROKEN = validNominationText().replace('  - spdx: GPL-3.0-only', '  - spdx: CC-BY-ND-4.0');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

const errors = (stdout: string): number => (JSON.parse(stdout) as FileResult[]).reduce((n, r) => n + r.errorCount, 0);

describe('where the caches live', () => {
  it('is $DPG_CACHE_DIR, else under $RUNNER_TEMP, else $XDG_CACHE_HOME/dpg, else ~/.cache/dpg', () => {
    expect(cacheRoot({ DPG_CACHE_DIR: '/c', RUNNER_TEMP: '/r', XDG_CACHE_HOME: '/x', HOME: '/h' }, '/w')).toBe('/c');
    expect(cacheRoot({ DPG_CACHE_DIR: 'rel' }, '/w')).toBe(path.resolve('/w', 'rel'));
    expect(cacheRoot({ RUNNER_TEMP: '/r', XDG_CACHE_HOME: '/x', HOME: '/h' }, '/w')).toBe(path.join('/r', 'dpg-cache'));
    expect(cacheRoot({ XDG_CACHE_HOME: '/x', HOME: '/h' }, '/w')).toBe(path.join('/x', 'dpg'));
    // The XDG specification ignores a relative XDG_CACHE_HOME.
    expect(cacheRoot({ XDG_CACHE_HOME: 'x', HOME: '/h' }, '/w')).toBe(path.join('/h', '.cache', 'dpg'));
    expect(cacheRoot({ HOME: '/h' }, '/w')).toBe(path.join('/h', '.cache', 'dpg'));
  });

  it('gives each registry a folder of its own, and keeps the key beside them with mode 0600', () => {
    const root = tempDir();
    const one = tempDir();
    const two = tempDir();
    const env = { DPG_CACHE_DIR: root };
    expect(defaultCacheDirectory(one, env, one)).not.toBe(defaultCacheDirectory(two, env, two));
    const folder = resolveCacheFolder({ configRoot: one, cwd: one, env }, () => {})!;
    expect(folder.directory).toBe(defaultCacheDirectory(one, env, one));
    expect(statSync(path.join(root, 'key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(root, 'key'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('uses no cache when the key would live inside the checkout, and says so', () => {
    const repo = tempDir({ 'dpg.config.yaml': 'registry: nominations\n' });
    git(repo, 'init', '-q', '-b', 'main');
    const notes: string[] = [];
    expect(
      resolveCacheFolder({ configRoot: repo, cwd: repo, env: { DPG_CACHE_DIR: path.join(repo, '.cache') } }, (m) => notes.push(m)),
    ).toBeUndefined();
    expect(notes.join()).toContain('inside the repository');
    expect(existsSync(path.join(repo, '.cache'))).toBe(false);
  });
});

describe('a cache a commit brings', () => {
  /** A repository whose broken nomination was validated with a warm cache, which was then erased of its error and committed. */
  async function poisonedClone(cacheDir: string): Promise<{ clone: string; env: Record<string, string> }> {
    const origin = tempDir({ [FILE]: BROKEN });
    const env = { DPG_CACHE_DIR: tempDir() };
    git(origin, 'init', '-q', '-b', 'main');
    const first = await runInProcess(['validate', '-f', 'json', '--cache-dir', cacheDir], { cwd: origin, env });
    expect(errors(first.stdout)).toBe(1);
    // What an attacker commits: the cache as dpg wrote it, with the finding erased.
    let erased = 0;
    for (const file of readdirSync(path.join(origin, cacheDir, 'details'))) {
      const at = path.join(origin, cacheDir, 'details', file);
      const text = readFileSync(at, 'latin1');
      const edited = text.replace(/\[\{"ruleId":"license\/approved-for-category".*?\}\]/, '[]');
      if (edited !== text) erased++;
      writeFileSync(at, edited, 'latin1');
    }
    expect(erased).toBe(1);
    git(origin, 'add', '-A', '-f');
    git(origin, 'commit', '-q', '-m', 'registry with its cache');
    const clone = tempDir();
    git(clone, 'clone', '-q', origin, '.');
    return { clone, env: { DPG_CACHE_DIR: tempDir() } };
  }

  it('is never read by default: the caches live outside the checkout', async () => {
    const { clone, env } = await poisonedClone('node_modules/.cache/dpg');
    const run = await runInProcess(['validate', '-f', 'json'], { cwd: clone, env });
    expect(errors(run.stdout)).toBe(1);
    expect(run.code).toBe(1);
  });

  it('is refused as --cache-dir when git tracks its files', async () => {
    const { clone, env } = await poisonedClone('dpg-cache');
    const run = await runInProcess(['validate', '-f', 'json', '--cache-dir', 'dpg-cache'], { cwd: clone, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--cache-dir dpg-cache holds files tracked by git');
  });
});
