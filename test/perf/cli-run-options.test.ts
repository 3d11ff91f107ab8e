import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCacheDirectory } from '../../src/runner/cache/location.js';
import { parseShard, selectShard } from '../../src/runner/shard.js';
import type { FileResult } from '../../src/core/types.js';
import { CLI_MODES, removeTempDirs, runCli, tempDir, writeTempFile } from '../support/cli.js';
import { validNominationText } from '../support/nomination.js';

afterEach(removeTempDirs);

/** Eight nominations: valid ones, a duplicate pair, one with a warning and one broken. */
function registryFiles(): Record<string, string> {
  const variant = (name: string, slug: string) =>
    validNominationText()
      .replace(/^name: .*$/m, `name: ${name}`)
      .replaceAll('example-org/case-manager', `example-org/${slug}`);
  const files: Record<string, string> = {};
  for (const n of ['one', 'two', 'three', 'four', 'five']) files[`nominations/case-${n}.yaml`] = variant(`Case ${n}`, n);
  files['nominations/copy-a.yaml'] = variant('Copy A', 'same');
  files['nominations/copy-b.yaml'] = variant('Copy B', 'same');
  files['nominations/broken.yaml'] = 'name: [Broken\n';
  return files;
}

const byFile = (results: FileResult[]) => [...results].sort((a, b) => a.file.localeCompare(b.file));

describe('sharding', () => {
  it('parses i/n and rejects anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/2', '3/2', '1/0', '1', 'a/b', '-1/2']) expect(() => parseShard(bad)).toThrow(/--shard must be i\/n/);
  });

  it('deals the sorted files out round-robin: every file in exactly one shard, sizes within one', () => {
    const files = ['d', 'a', 'c', 'b', 'e'];
    const shards = [1, 2, 3].map((index) => selectShard(files, (f) => f, { index, count: 3 }));
    expect(shards).toEqual([['a', 'd'], ['b', 'e'], ['c']]);
  });
});

describe.each(CLI_MODES)('validate run options (%s)', (mode) => {
  it('shards merged with report --merge equal the unsharded run; registry-wide findings survive sharding', async () => {
    const cwd = tempDir(registryFiles());
    const whole = await runCli(mode, ['validate', '-f', 'json', '--no-cache'], { cwd });
    expect(whole.code).toBe(1);
    const expected = byFile(JSON.parse(whole.stdout) as FileResult[]);
    expect(expected.find((r) => r.file === 'nominations/copy-a.yaml')!.diagnostics.map((d) => d.ruleId)).toContain('registry/duplicate');
    const shardFiles: string[] = [];
    for (const index of [1, 2, 3]) {
      const run = await runCli(mode, ['validate', '-f', 'json', '--shard', `${index}/3`], { cwd });
      const file = `shard-${index}.json`;
      writeFileSync(path.join(cwd, file), run.stdout);
      shardFiles.push(file);
    }
    const merged = await runCli(mode, ['report', '--merge', ...shardFiles, '-f', 'json'], { cwd });
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(expected);
  });

  it('report --merge refuses shards that disagree on a file', async () => {
    const cwd = tempDir(registryFiles());
    const run = await runCli(mode, ['validate', '-f', 'json', 'nominations/broken.yaml'], { cwd });
    writeFileSync(path.join(cwd, 'a.json'), run.stdout);
    const tampered = JSON.parse(run.stdout) as FileResult[];
    tampered[0]!.diagnostics[0]!.message = 'something else';
    writeFileSync(path.join(cwd, 'b.json'), JSON.stringify(tampered));
    const merged = await runCli(mode, ['report', '--merge', 'a.json', 'b.json'], { cwd });
    expect(merged).toMatchObject({ code: 2, stderr: expect.stringContaining('a.json and b.json disagree on nominations/broken.yaml') });
    expect((await runCli(mode, ['report'], { cwd })).code).toBe(2);
  });

  it('keeps the cache where --cache-dir says, and none with --no-cache', async () => {
    const cwd = tempDir(registryFiles());
    await runCli(mode, ['validate', '--no-cache'], { cwd });
    expect(existsSync(path.join(cwd, 'node_modules'))).toBe(false);
    const cold = await runCli(mode, ['validate', '-f', 'json', '--cache-dir', 'my-cache'], { cwd });
    expect(readdirSync(path.join(cwd, 'my-cache')).sort()).toEqual(['.gitignore', 'details', 'summaries.json']);
    const warm = await runCli(mode, ['validate', '-f', 'json', '--cache-dir', 'my-cache'], { cwd });
    expect(warm).toEqual(cold);
    const cacheRoot = tempDir();
    await runCli(mode, ['validate', 'nominations/case-one.yaml'], { cwd, env: { DPG_CACHE_DIR: cacheRoot } });
    // By default outside the checkout, in a folder of the registry's own, beside the key that signs it.
    expect(existsSync(path.join(cwd, 'node_modules'))).toBe(false);
    expect(existsSync(path.join(defaultCacheDirectory(cwd, { DPG_CACHE_DIR: cacheRoot }, cwd), 'summaries.json'))).toBe(true);
    expect(readdirSync(cacheRoot).sort()).toEqual(['key', 'registries']);
  });

  it('gives the same results on worker threads as in one thread', async () => {
    const cwd = tempDir(registryFiles());
    const single = await runCli(mode, ['validate', '-f', 'json', '--no-cache', '--no-workers'], { cwd });
    const threads = await runCli(mode, ['validate', '-f', 'json', '--no-cache', '--workers', '2'], { cwd });
    expect(threads).toEqual(single);
  });

  it('analyses in the main thread what a thread could not: a file too large for its memory loses nothing', async () => {
    // A nomination of nearly 1 MB of nested flow collections needs more memory than a thread's heap allows.
    let huge = 'name: Huge\nsectors:\n';
    while (huge.length < 1_000_000) huge += '  - {a: [1, 2, {b: c}], d: "e"}\n';
    const cwd = tempDir({ ...registryFiles(), 'nominations/huge.yaml': huge });
    const single = await runCli(mode, ['validate', '-f', 'json', '--no-cache', '--no-workers'], { cwd });
    const threads = await runCli(mode, ['validate', '-f', 'json', '--no-cache', '--workers', '1'], { cwd });
    expect(threads.code).toBe(1);
    expect(threads).toEqual(single);
    // Quietly, unless asked: with DPG_DEBUG the lost thread is told.
    const debugged = await runCli(mode, ['validate', '-f', 'json', '--no-cache', '--workers', '1'], { cwd, env: { DPG_DEBUG: '1' } });
    expect(debugged.stdout).toBe(threads.stdout);
    expect(debugged.stderr).toMatch(
      /^dpg: a worker thread stopped \(.*memory.*\); its \d+ remaining files are checked in the main thread$/m,
    );
    const results = JSON.parse(threads.stdout) as FileResult[];
    expect(results.map((r) => r.file).sort()).toEqual([...Object.keys(registryFiles()), 'nominations/huge.yaml'].sort());
  }, 150_000);

  it('--changed takes unchanged files from git and the cache, with the results of an uncached run', async () => {
    const cwd = tempDir(registryFiles());
    const git = (...args: string[]) => execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.email=t@example.org', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', 'add', '-A');
    git('-c', 'user.email=t@example.org', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'registry');
    await runCli(mode, ['validate'], { cwd });
    writeTempFile(
      cwd,
      'nominations/case-two.yaml',
      registryFiles()['nominations/case-two.yaml']!.replace('example-org/two', 'example-org/same'),
    );
    const cached = await runCli(mode, ['validate', '--changed', '--base', 'main', '-f', 'json'], { cwd });
    const uncached = await runCli(mode, ['validate', '--changed', '--base', 'main', '-f', 'json', '--no-cache'], { cwd });
    expect(cached).toEqual(uncached);
    const results = JSON.parse(cached.stdout) as FileResult[];
    expect(results.map((r) => r.file)).toEqual(['nominations/case-two.yaml']);
    expect(results[0]!.diagnostics.map((d) => d.ruleId)).toContain('registry/duplicate');
  });
});
