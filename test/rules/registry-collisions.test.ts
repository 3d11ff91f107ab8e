import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { validateSources, type SourceFile } from '../../src/lint/engine.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import { rule as duplicate } from '../../src/rules/registry/duplicate.js';
import { lookAlikeKey } from '../../src/util/look-alike.js';
import { withEdits } from '../support/nomination.js';
import { TEST_NOW } from '../support/validate.js';

type Edit = [Array<string | number>, unknown];

function nomination(file: string, ...edits: Edit[]): SourceFile {
  return { file, content: withEdits(...edits) };
}

/** Every file's findings of the registry rules: file → [rule, messageId-ish text]. */
function registryFindings(files: SourceFile[]): Array<{ file: string; rule: string; severity: string; message: string }> {
  return validateSources(files, { config: DEFAULT_CONFIG, now: TEST_NOW }).flatMap((result) =>
    result.diagnostics
      .filter((d) => d.ruleId.startsWith('registry/'))
      .map((d) => ({ file: result.file, rule: d.ruleId, severity: d.severity, message: d.message })),
  );
}

const openlmis = (file: string, name: string, ...edits: Edit[]) =>
  nomination(
    file,
    [['name'], name],
    [['repositories', 0, 'url'], `https://github.com/x/${file.replace(/\W/g, '')}`],
    [['website'], `https://${file.replace(/\W/g, '')}.example.org`],
    ...edits,
  );

describe('look-alike names', () => {
  it.each([
    ['a Cyrillic О', 'ОpenLMIS'],
    ['a Greek Ο', 'ΟpenLMIS'],
    ['a digit zero', '0penLMIS'],
    ['full-width letters', 'ＯｐｅｎＬＭＩＳ'],
    ['a zero-width joiner', 'Open\u200dLMIS'],
    ['a soft hyphen', 'Open\u00adLMIS'],
    ['bidirectional controls', '\u202eOpenLMIS\u202c'],
    ['accents', 'ÓpenLMÌS'],
  ])('%s looks like the Latin name', (_name, written) => {
    expect(lookAlikeKey(written)).toBe(lookAlikeKey('OpenLMIS'));
  });

  it('keeps names that differ apart', () => {
    expect(lookAlikeKey('OpenLMIS')).not.toBe(lookAlikeKey('OpenMRS'));
    expect(lookAlikeKey('病例管理')).not.toBe(lookAlikeKey('病例'));
  });

  it('reports a name that only looks like another as a duplicate, in both files, saying they look alike', () => {
    const findings = registryFindings([
      openlmis('nominations/openlmis.yaml', 'OpenLMIS'),
      openlmis('nominations/0penlmis.yaml', 'ОpenLMIS'),
    ]).filter((f) => f.rule === 'registry/duplicate');
    expect(findings.map((f) => f.file)).toEqual(['nominations/openlmis.yaml', 'nominations/0penlmis.yaml']);
    expect(findings[0]!.message).toContain('"OpenLMIS" looks like the name "ОpenLMIS" of nominations/0penlmis.yaml');
    expect(findings[1]!.message).toContain('differ only in characters that look alike or cannot be seen');
  });

  it('gives --changed the look-alike keys, so the index of the base finds the other file', () => {
    const keys = (name: string) => duplicate.keys!(duplicate.collect({ name }, {}, 'nominations/x.yaml'));
    expect(keys('ОpenLMIS')).toEqual(keys('OpenLMIS'));
  });
});

describe('registry/shared-repository', () => {
  const server = 'https://github.com/santedb/santedb-server';
  it('asks to confirm two products with different names and websites on one repository, without an error', () => {
    const findings = registryFindings([
      openlmis(
        'nominations/santeims.yaml',
        'SanteIMS',
        [['repositories', 0, 'url'], server],
        [['website'], 'https://santesuite.org/santeims'],
      ),
      openlmis(
        'nominations/santempi.yaml',
        'SantéMPI',
        [['repositories', 0, 'url'], server],
        [['website'], 'https://santesuite.org/santempi'],
      ),
    ]);
    expect(findings.map((f) => [f.file, f.rule, f.severity])).toEqual([
      ['nominations/santeims.yaml', 'registry/shared-repository', 'warning'],
      ['nominations/santempi.yaml', 'registry/shared-repository', 'warning'],
    ]);
    expect(findings[0]!.message).toContain('also listed by nominations/santempi.yaml');
  });

  const rows: Array<[string, Edit, Edit]> = [
    ['the same website', [['website'], 'https://santesuite.org'], [['website'], 'https://santesuite.org/']],
    ['a shared alias', [['aliases'], ['Sante Server']], [['aliases'], ['SanteServer']]],
  ];
  it.each(rows)('keeps a shared repository an error with %s', (_name, editA, editB) => {
    const findings = registryFindings([
      openlmis('nominations/santeims.yaml', 'SanteIMS', [['repositories', 0, 'url'], server], editA),
      openlmis('nominations/santempi.yaml', 'SantéMPI', [['repositories', 0, 'url'], server], editB),
    ]);
    expect(findings.filter((f) => f.rule === 'registry/shared-repository')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'registry/duplicate' && f.message.startsWith('Repository')).map((f) => f.severity)).toEqual([
      'error',
      'error',
    ]);
  });
});

describe('registry/unique-slug', () => {
  it('reports two files with one slug in different folders, each naming the other', () => {
    const findings = registryFindings([
      openlmis('nominations/openlmis.yaml', 'OpenLMIS'),
      openlmis('nominations/zh/openlmis.yaml', 'OpenLMIS 中文'),
    ]).filter((f) => f.rule === 'registry/unique-slug');
    expect(findings.map((f) => [f.file, f.severity])).toEqual([
      ['nominations/openlmis.yaml', 'error'],
      ['nominations/zh/openlmis.yaml', 'error'],
    ]);
    expect(findings[0]!.message).toContain('"openlmis" is also the slug of nominations/zh/openlmis.yaml');
    expect(findings[1]!.message).toContain('is also the slug of nominations/openlmis.yaml');
  });

  it('compares slugs as build does, without the extension and letter case', () => {
    const findings = registryFindings([
      openlmis('nominations/openlmis.yaml', 'OpenLMIS'),
      openlmis('nominations/OpenLMIS.yml', 'OpenLMIS x'),
    ]).filter((f) => f.rule === 'registry/unique-slug');
    expect(findings).toHaveLength(2);
  });

  it('leaves distinct slugs alone', () => {
    expect(registryFindings([openlmis('nominations/openlmis.yaml', 'OpenLMIS'), openlmis('nominations/openmrs.yaml', 'OpenMRS')])).toEqual(
      [],
    );
  });
});

describe('registry rules on long lists', () => {
  it('compare two files with 40,000 aliases each in linear time', () => {
    const aliases = Array.from({ length: 40_000 }, (_, i) => (i % 2 ? `Alias ${i}` : 'Same alias'));
    const files = [
      openlmis('nominations/openlmis.yaml', 'OpenLMIS', [['aliases'], aliases]),
      openlmis('nominations/openmrs.yaml', 'OpenMRS', [['aliases'], aliases]),
    ];
    const started = performance.now();
    const findings = registryFindings(files).filter((f) => f.rule === 'registry/duplicate');
    expect(performance.now() - started).toBeLessThan(15_000);
    // Each alias of each file, named after the other file.
    expect(findings).toHaveLength(80_000);
    expect(findings[0]!.message).toContain('nominations/openmrs.yaml');
  }, 60_000);
});

describe('waivers on long lists', () => {
  it('applies the last of 40,000 waivers to 40,000 findings in linear time', () => {
    const waivers = Array.from({ length: 40_000 }, (_, i) => ({ rule: `sdg/unknown-${i}`, reason: 'Not a rule.', approvedBy: 'someone' }));
    waivers.push({ rule: 'url/https', reason: 'The site has no TLS yet.', approvedBy: 'maintainer' });
    const urls = Array.from({ length: 40_000 }, (_, i) => `http://docs.example.org/${i}`);
    const file = nomination('nominations/example-case-manager.yaml', [['waivers'], waivers], [['documentation', 'urls'], urls]);
    const started = performance.now();
    // Past the 1 MB a nomination may have: what is measured here is the rules, not the loader's limit.
    const [result] = validateSources([file], {
      config: DEFAULT_CONFIG,
      now: TEST_NOW,
      limits: { ...DEFAULT_LIMITS, maxFileBytes: 16 << 20 },
    });
    expect(performance.now() - started).toBeLessThan(15_000);
    const https = result!.diagnostics.filter((d) => d.ruleId === 'url/https');
    expect(https).toHaveLength(40_000);
    expect(https.every((d) => d.severity === 'info' && d.waived?.approvedBy === 'maintainer')).toBe(true);
  }, 60_000);
});
