import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { validateSources } from '../../src/lint/engine.js';
import {
  convertDpgaRecord,
  nominationYaml,
  parseRecordJson,
  RecordError,
  type Conversion,
  type DpgaRecord,
} from '../../src/import/dpga.js';
import { findExclusion, parseExclusionLog, parseLogDate } from '../../src/import/exclusions.js';
import type { Diagnostic, FileResult } from '../../src/core/types.js';
import { slugify } from '../../src/util/slug.js';
import { TEST_NOW } from '../support/validate.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/dpga');

function json(relative: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, relative), 'utf8'));
}

function names(dir: string): string[] {
  return readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

const PAIRS: DpgaRecord[] = names('nominees').map((f) => ({
  nomineeFile: `nominees/${f}`,
  nominee: json(`nominees/${f}`),
  screeningFile: `digitalpublicgoods/${f}`,
  screening: json(`digitalpublicgoods/${f}`),
  excluded: false,
}));
const EXCLUDED: DpgaRecord[] = names('excluded-nominees').map((f) => ({
  nomineeFile: `excluded-nominees/${f}`,
  nominee: json(`excluded-nominees/${f}`),
  excluded: true,
}));

function validate(conversion: Conversion): FileResult {
  const [result] = validateSources([{ file: `nominations/${conversion.slug}.yaml`, content: nominationYaml(conversion) }], {
    config: DEFAULT_CONFIG,
    now: TEST_NOW,
  });
  return result!;
}

/**
 * What a finding on an imported DPG is about: the rule, the JSON pointer with list indices as `*`,
 * and for a missing key the key itself ("schema/required /ownership/ownsAllComponents").
 */
function gapKey(d: Diagnostic): string {
  const pointer = d.path.replace(/\/\d+(?=\/|$)/g, '/*');
  const missingKey = /Missing required key "([^"]+)"/.exec(d.message)?.[1];
  return `${d.ruleId} ${missingKey ? `${pointer}/${missingKey}` : pointer || '/'}`;
}

/**
 * The documented gaps of imported DPGs (docs/import.md, "What validation reports after an import"):
 * fields the former registry never asked for, follow-up answers its records left empty, and values
 * carried over as written. Anything else is a defect of the conversion.
 */
const ALLOWED_GAPS = new Set([
  // Not kept by the former registry: due at the next review of an approved DPG (docs/standard-versions.md).
  'schema/required /ownership/ownsAllComponents',
  'schema/required /platformIndependence/coreDependencies',
  'ownership/owner-country /organizations/*',
  'privacy/pii-requirements /privacy',
  'harm/ai-training-data /doNoHarm/dataPrivacySecurity',
  // Left empty in the former records.
  'schema/required /sectors',
  'schema/required /platformIndependence/openAlternatives',
  'schema/required /doNoHarm/dataPrivacySecurity/sharingCircumstances',
  'schema/required /doNoHarm/inappropriateContent/policyUrl',
  'schema/required /doNoHarm/inappropriateContent/moderationProcess',
  'ownership/owner-listed /organizations',
  'privacy/evidence-required /privacy',
  'standards/evidence-required /standards/openStandards/*',
  'standards/evidence-required /standards/bestPractices/*',
  // Carried over as written, for a maintainer (or dpg fix) to correct.
  'license/deprecated-id /licenses/*/spdx',
  'url/https /website',
  'url/https /organizations/*/website',
  'url/https /ownership/evidenceUrls/*',
  'url/https /sdgs/*/evidenceUrl',
  'identity/generic-alias /aliases/*',
  'identity/repository-url /repositories/*/url',
]);

/** DPGs whose licences the current licence policy does not fully approve (see docs/import.md). */
const LICENSE_EXCEPTIONS: Record<string, RegExp> = {};

/** The day of the import: recognition is counted from it when no review date is given. */
const IMPORT_DAY = '2026-11-01';

const converted = PAIRS.map((record) => {
  const conversion = convertDpgaRecord(record, { today: IMPORT_DAY });
  return { record, conversion, yaml: nominationYaml(conversion), result: validate(conversion) };
});

describe('converting the former registry', () => {
  it('finds the fixtures', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(20);
    expect(EXCLUDED.length).toBeGreaterThanOrEqual(5);
  });

  it.each([...PAIRS, ...EXCLUDED].map((record) => ({ name: record.nomineeFile, record })))(
    '$name converts into YAML that reads back as the same data',
    ({ record }) => {
      const conversion = convertDpgaRecord(record);
      const yaml = nominationYaml(conversion);
      expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/nomination.schema.json');
      expect(parse(yaml)).toEqual(conversion.nomination);
      expect(conversion.slug).toBe(slugify(String((record.nominee as { name: string }).name)));
      expect(conversion.stage).toBe(record.excluded ? 'delisted' : 'dpg');
      const result = validate(conversion);
      expect(result.diagnostics.filter((d) => d.ruleId.startsWith('internal/') || d.ruleId.startsWith('yaml/'))).toEqual([]);
    },
  );

  it('writes a comment per indicator section, with the gaps of the section', () => {
    const aam = converted.find((c) => c.conversion.slug === 'aam-digital')!;
    for (const heading of [
      '# Indicator 1 — ',
      '# Indicator 2 — ',
      '# Indicator 3 — ',
      '# Indicator 9 — ',
      '# 9a — ',
      '# 9b — ',
      '# 9c — ',
      '# Maintainers only',
    ]) {
      expect(aam.yaml).toContain(heading);
    }
    expect(aam.yaml).toMatch(/# Indicator 7 — .*\n# Missing from the former record: .*piiRequirements/);
  });

  it('publishes no personal contact of the former records', () => {
    for (const { record, yaml } of converted.concat(
      EXCLUDED.map((record) => {
        const conversion = convertDpgaRecord(record);
        return { record, conversion, yaml: nominationYaml(conversion), result: validate(conversion) };
      }),
    )) {
      const organizations = (record.nominee as { organizations?: Array<Record<string, string>> }).organizations ?? [];
      const organizationNames = new Set(organizations.map((o) => o.name));
      for (const org of organizations) {
        // Some records give the organisation itself as the contact; its name is public anyway.
        const contacts = [org.contact_name, org.contact_email].filter((c): c is string => Boolean(c) && !organizationNames.has(c!));
        for (const contact of contacts) expect(yaml).not.toContain(contact);
      }
      expect(yaml).not.toMatch(/contact_(name|email)/);
    }
  });

  it('leaves only documented gaps on the converted DPGs', () => {
    const seen = new Set<string>();
    for (const { conversion, result } of converted) {
      for (const d of result.diagnostics) {
        if (d.ruleId === 'license/approved-for-category' && LICENSE_EXCEPTIONS[conversion.slug]?.test(d.message)) continue;
        seen.add(gapKey(d));
      }
    }
    expect([...seen].filter((key) => !ALLOWED_GAPS.has(key)).sort()).toEqual([]);
    expect(seen).toContain('privacy/pii-requirements /privacy');
    expect(seen).toContain('schema/required /ownership/ownsAllComponents');
  });

  it('gives approved DPGs that are valid under their own version: what later versions ask is due at renewal', () => {
    for (const { conversion, result } of converted) {
      expect(conversion.nomination).toMatchObject({ standardVersion: '1.1.6', review: { date: IMPORT_DAY, reviewer: 'former-registry' } });
      expect({ slug: conversion.slug, errors: result.diagnostics.filter((d) => d.severity === 'error') }).toEqual({
        slug: conversion.slug,
        errors: [],
      });
      for (const d of result.diagnostics.filter((x) => x.due)) {
        expect(d).toMatchObject({ severity: 'warning', due: { since: '1.1.7', assessedUnder: '1.1.6', by: '2027-11-01', overdue: false } });
      }
    }
    expect(converted.flatMap(({ result }) => result.diagnostics.filter((d) => d.due)).length).toBeGreaterThan(50);
  });

  it('fails a nominee with the same gaps', () => {
    for (const { conversion } of converted.slice(0, 5)) {
      const { standardVersion: _version, review: _review, ...rest } = conversion.nomination;
      const nominee = { ...conversion, nomination: { ...rest, stage: 'nominee' } };
      const result = validate(nominee);
      expect(result.errorCount).toBeGreaterThan(0);
      expect(result.diagnostics.filter((d) => d.due)).toEqual([]);
    }
  });

  it('reports the 2025 privacy answers of DPGs handling personal data as a warning for the next review', () => {
    for (const { conversion, result } of converted) {
      const handlesPii =
        (conversion.nomination.doNoHarm as { dataPrivacySecurity: { piiHandling?: string } }).dataPrivacySecurity.piiHandling !== 'none';
      const atReview = result.diagnostics.filter((d) => d.ruleId === 'privacy/pii-requirements');
      expect(atReview.map((d) => [d.severity, d.due?.since])).toEqual(handlesPii ? [['warning', '1.1.7']] : []);
      expect(conversion.missing.some((g) => g.field === 'privacy.piiRequirements')).toBe(handlesPii);
    }
  });

  it('keeps the approved licences of the real DPGs (deprecated ids are only warned)', () => {
    for (const { conversion, result } of converted) {
      const licenseFindings = result.diagnostics.filter((d) => d.ruleId.startsWith('license/'));
      for (const d of licenseFindings) {
        if (d.ruleId === 'license/deprecated-id') {
          expect(d.severity).toBe('warning');
          continue;
        }
        expect({ slug: conversion.slug, rule: d.ruleId, message: d.message }).toEqual({
          slug: conversion.slug,
          rule: 'license/approved-for-category',
          message: expect.stringMatching(LICENSE_EXCEPTIONS[conversion.slug] ?? /^$/),
        });
      }
    }
    // DIGIT, software and standard under MIT alone, passes: OSI licences are accepted for specifications.
    expect(converted.find((c) => c.conversion.slug === 'digit')!.result.indicators['2']).not.toBe('fail');
  });

  it('says which parts each licence covers when several licences license several parts', () => {
    const kindly = converted.find((c) => c.conversion.slug === 'kindly')!;
    expect(kindly.conversion.nomination.licenses).toEqual([
      expect.objectContaining({ spdx: 'AGPL-3.0', covers: ['code', 'model'] }),
      expect.objectContaining({ spdx: 'CC-BY-SA-4.0', covers: ['data', 'model'] }),
    ]);
  });

  it.each(['CC-BY-ND-4.0', 'CC-BY-NC-ND-4.0'])('reports every record switched to %s on indicator 2', (ndLicense) => {
    const rejected = PAIRS.map((record) => {
      const nominee = structuredClone(record.nominee) as { license: Array<{ spdx: string }> };
      for (const license of nominee.license) license.spdx = ndLicense;
      const result = validate(convertDpgaRecord({ ...record, nominee }));
      return {
        file: record.nomineeFile,
        indicator2: result.indicators['2'],
        noDerivatives: result.diagnostics.some(
          (d) =>
            d.ruleId === 'license/approved-for-category' &&
            d.indicator === '2' &&
            d.severity === 'error' &&
            d.message.includes('No-Derivatives'),
        ),
      };
    });
    expect(rejected).toEqual(PAIRS.map((record) => ({ file: record.nomineeFile, indicator2: 'fail', noDerivatives: true })));
  });
});

function record(nominee: Record<string, unknown>, screening?: Record<string, unknown>, excluded = false): DpgaRecord {
  return {
    nomineeFile: 'nominees/example.json',
    nominee,
    ...(screening ? { screeningFile: 'digitalpublicgoods/example.json', screening } : {}),
    excluded,
  };
}

const AAM_NOMINEE = json('nominees/aam-digital.json') as Record<string, unknown>;
const AAM_SCREENING = json('digitalpublicgoods/aam-digital.json') as Record<string, unknown>;

/** The Aam Digital pair with screening answers replaced under `doNoHarm`/`section`. */
function withAnswers(section: string, answers: Record<string, unknown>): DpgaRecord {
  const screening = structuredClone(AAM_SCREENING) as Record<string, Record<string, unknown>>;
  const harm = screening.doNoHarm as Record<string, Record<string, unknown>>;
  harm[section] = { ...harm[section], ...answers };
  return record(AAM_NOMINEE, screening);
}

function at(conversion: Conversion, ...keys: string[]): unknown {
  return keys.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], conversion.nomination);
}

describe('field mapping', () => {
  const ladderCases = [
    { name: '9a: no PII', section: 'dataPrivacySecurity', answers: { collectsPII: 'No' }, key: 'piiHandling', expected: 'none' },
    {
      name: '9a: PII, not shared',
      section: 'dataPrivacySecurity',
      answers: { collectsPII: 'Yes', thirdPartyDataSharing: 'No' },
      key: 'piiHandling',
      expected: 'stored',
    },
    {
      name: '9a: PII shared',
      section: 'dataPrivacySecurity',
      answers: { collectsPII: 'Yes', thirdPartyDataSharing: 'Yes' },
      key: 'piiHandling',
      expected: 'distributed',
    },
    { name: '9a: unknown', section: 'dataPrivacySecurity', answers: { collectsPII: 'Unknown' }, key: 'piiHandling', expected: undefined },
    {
      name: '9b: no content',
      section: 'inappropriateIllegalContent',
      answers: { collectStoreDistribute: 'No' },
      key: 'contentHandling',
      expected: 'none',
    },
    {
      name: '9b: content, level not said (the weaker level)',
      section: 'inappropriateIllegalContent',
      answers: { collectStoreDistribute: 'Yes', type: 'Survey answers', illegalContentDetectionMechanism: '' },
      key: 'contentHandling',
      expected: 'stored',
    },
    {
      name: '9b: content, nothing publicly distributed',
      section: 'inappropriateIllegalContent',
      answers: { collectStoreDistribute: 'Yes', type: 'Form submissions. Nothing is publicly distributed.' },
      key: 'contentHandling',
      expected: 'stored',
    },
    {
      name: '9b: content, neither kept nor distributed',
      section: 'inappropriateIllegalContent',
      answers: { collectStoreDistribute: 'Yes', illegalContentDetectionMechanism: 'Messages are not stored and are never published.' },
      key: 'contentHandling',
      expected: 'collected',
    },
    {
      name: '9b: content published',
      section: 'inappropriateIllegalContent',
      answers: { collectStoreDistribute: 'Yes', type: 'Stories that users publish on the site' },
      key: 'contentHandling',
      expected: 'distributed',
    },
    {
      name: '9b: blank',
      section: 'inappropriateIllegalContent',
      answers: { collectStoreDistribute: '' },
      key: 'contentHandling',
      expected: undefined,
    },
    {
      name: '9c: interaction',
      section: 'protectionFromHarassment',
      answers: { userInteraction: 'Yes' },
      key: 'userInteraction',
      expected: true,
    },
    { name: '9c: none', section: 'protectionFromHarassment', answers: { userInteraction: 'No' }, key: 'userInteraction', expected: false },
  ];
  const target: Record<string, string> = {
    dataPrivacySecurity: 'dataPrivacySecurity',
    inappropriateIllegalContent: 'inappropriateContent',
    protectionFromHarassment: 'harassmentProtection',
  };

  it.each(ladderCases)('$name', ({ section, answers, key, expected }) => {
    const conversion = convertDpgaRecord(withAnswers(section, answers));
    expect(at(conversion, 'doNoHarm', target[section]!, key)).toBe(expected);
    if (expected === undefined) expect(conversion.missing.map((g) => g.field)).toContain(`doNoHarm.${target[section]}.${key}`);
  });

  it('carries the 9a follow-ups only when PII is collected', () => {
    const shared = convertDpgaRecord(
      withAnswers('dataPrivacySecurity', {
        collectsPII: 'Yes',
        thirdPartyDataSharing: 'Yes',
        dataSharingCircumstances: ['With the ministry, under contract', ''],
      }),
    );
    expect(at(shared, 'doNoHarm', 'dataPrivacySecurity')).toMatchObject({
      piiHandling: 'distributed',
      thirdPartySharing: true,
      sharingCircumstances: 'With the ministry, under contract',
    });
    const none = convertDpgaRecord(withAnswers('dataPrivacySecurity', { collectsPII: 'No' }));
    expect(at(none, 'doNoHarm', 'dataPrivacySecurity')).toEqual({ piiHandling: 'none' });
    expect(none.missing.map((g) => g.field)).not.toContain('privacy.piiRequirements');
  });

  it('maps identity fields and drops empty or redundant aliases', () => {
    const conversion = convertDpgaRecord(
      record({
        name: 'Open Thing',
        aliases: ['', 'open thing', 'OT2', 'OT2'],
        description: ' Does things. ',
        website: 'https://example.org',
        type: ['software', 'aimodel', 'hologram'],
        repositoryURL: 'https://github.com/example/open-thing',
        organizations: [
          {
            name: 'Example Org',
            website: 'https://example.org',
            org_type: 'owner',
            contact_name: 'Jane Doe',
            contact_email: 'jane@example.org',
          },
          { name: 'Example Org', org_type: 'maintainer' },
          { name: 'Funding Body', org_type: 'funder' },
        ],
        sectors: ['Health'],
        stage: 'nominee',
        license: [{ spdx: 'MIT', licenseURL: 'https://github.com/example/open-thing/blob/main/LICENSE' }],
        SDGs: [
          { SDGNumber: 3, evidenceText: 'Used in clinics.', evidenceURL: 'https://example.org/impact' },
          [16, 'Peace, Justice and Strong Institutions'],
        ],
      }),
    );
    expect(conversion.nomination).toMatchObject({
      name: 'Open Thing',
      aliases: ['OT2'],
      description: 'Does things.',
      website: 'https://example.org',
      categories: ['software', 'ai-model', 'hologram'],
      repositories: [{ url: 'https://github.com/example/open-thing' }],
      organizations: [
        { name: 'Example Org', website: 'https://example.org', roles: ['owner', 'maintainer'] },
        { name: 'Funding Body', roles: ['funder'] },
      ],
      sectors: ['Health'],
      stage: 'nominee',
      licenses: [{ spdx: 'MIT', evidenceUrl: 'https://github.com/example/open-thing/blob/main/LICENSE' }],
      sdgs: [{ goal: 3, evidenceText: 'Used in clinics.', evidenceUrl: 'https://example.org/impact' }, { goal: 16 }],
    });
    expect(JSON.stringify(conversion.nomination)).not.toMatch(/Jane|jane@/);
    expect(conversion.notes.map((n) => n.note).join('\n')).toMatch(/unknown category "hologram"/);
    expect(conversion.missing.map((g) => g.field)).toEqual(
      expect.arrayContaining(['sdgs[].evidenceText', 'countries', 'ownership', 'doNoHarm']),
    );
  });

  it('normalises countries to their ISO 3166 English names and keeps unknown ones as written', () => {
    const screening = structuredClone(AAM_SCREENING) as { locations: Record<string, string[]> };
    screening.locations = {
      developmentCountries: ['Germany', 'Tanzania', ''],
      deploymentCountries: ["Côte d'Ivoire", 'Atlantis', 'germany'],
    };
    const conversion = convertDpgaRecord(record(AAM_NOMINEE, screening));
    expect(conversion.nomination.countries).toEqual({
      development: ['Germany', 'United Republic of Tanzania'],
      deployment: ["Cote d'Ivoire", 'Atlantis', 'Germany'],
    });
    expect(conversion.notes.map((n) => n.note)).toContain(
      '"Atlantis" is not an ISO 3166 country name; kept as written, for validation to report',
    );
  });

  it.each([
    { name: 'DPG', stage: 'DPG', excluded: false, expected: 'dpg' },
    { name: 'nominee', stage: 'nominee', excluded: false, expected: 'nominee' },
    { name: 'archive', stage: 'archive', excluded: false, expected: 'expired' },
    { name: 'excluded', stage: 'nominee', excluded: true, expected: 'delisted' },
    { name: 'excluded without stage', stage: undefined, excluded: true, expected: 'delisted' },
  ])('maps stage $name', ({ stage, excluded, expected }) => {
    expect(convertDpgaRecord(record({ name: 'X', stage }, undefined, excluded)).stage).toBe(expected);
  });

  it('records the review given for approved DPGs, and reports it missing otherwise', () => {
    const given = convertDpgaRecord(record(AAM_NOMINEE, AAM_SCREENING), { reviewDate: '2025-03-01', reviewer: 'registry-team' });
    expect(given.nomination.review).toEqual({ date: '2025-03-01', reviewer: 'registry-team' });
    const counted = convertDpgaRecord(record(AAM_NOMINEE, AAM_SCREENING), { today: '2026-11-01' });
    expect(counted.nomination.review).toEqual({ date: '2026-11-01', reviewer: 'former-registry' });
    expect(counted.notes.map((n) => n.note)).toEqual(
      expect.arrayContaining([expect.stringContaining('recognition is counted from the import, 2026-11-01')]),
    );
    const missing = convertDpgaRecord(record(AAM_NOMINEE, AAM_SCREENING));
    expect(missing.nomination.review).toEqual({ reviewer: 'former-registry' });
    expect(missing.missing.map((g) => g.field)).toEqual(expect.arrayContaining(['review.date']));
  });

  it('maps the screening answers of indicators 3 to 8', () => {
    const conversion = convertDpgaRecord(record(AAM_NOMINEE, AAM_SCREENING));
    expect(conversion.nomination).toMatchObject({
      ownership: { ownerType: 'organization', evidenceUrls: ['https://aam-digital.com/about-us/'] },
      platformIndependence: { hasClosedComponents: false },
      documentation: { urls: ['https://aam-digital.github.io/ndb-core/documentation/additional-documentation/overview.html'] },
      dataExtraction: { handlesNonPii: true, mechanism: expect.stringContaining('CouchDB') },
      privacy: { laws: ['GDPR'], adherenceSteps: expect.arrayContaining([expect.stringContaining('ISO 27001')]) },
    });
    const standards = conversion.nomination.standards as { openStandards: Array<Record<string, string>> };
    expect(standards.openStandards).toContainEqual({
      name: 'XLIFF',
      evidenceText:
        'i18n translation files to make the app available in different languages; https://github.com/Aam-Digital/ndb-core/tree/master/src/locale',
      evidenceUrl: 'https://github.com/Aam-Digital/ndb-core/tree/master/src/locale',
    });
  });

  it('survives records of the wrong shape', () => {
    const conversion = convertDpgaRecord(
      record(
        { name: 'Odd', license: 'MIT', SDGs: 'all', organizations: [null, 5], type: 'software' },
        { clearOwnership: 'Yes', doNoHarm: [] },
      ),
    );
    expect(conversion.nomination).toMatchObject({ name: 'Odd', categories: ['software'] });
    expect(conversion.missing.map((g) => g.field)).toEqual(expect.arrayContaining(['licenses', 'sdgs', 'organizations']));
    expect(() => convertDpgaRecord(record([] as unknown as Record<string, unknown>))).toThrow(RecordError);
  });

  it('rejects text that is not JSON with a clean message', () => {
    expect(() => parseRecordJson('nominees/bad.json', '{"name": ')).toThrow(/^nominees\/bad\.json: not valid JSON \(/);
  });
});

describe('reconstructed records of the former registry', () => {
  const EXTRA = path.resolve(__dirname, '../fixtures/dpga-extra');
  const extra = (slug: string): DpgaRecord => ({
    nomineeFile: `nominees/${slug}.json`,
    nominee: JSON.parse(readFileSync(path.join(EXTRA, 'nominees', `${slug}.json`), 'utf8')),
    screeningFile: `digitalpublicgoods/${slug}.json`,
    screening: JSON.parse(readFileSync(path.join(EXTRA, 'digitalpublicgoods', `${slug}.json`), 'utf8')),
    excluded: false,
  });

  it('records as owner the maintainer its ownership evidence names, with a note for review', () => {
    const conversion = convertDpgaRecord(extra('carbon-ledger'), { today: '2026-11-01' });
    expect(conversion.nomination.organizations).toEqual([
      { name: 'Carbon Ledger Foundation', website: 'https://carbonledger.example.org', roles: ['owner', 'maintainer'] },
      { name: 'Green Fund', website: 'https://greenfund.example.org', roles: ['funder'] },
    ]);
    expect(conversion.notes.map((n) => n.note)).toContainEqual(
      expect.stringContaining(
        'recorded as the owner because the ownership evidence https://carbonledger.example.org/legal/copyright names it',
      ),
    );
    expect(validate(conversion).diagnostics.filter((d) => d.ruleId === 'ownership/owner-listed')).toEqual([]);
  });

  it('leaves the owner a gap when the evidence names none of several organisations', () => {
    const conversion = convertDpgaRecord(extra('ledger-without-owner'), { today: '2026-11-01' });
    expect(JSON.stringify(conversion.nomination.organizations)).not.toContain('owner');
    expect(validate(conversion).diagnostics.map((d) => d.ruleId)).toContain('ownership/owner-listed');
  });

  it('takes the privacy policy linked in the 9a description as privacy evidence', () => {
    const conversion = convertDpgaRecord(extra('carbon-ledger'), { today: '2026-11-01' });
    expect(conversion.nomination.privacy).toMatchObject({ evidenceUrls: ['https://carbonledger.example.org/privacy-policy'] });
    expect(validate(conversion).diagnostics.filter((d) => d.ruleId === 'privacy/evidence-required')).toEqual([]);
  });
});

describe('importer fidelity on reconstructed records', () => {
  const EXTRA = path.resolve(__dirname, '../fixtures/dpga-extra');
  const read = (relative: string) => JSON.parse(readFileSync(path.join(EXTRA, relative), 'utf8'));
  const extra = (slug: string): DpgaRecord => ({
    nomineeFile: `nominees/${slug}.json`,
    nominee: read(`nominees/${slug}.json`),
    screeningFile: `digitalpublicgoods/${slug}.json`,
    screening: read(`digitalpublicgoods/${slug}.json`),
    excluded: false,
  });
  const convert = (slug: string) => {
    const conversion = convertDpgaRecord(extra(slug), { today: IMPORT_DAY });
    return { conversion, yaml: nominationYaml(conversion), result: validate(conversion) };
  };
  const notes = (conversion: Conversion) => conversion.notes.map((n) => n.note);

  it("resolves the former registry's country labels and the ISO short names", () => {
    const { conversion, result } = convert('school-census');
    expect(conversion.nomination.countries).toEqual({
      development: ['Czech Republic', 'Holy See (Vatican City State)'],
      deployment: [
        'Republic of the Congo',
        'Eswatini',
        'Bonaire, Sint Eustatius and Saba',
        'Saint Helena',
        'Democratic Republic of the Congo',
      ],
    });
    expect(result.diagnostics.filter((d) => d.ruleId.startsWith('country/'))).toEqual([]);
    expect(result.errorCount).toBe(0);
  });

  it('takes every link out of fields holding text and links, keeping the text as evidence', () => {
    const { conversion, yaml, result } = convert('ledger-links');
    const host = 'ledgerlinks.example.org';
    expect(conversion.nomination.sdgs).toEqual([
      {
        goal: 4,
        evidenceText: `Used by ministries of education.\nSchool Census for Education: https://${host}/education`,
        evidenceUrl: `https://${host}/education`,
      },
      { goal: 5, evidenceText: `https://${host}/girls\nhttps://${host}/gender-report`, evidenceUrl: `https://${host}/girls` },
    ]);
    expect(conversion.nomination.ownership).toMatchObject({
      evidenceUrls: [`https://${host}/legal/copyright`, `https://www.${host}/trademark`],
    });
    expect(yaml).toContain(`#   Copyright notice: https://${host}/legal/copyright and the trademark at www.${host}/trademark`);
    expect(conversion.nomination.documentation).toEqual({
      urls: [`https://docs.${host}`, `https://${host}/api`],
      notes: `API documentation - https://${host}/api`,
    });
    expect(conversion.nomination.privacy).toMatchObject({ evidenceUrls: [`https://privacy.${host}/policy`] });
    expect(notes(conversion)).toContain(`"docs.${host}" has no scheme; written as https://docs.${host}`);
    expect(result.diagnostics.filter((d) => d.ruleId.startsWith('url/') || d.ruleId === 'privacy/evidence-required')).toEqual([]);
    expect(result.errorCount).toBe(0);
  });

  it('says a content licence of a software record covers content, and no licence rule objects', () => {
    const { conversion, result } = convert('letters-lab');
    expect(conversion.nomination.licenses).toEqual([
      expect.not.objectContaining({ covers: expect.anything() }),
      expect.objectContaining({ spdx: 'CC-BY-4.0', covers: ['content'] }),
    ]);
    expect(notes(conversion)).toContainEqual(
      expect.stringContaining('"CC-BY-4.0" can only apply to content, and "BSD-2-Clause" covers the code'),
    );
    expect(result.diagnostics.filter((d) => d.ruleId.startsWith('license/'))).toEqual([]);
    expect(result.indicators['2']).toBe('pass');
  });

  it("reads the 9b level from the record's own words", () => {
    const { conversion, result } = convert('field-survey');
    expect(at(conversion, 'doNoHarm', 'inappropriateContent', 'contentHandling')).toBe('stored');
    expect(notes(conversion)).toContain('answered Yes; the record says content is not distributed: imported as "stored"');
    expect(result.errorCount).toBe(0);
  });

  it('imports the weaker 9b level with a review note when the words do not tell', () => {
    const record = extra('field-survey');
    const screening = record.screening as { doNoHarm: { inappropriateIllegalContent: Record<string, string> } };
    screening.doNoHarm.inappropriateIllegalContent.type = 'Form submissions';
    const conversion = convertDpgaRecord(record, { today: IMPORT_DAY });
    expect(at(conversion, 'doNoHarm', 'inappropriateContent', 'contentHandling')).toBe('stored');
    expect(notes(conversion)).toContainEqual(
      expect.stringContaining(
        'without saying whether content is distributed; imported as "stored", the weaker level: a reviewer should confirm',
      ),
    );
    expect(nominationYaml(conversion)).toContain(
      '# Review: 9b was answered "collects, stores or distributes: Yes"; imported as contentHandling: stored.',
    );
  });

  it('names a practice written as a whole sentence, keeping the sentence as evidence text', () => {
    const { conversion, result } = convert('field-survey');
    expect((conversion.nomination.standards as { bestPractices: unknown[] }).bestPractices).toEqual([
      {
        name: 'Principles for Digital Development',
        evidenceText: 'We follow the Principles for Digital Development in every deployment, designing with the user.',
      },
      {
        name: 'Every change is reviewed',
        evidenceText: 'Every change is reviewed by two maintainers before it is merged into the main branch.',
      },
      { name: 'Semantic Versioning' },
    ]);
    expect(notes(conversion)).toContain(
      'a sentence; named "Every change is reviewed", with the sentence as evidence text: a reviewer may give a better name',
    );
    expect(
      result.diagnostics.filter((d) => d.path.startsWith('/standards/bestPractices/0') || d.path.startsWith('/standards/bestPractices/1')),
    ).toEqual([]);
  });

  it('drops the numbering of the former lists from names', () => {
    const digit = converted.find((c) => c.conversion.slug === 'digit')!;
    const names = (digit.conversion.nomination.standards as { bestPractices: Array<{ name: string }> }).bestPractices.map((p) => p.name);
    expect(names).toContain('Ensuring extensibility through the use of layered design');
    expect(names.filter((n) => /^\d/.test(n))).toEqual([]);
  });

  it('reads when and why a record was excluded from the exclusion log', () => {
    const log = parseExclusionLog(readFileSync(path.join(EXTRA, 'excluded-nominees', 'README.md'), 'utf8'));
    const caffe = EXCLUDED.find((r) => r.nomineeFile.endsWith('caffe.json'))!;
    const row = findExclusion(log, ['Caffe', 'caffe'])!;
    const conversion = convertDpgaRecord({ ...caffe, exclusion: { log: 'excluded-nominees/README.md', ...row } });
    expect(conversion.nomination.delisting).toEqual({
      date: '2021-12-08',
      reason:
        'No longer accepting open source tools that are primarily used to support developers; focus has shifted to tools that are specifically oriented around supporting SDGs',
    });
    expect(conversion.missing.map((g) => g.field)).not.toContain('delisting.date');
    expect(validate(conversion).diagnostics.filter((d) => d.path.startsWith('/delisting') || d.message.includes('"delisting"'))).toEqual(
      [],
    );
    expect(findExclusion(log, ['OpenStax', 'open-stax'])).toMatchObject({ date: '2022-02-16' });
    expect(findExclusion(log, ['scikit-learn'])).toMatchObject({ nominee: 'Scikit Learn', date: '2021-12-08' });
    expect(findExclusion(log, ['TypeScript', 'typescript'])).toBeUndefined();
  });

  it.each([
    ['Sept 3rd, 2020', '2020-09-03'],
    ['May 03rd, 2022', '2022-05-03'],
    ['Feb 16th, 2022', '2022-02-16'],
    ['April 4th, 2020', '2020-04-04'],
    ['3 September 2020', '2020-09-03'],
    ['2021-12-08', '2021-12-08'],
    ['Feb 30th, 2022', undefined],
    ['soon', undefined],
  ])('reads the exclusion date "%s"', (written, expected) => {
    expect(parseLogDate(written)).toBe(expected);
  });

  it('reads a log row naming several nominees', () => {
    const log = parseExclusionLog(
      'Nominee | Exclusion Date | Reason\n--- | --- | ---\nAster - Stream & Aster - Platform | March 7th, 2022 |  No longer actively maintained\n',
    );
    expect(findExclusion(log, ['Aster - Platform'])).toMatchObject({ date: '2022-03-07', reason: 'No longer actively maintained' });
  });
});
