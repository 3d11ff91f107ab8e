import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { fixFiles, type FixingFile } from '../../src/fix/loop.js';
import { validateSources } from '../../src/lint/engine.js';
import type { FileResult } from '../../src/core/types.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { validNominationText } from '../support/nomination.js';
import { TEST_NOW } from '../support/validate.js';

const FILE = 'nominations/example-case-manager.yaml';
const FIXABLE = ALL_RULES.filter((r) => r.fixable)
  .map((r) => r.id)
  .sort();

/** Spellings of countries, canonical and not, some naming the same country as another (Tanzania, TZ). */
const COUNTRIES = [
  'Germany',
  'DE',
  'Deutschland',
  'India',
  'IN',
  'Israel',
  'United Republic of Tanzania',
  'TZ',
  'Tanzania',
  'Kenya',
  'KE',
  'USA',
  'US',
];

/** Edits of the valid nomination that make each fixable rule fire, in any combination. */
const fixableText = fc
  .record({
    http: fc.boolean(),
    deprecated: fc.constantFrom('GPL-3.0-only', 'GPL-3.0', 'GPL-2.0+', 'LGPL-2.1'),
    contentLicence: fc.boolean(),
    development: fc.array(fc.constantFrom(...COUNTRIES), { minLength: 1, maxLength: 6 }),
    deployment: fc.array(fc.constantFrom(...COUNTRIES), { maxLength: 6 }),
    block: fc.boolean(),
    organisationCountry: fc.constantFrom('Germany', 'DE', 'Deutschland'),
  })
  .map((c) => {
    const list = (items: string[]) => (c.block ? '\n' + items.map((i) => `    - ${i}  # ${i}`).join('\n') : ` [${items.join(', ')}]`);
    let text = validNominationText()
      .replace(
        '  development: [Germany, India, Israel]',
        `  development:${list(c.development)}${c.deployment.length ? `\n  deployment:${list(c.deployment)}` : ''}`,
      )
      .replace('  - spdx: GPL-3.0-only\n', `  - spdx: ${c.deprecated}\n`);
    if (c.http) text = text.replace('website: https://www.aam-digital.com\ncategories', 'website: http://www.aam-digital.com\ncategories');
    if (c.contentLicence)
      text = text.replace('\n# Indicator 3', '  - spdx: CC-BY-4.0\n    evidenceUrl: https://example.org/LICENSE-docs\n\n# Indicator 3');
    return text.replace(/^(\s+country: )Germany$/m, `$1${c.organisationCountry}`);
  });

function validate(files: FixingFile[]): FileResult[] {
  return validateSources(
    files.map((f) => ({ file: FILE, content: f.text! })),
    { config: DEFAULT_CONFIG, now: TEST_NOW },
  );
}

describe('dpg fix never makes a file worse', () => {
  it('applying the fixes never increases the error count, for every fixable rule', () => {
    const appliedRules = new Set<string>();
    fc.assert(
      fc.property(fixableText, (text) => {
        const files: FixingFile[] = [{ text, applied: [] }];
        const before = validate(files)[0]!;
        const after = fixFiles(files, () => validate(files))[0]!;
        expect(after.errorCount).toBeLessThanOrEqual(before.errorCount);
        // What was reported is what the fixed text gives.
        expect(validate(files)[0]!.errorCount).toBe(after.errorCount);
        for (const d of files[0]!.applied) appliedRules.add(d.ruleId);
      }),
      { numRuns: 60, seed: 20260101 },
    );
    // The generator reaches every rule that has a fix, so the property covers them all.
    expect([...appliedRules].sort()).toEqual(FIXABLE);
  });

  it('drops a country code whose name the list holds instead of listing the country twice', () => {
    const text = validNominationText().replace('development: [Germany, India, Israel]', 'development: [Germany, India, Israel, DE]');
    const files: FixingFile[] = [{ text, applied: [] }];
    const results = fixFiles(files, () => validate(files));
    expect(files[0]!.text).toBe(validNominationText());
    expect(files[0]!.applied.map((d) => d.fix!.description)).toEqual(['remove "DE" ("Germany" is already listed)']);
    expect(results[0]!.errorCount).toBe(0);
  });
});

describe('fixFiles', () => {
  // A stand-in validation of a flow list: each "bad" is an error, each "old" has a fix to "new", and a second "new" is an error.
  function run(text: string): { files: FixingFile[]; results: FileResult[] } {
    const files: FixingFile[] = [{ text, applied: [] }];
    const check = (): FileResult[] => {
      const words = files[0]!.text!.match(/\w+/g) ?? [];
      const diagnostics = words.flatMap((w, i) =>
        w === 'old'
          ? [
              {
                ruleId: 'x/old',
                indicator: null,
                severity: 'warning' as const,
                message: '',
                path: `/${i}`,
                line: 1,
                column: 1,
                endLine: 1,
                endColumn: 1,
                fix: { description: 'old to new', path: `/${i}`, value: 'new' },
              },
            ]
          : [],
      );
      const errorCount = words.filter((w) => w === 'bad').length + Math.max(0, words.filter((w) => w === 'new').length - 1);
      return [
        {
          file: FILE,
          diagnostics,
          indicators: {} as FileResult['indicators'],
          reviewNotes: [],
          errorCount,
          warningCount: diagnostics.length,
        },
      ];
    };
    return { files, results: fixFiles(files, check) };
  }

  it.each([
    { name: 'keeps fixes that add no error', text: '[old, bad, x]', expected: '[new, bad, x]', errors: 1, applied: 1 },
    {
      name: 'keeps only the fixes that add no error when the pass as a whole adds one',
      text: '[old, old]',
      expected: '[new, old]',
      errors: 0,
      applied: 1,
    },
    { name: 'keeps none when each adds an error', text: '[new, old]', expected: '[new, old]', errors: 0, applied: 0 },
  ])('$name', ({ text, expected, errors, applied }) => {
    const { files, results } = run(text);
    expect(files[0]!.text).toBe(expected);
    expect(results[0]!.errorCount).toBe(errors);
    expect(files[0]!.applied).toHaveLength(applied);
  });
});
