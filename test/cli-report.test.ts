import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, runInProcess, tempDir } from './support/cli.js';
import { validNominationText } from './support/nomination.js';

afterEach(removeTempDirs);

const FILE = 'nominations/example-case-manager.yaml';
const HTTP = validNominationText().replace(
  'website: https://www.aam-digital.com\ncategories',
  'website: http://www.aam-digital.com\ncategories',
);

/** The results `dpg validate --format json` writes for a nomination with a fixable finding, saved in a temporary registry. */
async function savedResults(): Promise<{ dir: string; json: string }> {
  const dir = tempDir({ [FILE]: HTTP });
  const run = await runInProcess(['validate', '--format', 'json', '--no-cache', FILE], { cwd: dir });
  expect(run.stdout).toContain('"fix"');
  return { dir, json: run.stdout };
}

describe('dpg report', () => {
  it('-f json keeps the fixes the results propose', async () => {
    const { json } = await savedResults();
    const dir = tempDir({ 'results.json': json });
    const run = await runInProcess(['report', '--results', 'results.json', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(json));
  });

  it.each([
    { name: 'a fix that is not an object', fix: 'https', message: 'results[0].diagnostics[0].fix must be an object' },
    {
      name: 'a fix value that is an object',
      fix: { description: 'd', path: '/website', value: { a: 1 } },
      message: 'results[0].diagnostics[0].fix.value must be',
    },
    {
      name: 'a remove flag that is not true',
      fix: { description: 'd', path: '/countries/development/0', value: 'x', remove: 'yes' },
      message: 'results[0].diagnostics[0].fix.remove must be true',
    },
  ])('refuses $name', async ({ fix, message }) => {
    const results = [
      { file: FILE, diagnostics: [{ ruleId: 'url/https', indicator: null, severity: 'warning', message: 'm', line: 1, fix }] },
    ];
    const dir = tempDir({ 'results.json': JSON.stringify(results) });
    const run = await runInProcess(['report', '--results', 'results.json', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it.each([
    { sha: 'abc1234', ok: true },
    { sha: 'ABCDEF0123456789abcdef0123456789abcdef01', ok: true },
    { sha: 'a'.repeat(64), ok: true },
    {
      sha: 'abc123',
      ok: false,
      message: '--sha must be a commit id of 7 to 40 hexadecimal digits (64 in a SHA-256 repository); "abc123" has 6.',
    },
    { sha: 'a'.repeat(41), ok: false, message: 'has 41.' },
    { sha: 'main', ok: false, message: '--sha must be a commit id of hexadecimal digits (0-9, a-f), not "main".' },
  ])('--sha $sha', async ({ sha, ok, message }) => {
    const dir = tempDir({ 'results.json': '[]' });
    const run = await runInProcess(['report', '--results', 'results.json', '--sha', sha], { cwd: dir });
    expect(run.code).toBe(ok ? 0 : 2);
    if (message) expect(run.stderr).toContain(message);
    else expect(run.stderr).toBe('');
  });
});
