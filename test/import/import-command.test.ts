import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { removeTempDirs, runInProcess, STACK_LINE, tempDir, writeTempFile } from '../support/cli.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/dpga');
const RECORD_COUNT = ['nominees', 'excluded-nominees'].reduce((n, dir) => n + readdirSync(path.join(FIXTURES, dir)).length, 0);

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
  it('gives a registry that dpg build publishes: every approved DPG, its later gaps due at renewal', async () => {
    const cwd = workspace();
    cpSync(path.resolve(__dirname, '../fixtures/dpga-extra'), path.join(cwd, 'extra'), { recursive: true });
    expect((await runInProcess(['import', 'old', 'extra/nominees/carbon-ledger.json'], { cwd })).code).toBe(0);
    const approved = written(cwd).filter((f) => parse(readFileSync(path.join(cwd, 'nominations', f), 'utf8')).stage === 'dpg');
    expect(approved.length).toBeGreaterThanOrEqual(28);
    const build = await runInProcess(['build', '-o', 'site'], { cwd });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    for (const file of approved) expect(existsSync(path.join(cwd, 'site', 'api', 'v1', 'dpgs', file.replace(/\.yaml$/, '.json')))).toBe(true);
    expect(build.stdout).toContain(`Published ${approved.length} digital public goods`);
  });

  it('converts every record of the former registry\'s layout', async () => {
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
    expect(run.stdout).toContain('old/nominees/aam-digital.json + old/digitalpublicgoods/aam-digital.json → nominations/aam-digital.yaml: written');
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
    expect(report.summary).toEqual({ records: 1, written: 0, wouldWrite: 1, skipped: 0, failed: 0 });
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
    const run = await runInProcess(['import', 'old/nominees/simple.json', '--review-date', '2025-02-03', '--reviewer', 'registry-team'], { cwd });
    expect(run.code).toBe(0);
    expect(parse(readFileSync(path.join(cwd, 'nominations', 'simple.yaml'), 'utf8')).review).toEqual({ date: '2025-02-03', reviewer: 'registry-team' });
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
