import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertDpgaRecord } from '../../src/import/dpga.js';
import { REPO_ROOT, removeTempDirs, runInProcess, tempDir } from '../support/cli.js';
import { approved, nomination, readTree } from './helpers.js';

const SCHEMAS = path.join(REPO_ROOT, 'schemas');
const readJson = (file: string): any => JSON.parse(readFileSync(file, 'utf8'));

let out: string;
let files: Map<string, Buffer>;
let report: string;
const doc = (relative: string): any => JSON.parse(files.get(relative)!.toString('utf8'));

beforeAll(async () => {
  out = path.join(tempDir(), 'site');
  const run = await runInProcess(['build', '--out', out, '--compat', 'dpga'], { cwd: REPO_ROOT });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  report = run.stdout;
  files = readTree(out);
});
afterAll(removeTempDirs);

function compile2020() {
  // As src/schema/validate.ts: the nomination schema's if/then blocks require keys defined by their parent.
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true, keywords: ['x-dpg-since'] });
  ajv.addSchema(readJson(path.join(SCHEMAS, 'nomination.schema.json')));
  for (const name of ['index', 'nominee-index', 'record', 'compat-dpga-nominee', 'compat-dpga-screening']) {
    ajv.addSchema(readJson(path.join(SCHEMAS, 'api', `${name}.schema.json`)));
  }
  return (name: string) => ajv.getSchema(`https://dpg.tools/schemas/api/${name}.schema.json`)!;
}

describe('the JSON API of the bundled registry', () => {
  const schema = compile2020();

  it('has an index of every published DPG, sorted by slug, that matches its schema', () => {
    const index = doc('api/v1/index.json');
    const validate = schema('index');
    expect(validate(index), JSON.stringify(validate.errors)).toBe(true);
    const slugs = index.dpgs.map((d: { slug: string }) => d.slug);
    expect(slugs.length).toBeGreaterThan(0);
    expect(slugs).toEqual([...slugs].sort());
    expect(index.count).toBe(slugs.length);
    expect(report).toContain(`Published ${slugs.length} digital public goods`);
  });

  it('has one record per listed DPG and nominee, each valid against the record schema (which holds the nomination schema)', () => {
    const validate = schema('record');
    const index = doc('api/v1/index.json');
    const nominees = doc('api/v1/nominees/index.json');
    expect(schema('nominee-index')(nominees), JSON.stringify(schema('nominee-index').errors)).toBe(true);
    const listed = [...index.dpgs, ...nominees.nominees].map((s: { record: string }) => s.record).sort();
    const written = [...files.keys()].filter((f) => /^api\/v1\/(dpgs|nominees)\/[^/]+\.json$/.test(f) && !f.endsWith('/index.json')).sort();
    expect(written).toEqual(listed);
    for (const file of written) {
      const record = doc(file);
      expect(validate(record), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(files.has(record.page)).toBe(true);
    }
    for (const summary of index.dpgs) expect(doc(summary.record).stage).toBe('dpg');
    for (const summary of nominees.nominees) expect(doc(summary.record).record.stage).toBe('nominee');
  });

  it('publishes the nomination schema and the API schemas byte for byte', () => {
    expect(files.get('api/v1/schema/nomination.schema.json')!.equals(readFileSync(path.join(SCHEMAS, 'nomination.schema.json')))).toBe(
      true,
    );
    for (const name of ['index', 'nominee-index', 'record', 'compat-dpga-nominee', 'compat-dpga-screening']) {
      expect(
        files.get(`api/v1/schema/${name}.schema.json`)!.equals(readFileSync(path.join(SCHEMAS, 'api', `${name}.schema.json`))),
        name,
      ).toBe(true);
    }
  });

  it("exports each record in the former registry's layout with --compat dpga, valid against the compat schemas and the former screening schema", () => {
    const nomineeSchema = schema('compat-dpga-nominee');
    const screeningSchema = schema('compat-dpga-screening');
    // The former registry's own schema (draft-07) for its screening records.
    const legacy = new Ajv({ strict: false, allErrors: true }).compile(
      readJson(path.join(REPO_ROOT, 'test/fixtures/dpga/screening-schema.json')),
    );
    const slugs = [...doc('api/v1/index.json').dpgs, ...doc('api/v1/nominees/index.json').nominees].map((s: { slug: string }) => s.slug);
    for (const slug of slugs) {
      const nominee = doc(`api/v1/compat/dpga/nominees/${slug}.json`);
      const screening = doc(`api/v1/compat/dpga/digitalpublicgoods/${slug}.json`);
      expect(nomineeSchema(nominee), `${slug}: ${JSON.stringify(nomineeSchema.errors)}`).toBe(true);
      expect(screeningSchema(screening), `${slug}: ${JSON.stringify(screeningSchema.errors)}`).toBe(true);
      expect(legacy(screening), `${slug}: ${JSON.stringify(legacy.errors)}`).toBe(true);
    }
  });

  it('round-trips through dpg import: the identity, licences, SDGs and answers come back', () => {
    for (const summary of doc('api/v1/index.json').dpgs) {
      const original = doc(summary.record).record;
      const back = convertDpgaRecord({
        nomineeFile: `${summary.slug}.json`,
        nominee: doc(`api/v1/compat/dpga/nominees/${summary.slug}.json`),
        screening: doc(`api/v1/compat/dpga/digitalpublicgoods/${summary.slug}.json`),
        excluded: false,
      }).nomination;
      expect(back.name).toBe(original.name);
      expect(back.stage).toBe('dpg');
      expect(back.categories).toEqual(original.categories);
      expect(back.sdgs).toEqual(original.sdgs);
      expect((back.licenses as Array<{ spdx: string }>).map((l) => l.spdx)).toEqual(original.licenses.map((l: { spdx: string }) => l.spdx));
      expect(back.countries).toEqual(original.countries);
      expect(back.sectors).toEqual(original.sectors);
      expect(back.doNoHarm).toMatchObject({
        dataPrivacySecurity: { piiHandling: original.doNoHarm.dataPrivacySecurity.piiHandling === 'none' ? 'none' : expect.any(String) },
        harassmentProtection: { userInteraction: original.doNoHarm.harassmentProtection.userInteraction },
      });
      expect(back.dataExtraction).toMatchObject({ handlesNonPii: original.dataExtraction.handlesNonPii });
    }
  });

  it('writes no compat export without --compat', async () => {
    const plain = path.join(tempDir(), 'site');
    expect((await runInProcess(['build', '--out', plain], { cwd: REPO_ROOT })).code).toBe(0);
    expect([...readTree(plain).keys()].filter((f) => f.includes('/compat/'))).toEqual([]);
  });
});

describe('what a DPG owes at renewal, in the API', () => {
  const schema = compile2020();

  it('lists each answer due, valid against the index and record schemas; a nominee owes nothing', async () => {
    const dir = tempDir({
      'nominations/owing.yaml': nomination(
        'Owing',
        ...approved('2026-05-04'),
        [['standardVersion'], '1.1.6'],
        [['privacy', 'piiRequirements'], undefined],
      ),
      'nominations/hopeful.yaml': nomination('Hopeful'),
    });
    const run = await runInProcess(['build', '--out', 'out'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const read = (relative: string) => readJson(path.join(dir, 'out', relative));
    const index = read('api/v1/index.json');
    const record = read('api/v1/dpgs/owing.json');
    const nominee = read('api/v1/nominees/hopeful.json');
    for (const [name, document] of [
      ['index', index],
      ['record', record],
      ['record', nominee],
      ['nominee-index', read('api/v1/nominees/index.json')],
    ] as const) {
      const validate = schema(name);
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    }
    expect(record.dueAtRenewal).toEqual([
      expect.objectContaining({
        indicator: '7',
        rule: 'privacy/pii-requirements',
        since: '1.1.7',
        assessedUnder: '1.1.6',
        by: '2027-05-04',
      }),
    ]);
    expect(index.dpgs[0].dueAtRenewal).toEqual(record.dueAtRenewal);
    expect(nominee.dueAtRenewal).toEqual([]);
    const validate = schema('record');
    expect(validate({ ...nominee, dueAtRenewal: record.dueAtRenewal })).toBe(false);
  });
});

describe('determinism', () => {
  it('a rebuild of the same tree writes byte-identical files', async () => {
    const again = path.join(tempDir(), 'again');
    expect((await runInProcess(['build', '--out', again, '--compat', 'dpga'], { cwd: REPO_ROOT })).code).toBe(0);
    const second = readTree(again);
    expect([...second.keys()]).toEqual([...files.keys()]);
    for (const [file, content] of files) expect(second.get(file)!.equals(content), file).toBe(true);
  });

  it('a rebuild into the same folder replaces the earlier build', async () => {
    const run = await runInProcess(['build', '--out', out, '--compat', 'dpga'], { cwd: REPO_ROOT });
    expect(run.code).toBe(0);
    expect(readTree(out)).toEqual(files);
  });
});

describe('page weight', () => {
  it('is reported for the front page (html + css + js) and the largest DPG page', () => {
    const front = ['index.html', 'assets/site.css', 'assets/site.js'].map((f) => files.get(f)!.length);
    const total = front.reduce((a, b) => a + b, 0);
    expect(report).toContain(`front page ${total.toLocaleString('en-US')} bytes (index.html ${front[0]!.toLocaleString('en-US')}`);
    expect(report).toMatch(/largest DPG page [\d,]+ bytes \(dpgs\/[a-z0-9-]+\/index\.html/);
    // Light by design: no framework, one stylesheet, one script.
    expect(files.get('assets/site.css')!.length + files.get('assets/site.js')!.length).toBeLessThan(12_000);
  });
});
