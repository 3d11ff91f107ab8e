import { lstatSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, runInProcess, STACK_LINE, tempDir } from '../support/cli.js';
import { lineOf, validNominationText } from '../support/nomination.js';

afterEach(removeTempDirs);

const FILE = 'nominations/example-case-manager.yaml';

/** The canonical nomination with an http website (a warning) and a deprecated licence id (an error), both fixable. */
function fixableText(): string {
  return validNominationText()
    .replace('website: https://www.aam-digital.com\ncategories', 'website: http://www.aam-digital.com # site\ncategories')
    .replace('  - spdx: GPL-3.0-only', "  - spdx: 'GPL-3.0'  # licence");
}

function read(dir: string, file = FILE): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

describe.each([{ command: ['fix'] }, { command: ['validate', '--fix'] }])('dpg $command.0 $command.1', ({ command }) => {
  it('writes the fixes, lists them, and exits as validate would afterwards', async () => {
    const dir = tempDir({ [FILE]: fixableText() });
    const run = await runInProcess([...command, FILE], { cwd: dir });
    const expected = validNominationText()
      .replace('  - spdx: GPL-3.0-only', "  - spdx: 'GPL-3.0-only'  # licence")
      .replace('website: https://www.aam-digital.com\ncategories', 'website: https://www.aam-digital.com # site\ncategories');
    expect(read(dir)).toBe(expected);
    expect(run.stdout).toContain(`${FILE}:${lineOf(fixableText(), 'http://www')}  url/https  replace http:// with https://`);
    expect(run.stdout).toContain(
      `${FILE}:${lineOf(fixableText(), 'GPL-3.0')}  license/deprecated-id  replace "GPL-3.0" with "GPL-3.0-only"`,
    );
    expect(run.stdout).toContain('Fixed 2 problems in 1 file.');
    expect(run.stdout).toContain('no problems');
    expect(run.code).toBe(0);
    // No temp file is left behind by the atomic write.
    expect(readdirSync(path.join(dir, 'nominations'))).toEqual(['example-case-manager.yaml']);
  });
});

describe('dpg fix', () => {
  it('--dry-run prints a unified diff and writes nothing', async () => {
    const dir = tempDir({ [FILE]: fixableText() });
    const run = await runInProcess(['fix', '--dry-run', FILE], { cwd: dir });
    expect(read(dir)).toBe(fixableText());
    expect(run.stdout).toContain(`--- a/${FILE}`);
    expect(run.stdout).toContain(`+++ b/${FILE}`);
    expect(run.stdout).toContain('\n-website: http://www.aam-digital.com # site\n');
    expect(run.stdout).toContain('\n+website: https://www.aam-digital.com # site\n');
    expect(run.stdout).toContain("\n-  - spdx: 'GPL-3.0'  # licence\n");
    expect(run.stdout).toContain("\n+  - spdx: 'GPL-3.0-only'  # licence\n");
    expect(run.stdout).toContain('Would fix 2 problems in 1 file (dry run: nothing written).');
    // The remaining problems are those of the fixed text.
    expect(run.code).toBe(0);
  });

  it('leaves a file without fixes untouched', async () => {
    const dir = tempDir({ [FILE]: validNominationText() });
    const file = path.join(dir, FILE);
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(file, past, past);
    const run = await runInProcess(['fix', FILE], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nothing to fix.');
    expect(read(dir)).toBe(validNominationText());
    expect(statSync(file).mtime.getTime()).toBe(past.getTime());
  });

  it('exits 1 when errors remain that no fix covers, after writing the fixes it could apply', async () => {
    const text = fixableText().replace('name: Example Case Manager\n', '');
    const dir = tempDir({ [FILE]: text });
    const run = await runInProcess(['fix', FILE], { cwd: dir });
    expect(run.code).toBe(1);
    expect(read(dir)).not.toContain('http://www.aam-digital.com');
    expect(run.stdout).toContain('Fixed 2 problems');
    expect(run.stdout).toMatch(/error/);
  });

  it('keeps stdout to the formatter with --format json', async () => {
    const dir = tempDir({ [FILE]: fixableText() });
    const run = await runInProcess(['fix', '--format', 'json', FILE], { cwd: dir });
    expect(run.code).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stderr).toContain('Fixed 2 problems');
  });

  it.each([
    { name: 'a missing file', args: ['fix', 'nominations/missing.yaml'] },
    { name: 'an unknown format', args: ['fix', '--format', 'nope', FILE] },
    { name: '--fix with --changed', args: ['validate', '--fix', '--changed'] },
  ])('exits 2 on a usage error: $name', async ({ args }) => {
    const dir = tempDir({ [FILE]: fixableText() });
    const run = await runInProcess(args, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(read(dir)).toBe(fixableText());
  });

  it('leaves a file that is not UTF-8 byte for byte as it was, and reports it as validate does', async () => {
    // Fixable values around a byte that is not UTF-8 (Latin-1 "é"): decoding and writing back would turn it into U+FFFD.
    const bytes = Buffer.concat([Buffer.from(fixableText().replace('name: Example Case Manager', 'name: Example Case Manag'), 'utf8')]);
    const at = bytes.indexOf('Manag') + 5;
    const latin1 = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at)]);
    const dir = tempDir({ [FILE]: latin1 });
    const run = await runInProcess(['fix', '--format', 'json', FILE], { cwd: dir });
    expect(readFileSync(path.join(dir, FILE)).equals(latin1)).toBe(true);
    expect(run.stderr).toContain('Nothing to fix.');
    expect((JSON.parse(run.stdout) as Array<{ diagnostics: Array<{ ruleId: string }> }>)[0]!.diagnostics.map((d) => d.ruleId)).toEqual([
      'yaml/not-text',
    ]);
    expect(run.code).toBe(1);
  });

  it.runIf(process.platform !== 'win32')('never replaces a link or writes through it, and reports it as validate does', async () => {
    const dir = tempDir({ 'drafts/target.yaml': fixableText(), 'nominations/other.yaml': validNominationText() });
    rmSync(path.join(dir, 'nominations/other.yaml'));
    symlinkSync('../drafts/target.yaml', path.join(dir, FILE));
    const run = await runInProcess(['fix', '--format', 'json', FILE], { cwd: dir });
    expect(lstatSync(path.join(dir, FILE)).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, FILE))).toBe('../drafts/target.yaml');
    expect(readFileSync(path.join(dir, 'drafts/target.yaml'), 'utf8')).toBe(fixableText());
    expect((JSON.parse(run.stdout) as Array<{ diagnostics: Array<{ ruleId: string }> }>)[0]!.diagnostics.map((d) => d.ruleId)).toEqual([
      'registry/regular-file',
    ]);
    expect(run.code).toBe(1);
    expect(readdirSync(path.join(dir, 'nominations'))).toEqual(['example-case-manager.yaml']);
  });
});

describe('writeFileAtomically with the file read', () => {
  it.runIf(process.platform !== 'win32')('does not replace a file that became a link after it was read', async () => {
    const { writeFileAtomically } = await import('../../src/util/atomic-write.js');
    const dir = tempDir({ 'a.yaml': 'one\n', 'b.yaml': 'other\n' });
    const file = path.join(dir, 'a.yaml');
    const read = statSync(file);
    // The file read is swapped for a link before the write.
    renameSync(file, path.join(dir, 'moved.yaml'));
    symlinkSync('b.yaml', file);
    expect(() => writeFileAtomically(file, 'two\n', undefined, { dev: read.dev, ino: read.ino })).toThrow(/was replaced/);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'b.yaml'), 'utf8')).toBe('other\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
