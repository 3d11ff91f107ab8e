import { describe, expect, it } from 'vitest';
import { formatGithub } from '../src/formatters/github.js';
import { FORMATTERS } from '../src/formatters/index.js';
import { formatSarif } from '../src/formatters/sarif.js';
import { formatStylish } from '../src/formatters/stylish.js';
import type { FormatterOptions, RuleDocsInfo } from '../src/formatters/types.js';
import { summarise } from '../src/lint/engine.js';
import type { Diagnostic, FileResult } from '../src/core/types.js';

/** A fixed rule list, so that the snapshots do not change whenever a rule is added. */
const RULES: RuleDocsInfo[] = [
  { id: 'yaml/bom', description: 'The file should not start with a UTF-8 byte-order mark.', defaultSeverity: 'warning', indicator: null },
  {
    id: 'schema/unknown-key',
    description: 'Every key must be one the nomination schema defines.',
    defaultSeverity: 'error',
    indicator: null,
  },
  { id: 'sdg/evidence-required', description: 'Every SDG claimed must carry evidence.', defaultSeverity: 'error', indicator: '1' },
  {
    id: 'license/approved-for-category',
    description: 'Licences must be approved for the category.',
    defaultSeverity: 'error',
    indicator: '2',
  },
  { id: 'url/https', description: 'Evidence links use https.', defaultSeverity: 'warning', indicator: null },
  { id: 'lifecycle/review-current', description: 'A DPG is reviewed every year.', defaultSeverity: 'info', indicator: null },
];

const OPTIONS: FormatterOptions = {
  color: false,
  docsBaseUrl: 'https://example.org/dpg/docs/rules/',
  rules: RULES,
  version: '1.2.3',
};

function diagnostic(d: Partial<Diagnostic> & Pick<Diagnostic, 'ruleId' | 'severity' | 'message' | 'line'>): Diagnostic {
  return { indicator: null, path: '', column: 1, endLine: d.line, endColumn: (d.column ?? 1) + 5, ...d };
}

function fileResult(file: string, diagnostics: Diagnostic[]): FileResult {
  return {
    ...summarise(file, diagnostics, true),
    reviewNotes: [
      { indicator: '1', note: 'Is the evidence for each SDG convincing and specific to its targets?' },
      { indicator: '2', note: 'Does the licence evidence page really name the declared licence?' },
    ],
  };
}

/** Errors, warnings, an info, a waived finding, a fix, two files with problems and one clean file. */
const RESULTS: FileResult[] = [
  fileResult('nominations/alpha.yaml', [
    diagnostic({
      ruleId: 'schema/unknown-key',
      severity: 'error',
      message: 'Unknown key "stgae" in the nomination. Did you mean "stage"?',
      line: 3,
      path: '/stgae',
    }),
    diagnostic({
      ruleId: 'sdg/evidence-required',
      severity: 'info',
      indicator: '1',
      line: 12,
      column: 5,
      path: '/sdgs/0',
      message: 'SDG 4 has no evidence; add evidenceText explaining how the solution serves its targets, or an evidenceUrl.',
      waived: { reason: 'evidence agreed in the review call', approvedBy: 'maintainer' },
    }),
    diagnostic({
      ruleId: 'license/approved-for-category',
      severity: 'error',
      indicator: '2',
      line: 20,
      column: 11,
      path: '/licenses/0/spdx',
      message: '"CC-BY-ND-4.0" is a No-Derivatives licence; content must use CC BY, CC BY-SA, CC0, CC BY-NC or CC BY-NC-SA.',
    }),
    diagnostic({
      ruleId: 'url/https',
      severity: 'warning',
      indicator: '2',
      line: 21,
      column: 18,
      path: '/licenses/0/evidenceUrl',
      message: 'Use https:// for http://example.org/LICENSE.',
      fix: { description: 'replace http:// with https://', path: '/licenses/0/evidenceUrl', value: 'https://example.org/LICENSE' },
    }),
    diagnostic({
      ruleId: 'lifecycle/review-current',
      severity: 'info',
      line: 40,
      path: '/review',
      message: 'Recognition expires on 2027-05-04; renewal opens 45 days before.',
    }),
  ]),
  fileResult('nominations/beta.yaml', [
    diagnostic({
      ruleId: 'yaml/bom',
      severity: 'warning',
      line: 1,
      message: 'File starts with a UTF-8 byte-order mark; save it without one.',
    }),
  ]),
  fileResult('nominations/clean.yaml', []),
];

describe('formatters over one canonical result', () => {
  it.each(Object.keys(FORMATTERS))('%s', (name) => {
    expect(FORMATTERS[name]!(RESULTS, OPTIONS)).toMatchSnapshot();
  });

  it.each(Object.keys(FORMATTERS))('%s --quiet', (name) => {
    const output = FORMATTERS[name]!(RESULTS, { ...OPTIONS, quiet: true });
    if (name === 'json') return expect(output).toBe(FORMATTERS.json!(RESULTS, OPTIONS));
    expect(output).toMatchSnapshot();
    // SARIF lists every rule in its driver; only its results are filtered.
    const reported = name === 'sarif' ? JSON.stringify(JSON.parse(output).runs[0].results) : output;
    expect(reported).toContain('license/approved-for-category');
    expect(reported).not.toContain('url/https');
    expect(reported).not.toContain('yaml/bom');
  });

  it('are pure: the results are not changed', () => {
    const before = structuredClone(RESULTS);
    for (const format of Object.values(FORMATTERS)) format(RESULTS, OPTIONS);
    expect(RESULTS).toEqual(before);
  });
});

describe('stylish', () => {
  it('colours severities when asked', () => {
    const output = formatStylish(RESULTS, { ...OPTIONS, color: true });
    expect(output).toContain('\u001b[31merror  \u001b[39m');
    expect(output).toContain('\u001b[33mwarning\u001b[39m');
    expect(output).toContain('\u001b[4mnominations/alpha.yaml\u001b[24m');
  });

  it('has no escape codes without colour', () => {
    expect(formatStylish(RESULTS, OPTIONS)).not.toMatch(/\u001b\[/);
  });

  it('counts problems, mentions fixes and links the docs of the rules that fired', () => {
    const output = formatStylish(RESULTS, OPTIONS);
    expect(output).toContain('✖ 4 problems (2 errors, 2 warnings) in 3 files');
    expect(output).toContain('1 problem can be fixed automatically');
    expect(output).toContain('license/approved-for-category: https://example.org/dpg/docs/rules/license/approved-for-category.md');
    expect(output).toMatch(
      /^ {2}12:5 +info +SDG 4 has no evidence.*\(waived by maintainer: evidence agreed in the review call\) +sdg\/evidence-required$/m,
    );
    expect(output).not.toContain('nominations/clean.yaml');
  });

  it('says so when there is nothing to report', () => {
    expect(formatStylish([fileResult('nominations/clean.yaml', [])], OPTIONS)).toBe('✔ 1 file checked, no problems\n');
  });

  it('names the files checked besides nominations', () => {
    const files = ['nominations/a.yaml', 'nominations/b.yaml', 'reviews/a/amina.yaml', 'reviews/a/kwame.yaml', 'reviewers.yaml'];
    expect(
      formatStylish(
        files.map((f) => fileResult(f, [])),
        OPTIONS,
      ),
    ).toBe('✔ 5 files (2 nominations, 2 review records and reviewers.yaml) checked, no problems\n');
  });

  it('prints nothing with --quiet when there are only warnings', () => {
    const warned = fileResult('nominations/a.yaml', [
      diagnostic({ ruleId: 'url/https', severity: 'warning', message: 'Use https.', line: 3 }),
    ]);
    expect(formatStylish([warned], { ...OPTIONS, quiet: true })).toBe('');
    expect(formatStylish([fileResult('nominations/clean.yaml', [])], { ...OPTIONS, quiet: true })).toBe('');
  });
});

describe('github', () => {
  it('escapes data and properties as workflow commands require', () => {
    const output = formatGithub(
      [
        fileResult('nominations/a,b:c%.yaml', [
          diagnostic({ ruleId: 'schema/unknown-key', severity: 'error', line: 2, message: '100% wrong:\nsee, here\r' }),
        ]),
      ],
      OPTIONS,
    );
    expect(output).toBe(
      '::error file=nominations/a%2Cb%3Ac%25.yaml,line=2,col=1,endLine=2,endColumn=6,title=schema/unknown-key::' +
        '100%25 wrong:\\u000asee, here\\u000d (https://example.org/dpg/docs/rules/schema/unknown-key.md)\n',
    );
  });

  it('maps severities to error, warning and notice', () => {
    const levels = formatGithub(RESULTS, OPTIONS)
      .trimEnd()
      .split('\n')
      .map((l) => l.slice(2, l.indexOf(' ')));
    expect(levels).toEqual(['error', 'notice', 'error', 'warning', 'notice', 'warning']);
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatSarif(RESULTS, OPTIONS));
  const run = log.runs[0];
  const results = run.results as Array<Record<string, any>>;

  it('is a SARIF 2.1.0 log of one run', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'dpg', version: '1.2.3' });
  });

  it('maps severities to error, warning and note', () => {
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['schema/unknown-key', 'error'],
      ['sdg/evidence-required', 'note'],
      ['license/approved-for-category', 'error'],
      ['url/https', 'warning'],
      ['lifecycle/review-current', 'note'],
      ['yaml/bom', 'warning'],
    ]);
    expect(run.tool.driver.rules.map((r: { defaultConfiguration: { level: string } }) => r.defaultConfiguration.level)).toEqual([
      'warning',
      'error',
      'error',
      'error',
      'warning',
      'note',
    ]);
  });

  it('points each ruleIndex at its rule', () => {
    for (const r of results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(results.map((r) => r.ruleIndex)).toEqual([1, 2, 3, 4, 5, 0]);
  });

  it('gives every result its file and region', () => {
    expect(results[2]!.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'nominations/alpha.yaml' },
          region: { startLine: 20, startColumn: 11, endLine: 20, endColumn: 16 },
        },
      },
    ]);
    expect(results[5]!.locations[0].physicalLocation.artifactLocation.uri).toBe('nominations/beta.yaml');
  });

  it('records a waived finding as an in-source suppression, and only that one', () => {
    expect(results[1]!.suppressions).toEqual([
      { kind: 'inSource', justification: 'evidence agreed in the review call (approved by maintainer)' },
    ]);
    expect(results.filter((r) => r.suppressions)).toHaveLength(1);
  });

  it('leaves out ruleIndex for a rule it does not know', () => {
    const unknown = JSON.parse(
      formatSarif([fileResult('x.yaml', [diagnostic({ ruleId: 'other/rule', severity: 'error', line: 1, message: 'm' })])], OPTIONS),
    );
    expect(unknown.runs[0].results[0]).not.toHaveProperty('ruleIndex');
  });
});
