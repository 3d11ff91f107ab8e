import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { validateSources } from '../../src/lint/engine.js';
import { CLI_MODES, REPO_ROOT, removeTempDirs, runCli, runSubprocess, STACK_LINE, tempDir } from '../support/cli.js';
import { TEST_NOW } from '../support/validate.js';

const EXAMPLE = readFileSync(path.join(REPO_ROOT, 'examples', 'new-answers.yaml'), 'utf8');
const MODELINE = '# yaml-language-server: $schema=../schemas/nomination.schema.json';

/** The example answers with some keys replaced (a value of undefined removes the key). */
function answers(edits: Record<string, unknown> = {}): string {
  const data = parse(EXAMPLE) as Record<string, unknown>;
  for (const [key, value] of Object.entries(edits)) {
    if (value === undefined) delete data[key];
    else data[key] = value;
  }
  return stringify(data);
}

function validate(file: string, content: string) {
  const [result] = validateSources([{ file, content }], { config: DEFAULT_CONFIG, now: TEST_NOW });
  return result!;
}

afterAll(removeTempDirs);

describe.each(CLI_MODES)('dpg new --answers (%s)', (mode) => {
  it('writes a nomination that validates clean, modeline first, with a comment per indicator', async () => {
    const dir = tempDir({ 'answers.yaml': EXAMPLE });
    const run = await runCli(mode, ['new', '--answers', 'answers.yaml'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Wrote nominations/clinic-queue.yaml');
    expect(run.stdout).toContain('dpg validate nominations/clinic-queue.yaml');
    expect(run.stdout).toMatch(/pull request/);

    const text = readFileSync(path.join(dir, 'nominations', 'clinic-queue.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe(MODELINE);
    for (const section of [
      'Indicator 1 — ',
      'Indicator 2 — ',
      'Indicator 3 — ',
      'Indicator 4 — ',
      'Indicator 5 — ',
      'Indicator 6 — ',
      'Indicator 7 — ',
      'Indicator 8 — ',
      'Indicator 9 — ',
      '9a — ',
      '9b — ',
      '9c — ',
      'Maintainers only',
    ]) {
      expect(text).toContain(`# ${section}`);
    }
    const result = validate('nominations/clinic-queue.yaml', text);
    expect(result.diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.message}`)).toEqual([]);
    const written = parse(text) as Record<string, any>;
    expect(written.stage).toBe('nominee');
    // Aliases and codes of countries are written as ISO 3166 names; one-line lists are split.
    expect(written.organizations[0].country).toBe('United Republic of Tanzania');
    expect(written.countries.deployment).toEqual(['United Republic of Tanzania', 'Uganda', 'Rwanda']);
  });

  it('takes the name, category, licence and repository from flags over the answers file', async () => {
    const dir = tempDir({ 'answers.json': JSON.stringify(parse(EXAMPLE)) });
    const run = await runCli(
      mode,
      [
        'new',
        'Queue Keeper',
        '--answers',
        'answers.json',
        '--category',
        'software',
        '--license',
        'MIT',
        '--license-url',
        'https://github.com/queue-keeper/queue-keeper/blob/main/LICENSE',
        '--repository',
        'https://github.com/queue-keeper/queue-keeper',
      ],
      { cwd: dir },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const written = parse(readFileSync(path.join(dir, 'nominations', 'queue-keeper.yaml'), 'utf8')) as Record<string, any>;
    expect(written.name).toBe('Queue Keeper');
    expect(written.licenses).toEqual([{ spdx: 'MIT', evidenceUrl: 'https://github.com/queue-keeper/queue-keeper/blob/main/LICENSE' }]);
    expect(written.repositories).toEqual([{ url: 'https://github.com/queue-keeper/queue-keeper' }]);
  });

  it('lists every bad answer, exits 2 and writes nothing', async () => {
    const bad = answers({
      website: 'http://clinicqueue.example.org',
      licenses: [{ spdx: 'apache2', evidenceUrl: 'https://github.com/clinic-queue/clinic-queue-server/blob/main/LICENSE' }],
      organizations: [{ name: 'Clinic Queue Collective', roles: ['owner'], country: 'Kenia' }],
      privacy: { laws: ['GDPR'] },
    });
    const dir = tempDir({ 'answers.yaml': bad });
    const run = await runCli(mode, ['new', '--answers', 'answers.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr).toContain('  website: "http://clinicqueue.example.org" uses plain http://; write "https://clinicqueue.example.org"');
    expect(run.stderr).toContain('  licenses[0].spdx: "apache2" is not an SPDX licence identifier; did you mean "Apache-2.0"?');
    expect(run.stderr).toContain('  organizations[0].country: "Kenia" is not a country of ISO 3166; did you mean "Kenya"?');
    // Personal data is stored, so the privacy evidence and the 2025 answers are required.
    expect(run.stderr).toContain('  privacy.evidenceUrls: needs an answer');
    expect(run.stderr).toContain('  privacy.piiRequirements.consentNotice: needs an answer');
    expect(readdirSync(dir)).toEqual(['answers.yaml']);
  });

  it('never replaces an existing nomination (exit 2, the file unchanged)', async () => {
    const existing = '# hand-written\nname: Clinic Queue\n';
    const dir = tempDir({ 'answers.yaml': EXAMPLE, 'nominations/clinic-queue.yaml': existing });
    const run = await runCli(mode, ['new', '--answers', 'answers.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'dpg: nominations/clinic-queue.yaml already exists; dpg new never replaces a file. Choose another name, or edit that file.\n',
    );
    expect(readFileSync(path.join(dir, 'nominations', 'clinic-queue.yaml'), 'utf8')).toBe(existing);
    expect(readdirSync(path.join(dir, 'nominations'))).toEqual(['clinic-queue.yaml']);
  });

  it('takes --answers or --resume, not both', async () => {
    const dir = tempDir({ 'answers.yaml': EXAMPLE });
    const run = await runCli(mode, ['new', '--answers', 'answers.yaml', '--resume'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('dpg: Give --answers or --resume, not both.\n');
    expect(readdirSync(dir)).toEqual(['answers.yaml']);
  });

  it('reports an answers file that is not YAML', async () => {
    const dir = tempDir({ 'answers.yaml': 'name: [unclosed\n' });
    const run = await runCli(mode, ['new', '--answers', 'answers.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^dpg: answers\.yaml is not valid YAML or JSON: /);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('writes where --out says, with the modeline relative to it, and into the registry of dpg.config.yaml', async () => {
    const dir = tempDir({ 'answers.yaml': EXAMPLE, 'dpg.config.yaml': 'registry: records\n' });
    const inRegistry = await runCli(mode, ['new', '--answers', 'answers.yaml'], { cwd: dir });
    expect(inRegistry.code).toBe(0);
    expect(readdirSync(path.join(dir, 'records'))).toEqual(['clinic-queue.yaml']);
    const other = tempDir({ 'answers.yaml': EXAMPLE, 'drafts/.keep': '' });
    const out = await runCli(mode, ['new', '--answers', 'answers.yaml', '--out', 'drafts'], { cwd: other });
    expect(out.code).toBe(0);
    expect(readFileSync(path.join(other, 'drafts', 'clinic-queue.yaml'), 'utf8').split('\n')[0]).toBe(MODELINE);
  });
});

describe('dpg new without a terminal', () => {
  it('exits 2 and says to use --answers instead of waiting on the pipe', async () => {
    const dir = tempDir();
    const run = await runSubprocess(['new', 'Some Tool'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'dpg: dpg new asks its questions in a terminal, and standard input is not one; give the answers in a file instead: dpg new --answers <file.yaml> (see docs/new.md).\n',
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
