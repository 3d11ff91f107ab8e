import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readRegistryBytes, RefusedContent } from '../../src/load/read.js';
import { loadNomination } from '../../src/load/load.js';
import { registryFiles, resolveOperands } from '../../src/runner/files.js';
import type { FileResult } from '../../src/core/types.js';
import { readRegularFile } from '../../src/util/regular-file.js';
import { approved, nomination } from '../build/helpers.js';
import { removeTempDirs, runInProcess, STACK_LINE, tempDir } from '../support/cli.js';

const POSIX = process.platform !== 'win32';

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

function ruleIdsOf(results: FileResult[], file: string): string[] {
  return results.find((r) => r.file === file)?.diagnostics.map((d) => d.ruleId) ?? [];
}

describe.runIf(POSIX)('readRegularFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-regular-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file, with the identity of what it read', () => {
    const file = path.join(dir, 'plain.yaml');
    writeFileSync(file, 'name: x\n');
    const read = readRegularFile(file, 100);
    expect('bytes' in read && read.bytes.toString()).toBe('name: x\n');
    expect('identity' in read && read.identity.size).toBe(8);
  });

  it('refuses a link, whatever it leads to, without following it', () => {
    const target = path.join(dir, 'target.yaml');
    writeFileSync(target, 'name: x\n');
    symlinkSync(target, path.join(dir, 'to-file.yaml'));
    symlinkSync('/dev/zero', path.join(dir, 'to-zero.yaml'));
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.yaml'));
    for (const name of ['to-file.yaml', 'to-zero.yaml', 'dangling.yaml']) {
      expect(readRegularFile(path.join(dir, name), 1024)).toEqual({ problem: 'symlink' });
    }
  });

  it('refuses a pipe, a device and a folder without reading (a pipe never blocks it)', { timeout: 5000 }, () => {
    mkfifo(path.join(dir, 'pipe.yaml'));
    mkdirSync(path.join(dir, 'folder.yaml'));
    expect(readRegularFile(path.join(dir, 'pipe.yaml'), 1024)).toEqual({ problem: 'notRegular', kind: 'named pipe' });
    expect(readRegularFile('/dev/zero', 1024)).toEqual({ problem: 'notRegular', kind: 'character device' });
    expect(readRegularFile(path.join(dir, 'folder.yaml'), 1024)).toEqual({ problem: 'notRegular', kind: 'folder' });
  });

  it('refuses a file over the limit without reading it, and says when it is gone', () => {
    const file = path.join(dir, 'big.yaml');
    writeFileSync(file, 'x'.repeat(101));
    expect(readRegularFile(file, 100)).toEqual({ problem: 'tooLarge', size: 101, limit: 100, atLeast: false });
    expect('bytes' in readRegularFile(file, 101)).toBe(true);
    expect(readRegularFile(path.join(dir, 'missing.yaml'), 100)).toEqual({ problem: 'missing' });
  });

  it('never reads past the limit from a file that reports a smaller size than it holds', () => {
    // Files under /proc report size 0 however much they hold.
    if (!existsSync('/proc/self/status')) return;
    const read = readRegularFile('/proc/self/status', 16);
    expect(read).toEqual({ problem: 'tooLarge', size: 17, limit: 16, atLeast: true });
  });

  it('gives the loader a refusal it reports at the file', () => {
    const content = readRegistryBytes(path.join(dir, 'to-zero.yaml'));
    expect(content).toBeInstanceOf(RefusedContent);
    const loaded = loadNomination('nominations/to-zero.yaml', content);
    expect(loaded.data).toBeUndefined();
    expect(loaded.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([
      ['registry/regular-file', expect.stringContaining('nominations/to-zero.yaml is a symbolic link')],
    ]);
  });
});

describe.runIf(POSIX)('the registry listing', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-listing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists links, pipes and folders named like nominations, so that reading them reports them', () => {
    mkdirSync(path.join(dir, '.drafts'));
    writeFileSync(path.join(dir, '.drafts', 'x.yaml'), 'name: x\n');
    writeFileSync(path.join(dir, 'plain.yaml'), 'name: y\n');
    symlinkSync('.drafts/x.yaml', path.join(dir, 'x.yaml'));
    symlinkSync('/etc/hostname', path.join(dir, 'absolute.yaml'));
    symlinkSync('missing.yaml', path.join(dir, 'dangling.yaml'));
    symlinkSync('.drafts', path.join(dir, 'linked-folder'));
    mkfifo(path.join(dir, 'pipe.yaml'));
    mkdirSync(path.join(dir, 'folder.yaml'));
    writeFileSync(path.join(dir, 'folder.yaml', 'inner.yaml'), 'name: z\n');
    expect(registryFiles(dir).map((f) => path.relative(dir, f))).toEqual([
      'absolute.yaml',
      'dangling.yaml',
      'folder.yaml',
      'folder.yaml/inner.yaml',
      'pipe.yaml',
      'plain.yaml',
      'x.yaml',
    ]);
  });

  it('takes a link named on the command line as a file, never following it', () => {
    expect(resolveOperands(['x.yaml', 'dangling.yaml', 'linked-folder'], dir).map((f) => path.relative(dir, f))).toEqual([
      'dangling.yaml',
      'linked-folder',
      'x.yaml',
    ]);
  });
});

describe.runIf(POSIX)('dpg validate, build and review records with links and special files', () => {
  afterEach(removeTempDirs);

  /** A registry whose `nominations/x.yaml` is a link to an approved record in a hidden folder. */
  function linkedRegistry(): string {
    const dir = tempDir({
      'nominations/.drafts/x.yaml': nomination('Hidden Draft', ...approved()),
      'nominations/plain.yaml': nomination('Plain Record'),
    });
    symlinkSync('.drafts/x.yaml', path.join(dir, 'nominations', 'x.yaml'));
    return dir;
  }

  it.each([
    { name: 'the whole registry', args: ['validate', '-f', 'json'] },
    { name: 'the whole registry, with the cache warm', args: ['validate', '-f', 'json'], twice: true },
    { name: 'the link named as an operand', args: ['validate', '-f', 'json', 'nominations/x.yaml'] },
    { name: 'a glob', args: ['validate', '-f', 'json', 'nominations/*.yaml'] },
  ])('reports a link to a hidden approved record at the link: $name', async ({ args, twice }) => {
    const dir = linkedRegistry();
    const env = { DPG_CACHE_DIR: path.join(dir, '..', `${path.basename(dir)}-cache`) };
    if (twice) await runInProcess(args, { cwd: dir, env });
    const run = await runInProcess(args, { cwd: dir, env });
    const results = JSON.parse(run.stdout) as FileResult[];
    expect(ruleIdsOf(results, 'nominations/x.yaml')).toEqual(['registry/regular-file']);
    expect(results.find((r) => r.file === 'nominations/x.yaml')!.diagnostics[0]!.message).toBe(
      'nominations/x.yaml is a symbolic link; a registry file must be a regular file. Replace the link by the file itself.',
    );
    expect(run.code).toBe(1);
    rmSync(env.DPG_CACHE_DIR, { recursive: true, force: true });
  });

  it('refuses a link to /dev/zero and a pipe at once, without hanging or reading them', { timeout: 15_000 }, async () => {
    const dir = tempDir({ 'nominations/plain.yaml': nomination('Plain Record') });
    symlinkSync('/dev/zero', path.join(dir, 'nominations', 'zero.yaml'));
    mkfifo(path.join(dir, 'nominations', 'pipe.yaml'));
    const started = Date.now();
    const run = await runInProcess(['validate', '-f', 'json', '--no-cache'], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(10_000);
    const results = JSON.parse(run.stdout) as FileResult[];
    expect(ruleIdsOf(results, 'nominations/zero.yaml')).toEqual(['registry/regular-file']);
    expect(results.find((r) => r.file === 'nominations/pipe.yaml')!.diagnostics[0]!.message).toContain(
      'is a named pipe, not a regular file',
    );
    expect(run.code).toBe(1);
  });

  it('reports a file over the size limit by yaml/limits without reading it', async () => {
    const dir = tempDir({ 'nominations/huge.yaml': `name: x\ndescription: "${'a'.repeat(2 * 1024 * 1024)}"\n` });
    const run = await runInProcess(['validate', '-f', 'json', '--no-cache'], { cwd: dir });
    const results = JSON.parse(run.stdout) as FileResult[];
    expect(ruleIdsOf(results, 'nominations/huge.yaml')).toEqual(['yaml/limits']);
    expect(run.code).toBe(1);
  });

  it('dpg build refuses to publish a registry holding a link, and writes nothing', async () => {
    const dir = linkedRegistry();
    const run = await runInProcess(['build', '--no-color'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nominations/x.yaml');
    expect(run.stdout).toContain('registry/regular-file');
    expect(run.stderr).toContain('nominations/x.yaml');
    expect(existsSync(path.join(dir, 'site'))).toBe(false);
  });

  it('reports review records and reviewers.yaml that are links', async () => {
    const dir = tempDir({
      'nominations/plain.yaml': nomination('Plain Record'),
      'elsewhere/review.yaml': 'reviewer: someone\n',
      'elsewhere/reviewers.yaml': 'maintainers: [someone]\n',
    });
    mkdirSync(path.join(dir, 'reviews', 'plain'), { recursive: true });
    symlinkSync('../../elsewhere/review.yaml', path.join(dir, 'reviews', 'plain', 'someone.yaml'));
    symlinkSync('elsewhere/reviewers.yaml', path.join(dir, 'reviewers.yaml'));
    const run = await runInProcess(['validate', '-f', 'json', '--no-cache'], { cwd: dir });
    const results = JSON.parse(run.stdout) as FileResult[];
    expect(ruleIdsOf(results, 'reviews/plain/someone.yaml')).toEqual(['registry/regular-file']);
    expect(ruleIdsOf(results, 'reviewers.yaml')).toEqual(['registry/regular-file']);
    expect(run.code).toBe(1);
  });

  it('refuses a configuration file or a results file that is a link, with exit 2 and no stack', async () => {
    const dir = tempDir({ 'nominations/plain.yaml': nomination('Plain Record'), 'other.yaml': 'registry: nominations\n' });
    symlinkSync('other.yaml', path.join(dir, 'dpg.config.yaml'));
    symlinkSync('/dev/zero', path.join(dir, 'results.json'));
    const config = await runInProcess(['validate', '--no-cache'], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('dpg.config.yaml is a symbolic link');
    rmSync(path.join(dir, 'dpg.config.yaml'));
    const report = await runInProcess(['report', '--results', 'results.json'], { cwd: dir });
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('results.json: it is a symbolic link');
    expect(report.stderr).not.toMatch(STACK_LINE);
  });
});
