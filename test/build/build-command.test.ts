import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_MODES, removeTempDirs, runCli, runInProcess, STACK_LINE, tempDir, writeTempFile } from '../support/cli.js';
import { approved, nomination, type Edit } from './helpers.js';

afterAll(removeTempDirs);

/** A registry of one approved DPG and one nominee, plus `extra` files. */
function registry(extra: Record<string, string> = {}): string {
  return tempDir({
    'nominations/alpha.yaml': nomination('Alpha', ...approved()),
    'nominations/beta.yaml': nomination('Beta'),
    ...extra,
  });
}

describe.each(CLI_MODES)('dpg build (%s)', (mode) => {
  it('publishes the approved record and the nominee, and says where', async () => {
    const dir = registry();
    const run = await runCli(mode, ['build', '--out', 'out'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Published 1 digital public good and 1 nominee under review to out/');
    expect(existsSync(path.join(dir, 'out/index.html'))).toBe(true);
    expect(existsSync(path.join(dir, 'out/api/v1/dpgs/alpha.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'out/api/v1/nominees/beta.json'))).toBe(true);
    expect(existsSync(path.join(dir, 'out/dpgs/alpha/index.html'))).toBe(true);
  });

  it('stops when an approved record has an unknown key, naming the file, and writes nothing', async () => {
    const dir = registry({ 'nominations/gamma.yaml': nomination('Gamma', ...approved(), [['licence'], 'MIT']) });
    const run = await runCli(mode, ['build', '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nominations/gamma.yaml');
    expect(run.stdout).toContain('schema/unknown-key');
    expect(run.stderr).toMatch(/^dpg build: stopped: 1 record cannot be published .*nominations\/gamma\.yaml/);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('refuses to replace a folder that holds something else (exit 2)', async () => {
    const dir = registry({ 'docs/notes.md': '# notes\n' });
    const run = await runCli(mode, ['build', '--out', 'docs'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--out docs is not empty and holds no earlier build');
    expect(readFileSync(path.join(dir, 'docs/notes.md'), 'utf8')).toBe('# notes\n');
  });

  it('never builds over the project or the registry folder, even with --force', async () => {
    const dir = registry();
    for (const out of ['.', 'nominations', 'nominations/site']) {
      const run = await runCli(mode, ['build', '--out', out, '--force'], { cwd: dir });
      expect(run.code, out).toBe(2);
      expect(run.stderr).toContain('would replace the project or its registry folder');
    }
    expect(existsSync(path.join(dir, 'nominations/alpha.yaml'))).toBe(true);
  });
});

describe('what the build leaves out (today is fixed)', () => {
  it('excludes an expired DPG, a delisted record and a failing nominee, each with a report line', async () => {
    const dir = registry({
      'nominations/old-one.yaml': nomination('Old One', ...approved('2025-01-10')),
      'nominations/gone.yaml': nomination(
        'Gone',
        [['stage'], 'delisted'],
        [['delisting'], { date: '2026-03-01', reason: 'The licence became proprietary.' }],
      ),
      'nominations/draft.yaml': nomination('Draft', [['sdgs'], []]),
    });
    const run = await runInProcess(['build', '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Published 1 digital public good and 1 nominee under review');
    expect(run.stdout).toContain('Excluded 3 records:');
    expect(run.stdout).toContain('nominations/old-one.yaml: Old One: recognition expired on 2026-01-10 (reviewed 2025-01-10)');
    expect(run.stdout).toContain('nominations/gone.yaml: Gone: stage delisted since 2026-03-01: The licence became proprietary.');
    expect(run.stdout).toMatch(
      /nominations\/draft\.yaml: Draft: nominee with \d+ validation errors? \(run dpg validate nominations\/draft\.yaml\)/,
    );
    const index = JSON.parse(readFileSync(path.join(dir, 'out/api/v1/index.json'), 'utf8'));
    expect(index.dpgs.map((d: { slug: string }) => d.slug)).toEqual(['alpha']);
    expect(existsSync(path.join(dir, 'out/dpgs/old-one'))).toBe(false);
  });

  it('says the changelog is unavailable outside a git repository, and still builds', async () => {
    const dir = registry();
    const run = await runInProcess(['build', '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Changelog: unavailable \(not a git repository\)/);
    expect(readFileSync(path.join(dir, 'out/changelog/index.html'), 'utf8')).toContain(
      'The changelog is unavailable: not a git repository.',
    );
    expect(existsSync(path.join(dir, 'out/changelog.atom'))).toBe(false);
  });

  it('rejects a --site-url that is not an http(s) address', async () => {
    const run = await runInProcess(['build', '--site-url', 'javascript:alert(1)'], { cwd: registry() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--site-url must be an http(s) address');
  });

  it('replaces an earlier build in place', async () => {
    const dir = registry();
    expect((await runInProcess(['build', '--out', 'out'], { cwd: dir })).code).toBe(0);
    writeTempFile(dir, 'out/stale.html', 'old');
    expect((await runInProcess(['build', '--out', 'out'], { cwd: dir })).code).toBe(0);
    expect(existsSync(path.join(dir, 'out/stale.html'))).toBe(false);
  });
});

describe('names the site uses for itself', () => {
  it.each([
    { name: 'a DPG named after the changelog page', file: 'nominations/changelog.yaml', text: nomination('Changelog', ...approved()) },
    { name: 'a DPG named after the schema folder', file: 'nominations/schema.yaml', text: nomination('Schema', ...approved()) },
  ])('stop the build for $name, naming the file and the rule, and nothing is written', async ({ file, text }) => {
    const dir = registry({ [file]: text });
    const run = await runInProcess(['build', '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(file);
    expect(run.stdout).toContain('registry/filename-slug');
    expect(run.stderr).toMatch(new RegExp(`^dpg build: stopped: 1 record cannot be published .*${file.replace(/[./]/g, '\\$&')}`));
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('leave out a nominee named "Index", which fails validation', async () => {
    const dir = registry({ 'nominations/index.yaml': nomination('Index') });
    const run = await runInProcess(['build', '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('nominations/index.yaml: Index: nominee with 1 validation error');
    expect(existsSync(path.join(dir, 'out/api/v1/nominees/index.json'))).toBe(true);
    expect(readFileSync(path.join(dir, 'out/api/v1/nominees/index.json'), 'utf8')).not.toContain('"Index"');
  });
});

describe('DPGs assessed under an older version of the Standard (today is 2026-11-23)', () => {
  // What version 1.1.7 added and a record of 1.1.6 did not answer: ownership (3), dependencies (4), privacy (7).
  const owing: Edit[] = [
    [['standardVersion'], '1.1.6'],
    [['ownership', 'ownsAllComponents'], undefined],
    [['platformIndependence', 'coreDependencies'], undefined],
    [['privacy', 'piiRequirements'], undefined],
  ];

  it('publishes a current DPG that is valid under its own version, and shows what is due at renewal on its page and in the API', async () => {
    const dir = registry({ 'nominations/owing.yaml': nomination('Owing', ...approved('2026-05-04'), ...owing) });
    const run = await runInProcess(['build', '--out', 'out'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Published 2 digital public goods');
    const record = JSON.parse(readFileSync(path.join(dir, 'out/api/v1/dpgs/owing.json'), 'utf8'));
    expect(record.dueAtRenewal.map((d: { indicator: string; rule: string }) => [d.indicator, d.rule])).toEqual([
      ['3', 'schema/required'],
      ['4', 'schema/required'],
      ['7', 'privacy/pii-requirements'],
    ]);
    expect(record.dueAtRenewal[0]).toEqual({
      indicator: '3',
      rule: 'schema/required',
      since: '1.1.7',
      assessedUnder: '1.1.6',
      by: '2027-05-04',
      message: 'Missing required key "ownsAllComponents" (Owns everything) in ownership.',
    });
    const index = JSON.parse(readFileSync(path.join(dir, 'out/api/v1/index.json'), 'utf8'));
    const bySlug = new Map(index.dpgs.map((d: { slug: string; dueAtRenewal: unknown[] }) => [d.slug, d.dueAtRenewal]));
    expect(bySlug.get('owing')).toEqual(record.dueAtRenewal);
    expect(bySlug.get('alpha')).toEqual([]);

    const page = readFileSync(path.join(dir, 'out/dpgs/owing/index.html'), 'utf8');
    expect(page).toContain('<h2>Due at renewal, by 2027-05-04</h2>');
    expect(page).toContain(
      'At its renewal it owes 3 answers that version 1.1.7 asks for, on indicators <a href="#indicator-3">3</a>, <a href="#indicator-4">4</a>, <a href="#indicator-7">7</a>.',
    );
    const section = (id: string) =>
      page.slice(page.indexOf(`<h3 id="indicator-${id}">`), page.indexOf('</section>', page.indexOf(`<h3 id="indicator-${id}">`)));
    expect(section('3')).toContain('Due at renewal, by 2027-05-04');
    expect(section('3')).toContain('Missing required key &quot;ownsAllComponents&quot;');
    expect(section('7')).toContain('privacy.piiRequirements is missing');
    expect(section('1')).not.toContain('Due at renewal');
    expect(readFileSync(path.join(dir, 'out/dpgs/alpha/index.html'), 'utf8')).not.toContain('Due at renewal');
  });

  it('leaves out a DPG whose recognition ended while it owed answers, as expired, instead of stopping', async () => {
    const dir = registry({ 'nominations/lapsed.yaml': nomination('Lapsed', ...approved('2025-10-01'), ...owing) });
    const run = await runInProcess(['build', '--out', 'out'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Published 1 digital public good and 1 nominee under review');
    expect(run.stdout).toContain(
      'nominations/lapsed.yaml: Lapsed: recognition expired on 2026-10-01 (reviewed 2025-10-01); it owes 3 answers that Standard 1.1.7 asks for; renew it',
    );
    expect(existsSync(path.join(dir, 'out/dpgs/lapsed'))).toBe(false);
    expect(existsSync(path.join(dir, 'out/api/v1/dpgs/lapsed.json'))).toBe(false);
  });

  it.each([
    { name: 'current', date: '2026-05-04' },
    { name: 'ended', date: '2025-10-01' },
  ])('still stops for a DPG ($name recognition) with an error under its own version', async ({ date }) => {
    const dir = registry({
      'nominations/broken.yaml': nomination('Broken', ...approved(date), ...owing, [['licenses', 0, 'spdx'], 'CC-BY-ND-4.0']),
    });
    const run = await runInProcess(['build', '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('license/approved-for-category');
    expect(run.stderr).toMatch(/^dpg build: stopped: 1 record cannot be published .*nominations\/broken\.yaml/);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
