import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_MODES, removeTempDirs, runCli, runInProcess, tempDir } from './support/cli.js';
import { lineOf, validNominationText } from './support/nomination.js';

afterEach(removeTempDirs);

const FILE = 'nominations/example-case-manager.yaml';
const HTTP = validNominationText().replace(
  'website: https://www.aam-digital.com\ncategories',
  'website: http://www.aam-digital.com\ncategories',
);

describe('dpg validate -o, --output-file', () => {
  it.each(CLI_MODES)('writes the chosen format to the file and prints the stylish report (%s)', async (mode) => {
    const dir = tempDir({ [FILE]: HTTP });
    const run = await runCli(mode, ['validate', '--no-cache', '-f', 'compact', '-o', 'out/report.txt', FILE], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'out/report.txt'), 'utf8')).toBe(
      `${FILE}:${lineOf(HTTP, 'http://www')}:10: warning: ${run.stdout.split('\n')[1]!.split('warning  ')[1]!.split('  url/https')[0]} [url/https]\n`,
    );
    expect(run.stdout).toContain('✖ 1 problem (0 errors, 1 warning) in 1 file');
  });

  it('refuses a folder', async () => {
    const dir = tempDir({ [FILE]: HTTP });
    mkdirSync(path.join(dir, 'out'));
    const run = await runInProcess(['validate', '--no-cache', '-f', 'json', '-o', 'out', FILE], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--output-file out is a folder');
  });
});

describe('dpg validate --stdin', () => {
  it.each(CLI_MODES)('validates the text as the file named, against the registry on disk (%s)', async (mode) => {
    const dir = tempDir({ [FILE]: validNominationText(), 'nominations/copy.yaml': validNominationText() });
    const run = await runCli(mode, ['validate', '--stdin', '--stdin-filename', 'nominations/copy.yaml', '-f', 'compact'], {
      cwd: dir,
      stdin: HTTP,
    });
    // The saved copy.yaml is not read: the text comes from stdin, and the registry's other file makes it a duplicate.
    expect(run.stdout).toContain(`nominations/copy.yaml:${lineOf(HTTP, 'http://www')}:10: warning:`);
    expect(run.stdout).toContain('[registry/filename-slug]');
    expect(run.stdout).toContain('[registry/duplicate]');
    expect(run.code).toBe(1);
    expect(existsSync(path.join(dir, 'nominations/copy.yaml'))).toBe(true);
  });

  it.each([
    { name: 'without --stdin-filename', args: ['--stdin'], message: '--stdin needs --stdin-filename' },
    { name: 'with paths', args: ['--stdin', '--stdin-filename', FILE, FILE], message: 'cannot be combined with paths' },
    { name: 'with --fix', args: ['--stdin', '--stdin-filename', FILE, '--fix'], message: 'cannot be combined with --fix' },
    { name: '--stdin-filename alone', args: ['--stdin-filename', FILE], message: '--stdin-filename only applies with --stdin' },
  ])('refuses $name', async ({ args, message }) => {
    const dir = tempDir({ [FILE]: validNominationText() });
    const run = await runInProcess(['validate', ...args], { cwd: dir, stdin: HTTP });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
