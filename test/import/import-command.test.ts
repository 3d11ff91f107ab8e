import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { removeTempDirs, runInProcess, STACK_LINE, tempDir, writeTempFile } from '../support/cli.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/dpga');
const RECORD_COUNT = ['nominees', 'excluded-nominees'].reduce((n, dir) => n + readdirSync(path.join(FIXTURES, dir)).length, 0);
/** Reconstructed records of the former registry: its layout, with an exclusion log and a nominee kept in archive/. */
const EXTRA = path.resolve(__dirname, '../fixtures/dpga-extra');
const EXTRA_RECORD_COUNT = ['nominees', 'archive'].reduce((n, dir) => n + readdirSync(path.join(EXTRA, dir)).length, 0);

/** A temp working directory holding a copy of the former registry's layout under old/. */
function workspace(): string {
  const cwd = tempDir();
  cpSync(FIXTURES, path.join(cwd, 'old'), { recursive: true });
  return cwd;
}

function written(cwd: string, folder = 'nominations'): string[] {
  const dir = path.join(cwd, folder);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

afterEach(removeTempDirs);

describe('dpg import', () => {
  it('gives a registry that dpg build publishes: every approved DPG of the former registry and the reconstructions, later gaps due at renewal', async () => {
    const cwd = workspace();
    // The reconstructions complete the same layout: their exclusion log sits beside the sample's excluded records.
    cpSync(EXTRA, path.join(cwd, 'old'), { recursive: true });
    const run = await runInProcess(['import', 'old'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = written(cwd);
    expect(files).toHaveLength(RECORD_COUNT + EXTRA_RECORD_COUNT);
    const data = (f: string) => parse(readFileSync(path.join(cwd, 'nominations', f), 'utf8'));
    const approved = files.filter((f) => data(f).stage === 'dpg');
    expect(approved.length).toBeGreaterThanOrEqual(32);
    for (const slug of ['school-census', 'ledger-links', 'letters-lab', 'field-survey', 'carbon-ledger'])
      expect(approved).toContain(`${slug}.yaml`);

    const build = await runInProcess(['build', '-o', 'site'], { cwd });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    for (const file of approved)
      expect(existsSync(path.join(cwd, 'site', 'api', 'v1', 'dpgs', file.replace(/\.yaml$/, '.json')))).toBe(true);
    expect(build.stdout).toContain(`Published ${approved.length} digital public goods`);
    // The import's own count of what the build publishes agrees with the build.
    const published = /^\| published \(dpg build would publish them\) +\| +(\d+) \|/m.exec(run.stdout);
    const nomineesDir = path.join(cwd, 'site', 'api', 'v1', 'nominees');
    const publishedNominees = existsSync(nomineesDir)
      ? readdirSync(nomineesDir).filter((f) => f.endsWith('.json') && f !== 'index.json').length
      : 0;
    expect(Number(published?.[1])).toBe(approved.length + publishedNominees);
    // The reconstruction left without an owner is a nominee that fails, so the build leaves it out.
    expect(existsSync(path.join(nomineesDir, 'ledger-without-owner.json'))).toBe(false);
  });

  it('reads exclusion dates and reasons from the exclusion log, and finds nominees kept in archive/', async () => {
    const cwd = workspace();
    cpSync(EXTRA, path.join(cwd, 'old'), { recursive: true });
    const run = await runInProcess(['import', 'old'], { cwd });
    expect(run.code).toBe(0);
    const data = (f: string) => parse(readFileSync(path.join(cwd, 'nominations', f), 'utf8'));
    expect(data('caffe.yaml').delisting).toEqual({
      date: '2021-12-08',
      reason: expect.stringMatching(/^No longer accepting open source tools/),
    });
    expect(data('open-stax.yaml').delisting).toMatchObject({ date: '2022-02-16' });
    // Not in the log: still a gap, reported.
    expect(data('typescript.yaml').delisting).toBeUndefined();
    expect(run.stdout).toMatch(
      /excluded-nominees\/typescript\.json → nominations\/typescript\.yaml: written\n(.*\n)*? {2}missing: delisting\.date: neither the former record nor an exclusion log/,
    );
    expect(data('harbour-map.yaml')).toMatchObject({ name: 'Harbour Map', stage: 'expired' });
    expect(run.stdout).toContain(
      'old/archive/harbour-map.json + old/digitalpublicgoods/harbour-map.json → nominations/harbour-map.yaml: written',
    );
    expect(run.stdout).not.toContain(': failed');
  });

  it('ends its report with a table of records, conversions, publications and gaps due at renewal per rule', async () => {
    const cwd = workspace();
    const run = await runInProcess(['import', 'old', 'old/nominees/aam-digital.json', '--dry-run'], { cwd });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    const table = lines.slice(lines.findIndex((l) => /^\| +\| records \| findings \|$/.test(l)));
    // The table is the end of the report.
    expect(table.every((l) => l.startsWith('|'))).toBe(true);
    expect(table.slice(0, 5)).toEqual([
      expect.stringMatching(/^\| +\| records \| findings \|$/),
      expect.stringMatching(/^\|-+\|-+:\|-+:\|$/),
      expect.stringMatching(new RegExp(`^\\| records +\\| +${RECORD_COUNT} \\| +\\|$`)),
      expect.stringMatching(new RegExp(`^\\| converted +\\| +${RECORD_COUNT} \\| +\\|$`)),
      expect.stringMatching(/^\| published \(dpg build would publish them\) +\| +\d+ \| +\|$/),
    ]);
    expect(run.stdout).toMatch(/^\| due at renewal: privacy\/pii-requirements +\| +\d+ \| +\d+ \|$/m);

    const json = JSON.parse((await runInProcess(['import', 'old', '--dry-run', '--format', 'json'], { cwd })).stdout);
    const dpgs = json.records.filter((r: { stage: string }) => r.stage === 'dpg');
    expect(json.summary).toMatchObject({ records: RECORD_COUNT, converted: RECORD_COUNT, published: dpgs.length });
    expect(dpgs.every((r: { published: boolean }) => r.published)).toBe(true);
    const pii = dpgs.filter(
      (r: { validation: { dueAtRenewal: Record<string, number> } }) => r.validation.dueAtRenewal['privacy/pii-requirements'],
    );
    expect(json.summary.dueAtRenewal['privacy/pii-requirements']).toEqual({ records: pii.length, findings: pii.length });
    const text = (await runInProcess(['import', 'old', '--dry-run'], { cwd })).stdout;
    expect(text).toMatch(new RegExp(`^\\| published \\(dpg build would publish them\\) +\\| +${dpgs.length} \\|`, 'm'));
  });

  it("converts every record of the former registry's layout", async () => {
    const cwd = workspace();
    const run = await runInProcess(['import', 'old'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const files = written(cwd);
    expect(files).toHaveLength(RECORD_COUNT);
    expect(files).toContain('aam-digital.yaml');
    expect(files).toContain('caffe.yaml');
    const aam = readFileSync(path.join(cwd, 'nominations', 'aam-digital.yaml'), 'utf8');
    expect(aam.startsWith('# yaml-language-server: $schema=../schemas/nomination.schema.json\n')).toBe(true);
    expect(parse(aam)).toMatchObject({ name: 'Aam Digital', stage: 'dpg', ownership: { ownerType: 'organization' } });
    expect(parse(readFileSync(path.join(cwd, 'nominations', 'caffe.yaml'), 'utf8'))).toMatchObject({ stage: 'delisted' });
    expect(run.stdout).toContain(
      'old/nominees/aam-digital.json + old/digitalpublicgoods/aam-digital.json → nominations/aam-digital.yaml: written',
    );
    expect(run.stdout).toMatch(/missing: privacy\.piiRequirements: /);
    expect(run.stdout).toMatch(/note: nominees\/aam-digital\.json:organizations\[0\]: contact_name and contact_email dropped/);
    expect(run.stdout).toContain(`${RECORD_COUNT} record(s): ${RECORD_COUNT} converted; ${RECORD_COUNT} written, 0 skipped, 0 failed.`);
  });

  it.each([
    { name: 'nominee file', operand: 'old/nominees/aam-digital.json' },
    { name: 'screening file', operand: 'old/digitalpublicgoods/aam-digital.json' },
  ])('pairs a single $name with the other half of its record', async ({ operand }) => {
    const cwd = workspace();
    const run = await runInProcess(['import', operand], { cwd });
    expect(run.code).toBe(0);
    expect(written(cwd)).toEqual(['aam-digital.yaml']);
    const data = parse(readFileSync(path.join(cwd, 'nominations', 'aam-digital.yaml'), 'utf8'));
    expect(data.privacy).toMatchObject({ laws: ['GDPR'] });
  });

  it('converts a single file outside the layout, without screening answers', async () => {
    const cwd = tempDir({ 'caffe.json': readFileSync(path.join(FIXTURES, 'excluded-nominees', 'caffe.json'), 'utf8') });
    const run = await runInProcess(['import', 'caffe.json', '--out', 'imported/batch1'], { cwd });
    expect(run.code).toBe(0);
    const text = readFileSync(path.join(cwd, 'imported', 'batch1', 'caffe.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/nomination.schema.json');
    expect(run.stdout).toContain('missing: ownership: the record has no screening answers');
  });

  it('writes nothing with --dry-run', async () => {
    const cwd = workspace();
    const run = await runInProcess(['import', 'old', '--dry-run'], { cwd });
    expect(run.code).toBe(0);
    expect(written(cwd)).toEqual([]);
    expect(existsSync(path.join(cwd, 'nominations'))).toBe(false);
    expect(run.stdout).toContain('→ nominations/aam-digital.yaml: would write');
    expect(run.stdout).toContain(`${RECORD_COUNT} would be written`);
  });

  it('shows the YAML it would write with --dry-run --format json', async () => {
    const cwd = workspace();
    const run = await runInProcess(['import', 'old/nominees/openlmis.json', '--dry-run', '--format', 'json'], { cwd });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ records: 1, written: 0, wouldWrite: 1, skipped: 0, failed: 0, converted: 1, published: 1 });
    expect(report.records[0]).toMatchObject({ file: 'nominations/openlmis.yaml', status: 'would write', name: 'OpenLMIS', stage: 'dpg' });
    expect(parse(report.records[0].yaml)).toMatchObject({ name: 'OpenLMIS' });
    expect(report.records[0].validation.rules['schema/required']).toBeGreaterThan(0);
    expect(written(cwd)).toEqual([]);
  });

  it('never replaces an existing nomination unless --force', async () => {
    const cwd = workspace();
    writeTempFile(cwd, 'nominations/aam-digital.yaml', '# kept by hand\n');
    const run = await runInProcess(['import', 'old/nominees/aam-digital.json', 'old/nominees/glific.json'], { cwd });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(cwd, 'nominations', 'aam-digital.yaml'), 'utf8')).toBe('# kept by hand\n');
    expect(run.stdout).toContain('→ nominations/aam-digital.yaml: skipped (the file exists (use --force to replace it))');
    expect(written(cwd)).toEqual(['aam-digital.yaml', 'glific.yaml']);

    const forced = await runInProcess(['import', 'old/nominees/aam-digital.json', '--force'], { cwd });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('→ nominations/aam-digital.yaml: overwritten');
    expect(readFileSync(path.join(cwd, 'nominations', 'aam-digital.yaml'), 'utf8')).toMatch(/^name: Aam Digital$/m);
    // The temporary files of the atomic writes are gone.
    expect(written(cwd)).toEqual(['aam-digital.yaml', 'glific.yaml']);
  });

  it('records --review-date and --reviewer on approved DPGs', async () => {
    const cwd = workspace();
    const run = await runInProcess(['import', 'old/nominees/simple.json', '--review-date', '2025-02-03', '--reviewer', 'registry-team'], {
      cwd,
    });
    expect(run.code).toBe(0);
    expect(parse(readFileSync(path.join(cwd, 'nominations', 'simple.yaml'), 'utf8')).review).toEqual({
      date: '2025-02-03',
      reviewer: 'registry-team',
    });
    expect(run.stdout).not.toContain('missing: review.');
  });

  it('fails cleanly on a record that is not JSON, and still converts the others', async () => {
    const cwd = workspace();
    writeFileSync(path.join(cwd, 'old', 'nominees', 'broken.json'), '{ "name": "Broken", ');
    const run = await runInProcess(['import', 'old'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^old\/nominees\/broken\.json: failed \(old\/nominees\/broken\.json: not valid JSON \(.+\)\.\)$/m);
    expect(run.stdout + run.stderr).not.toMatch(STACK_LINE);
    expect(written(cwd)).toHaveLength(RECORD_COUNT);
  });

  it('fails on screening answers whose nominee record is missing', async () => {
    const cwd = workspace();
    cpSync(path.join(cwd, 'old', 'digitalpublicgoods', 'vips.json'), path.join(cwd, 'old', 'digitalpublicgoods', 'orphan.json'));
    const run = await runInProcess(['import', 'old/digitalpublicgoods/orphan.json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('old/digitalpublicgoods/orphan.json: failed (screening answers without their nominee record');
    expect(written(cwd)).toEqual([]);
  });

  it.each([
    { name: 'a missing path', args: ['import', 'nowhere'], message: /No such file or folder: nowhere/ },
    { name: 'no operand', args: ['import'], message: /missing required argument/ },
    { name: 'a bad review date', args: ['import', 'old', '--review-date', '2025-02-30'], message: /--review-date must be a date/ },
    { name: 'an unknown format', args: ['import', 'old', '--format', 'xml'], message: /xml/ },
  ])('exits 2 on $name', async ({ args, message }) => {
    const cwd = workspace();
    const run = await runInProcess(args, { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(written(cwd)).toEqual([]);
  });
});
