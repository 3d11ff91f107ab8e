import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig } from '../src/config/config.js';
import { UsageError } from '../src/core/errors.js';
import { analyseContext, validateSources } from '../src/lint/engine.js';
import { ALL_RULES } from '../src/rules/index.js';
import { hits, TEST_NOW, validateYaml } from './support/validate.js';
import { lineOf, validNominationText, withEdits } from './support/nomination.js';

describe('engine', () => {
  it('gives the same results against a context analysed once as against its sources, again and again', () => {
    const named = (name: string, url: string) => withEdits([['name'], name], [['repositories', 0, 'url'], url]);
    const context = [
      { file: 'nominations/alpha.yaml', content: named('Alpha', 'https://github.com/org/alpha') },
      { file: 'nominations/beta.yaml', content: named('Beta', 'https://github.com/org/beta') },
    ];
    const options = { config: DEFAULT_CONFIG, now: TEST_NOW };
    const analysedContext = analyseContext(context, options);
    for (const target of [
      { file: 'nominations/gamma.yaml', content: named('Alpha', 'https://github.com/org/beta') },
      { file: 'nominations/gamma.yaml', content: named('Gamma', 'https://github.com/org/gamma') },
      // A target named like a context file stands for it, as it does with the sources.
      { file: 'nominations/alpha.yaml', content: named('Beta', 'https://github.com/org/alpha') },
    ]) {
      const expected = validateSources([target], { ...options, context });
      expect(validateSources([target], { ...options, analysedContext })).toEqual(expected);
    }
    expect(
      validateSources([{ file: 'nominations/gamma.yaml', content: named('Alpha', 'https://github.com/org/beta') }], {
        ...options,
        analysedContext,
      })[0]!.diagnostics.filter((d) => d.ruleId === 'registry/duplicate'),
    ).toHaveLength(2);
  });

  it('passes the canonical valid nomination with every indicator green', () => {
    const result = validateYaml(validNominationText());
    expect(result.diagnostics).toEqual([]);
    expect(Object.values(result.indicators).every((s) => s === 'pass')).toBe(true);
  });

  it('reports an unknown key at the key, with a suggestion', () => {
    const yaml = validNominationText().replace('stage: nominee', 'stgae: nominee');
    const result = validateYaml(yaml);
    const unknown = result.diagnostics.find((d) => d.ruleId === 'schema/unknown-key')!;
    expect(unknown).toMatchObject({ line: lineOf(yaml, 'stgae'), column: 1, message: expect.stringContaining('Did you mean "stage"?') });
  });

  it('suggests the enum value a word extends or abbreviates', () => {
    const yaml = withEdits([['categories'], ['dataset']]);
    const result = validateYaml(yaml);
    expect(result.diagnostics.find((d) => d.ruleId === 'schema/enum')).toMatchObject({
      message: expect.stringContaining('Did you mean "data"?'),
    });
  });

  it('reports a missing follow-up at its parent and names the condition', () => {
    const yaml = withEdits([['platformIndependence', 'hasClosedComponents'], true]);
    const result = validateYaml(yaml);
    expect(hits(result)).toEqual([{ rule: 'schema/required', line: lineOf(yaml, 'platformIndependence:') }]);
    expect(result.diagnostics[0]!.message).toContain('hasClosedComponents is true');
    expect(result.indicators['4']).toBe('fail');
  });

  it('turns a waived finding into information', () => {
    const yaml = withEdits(
      [['sdgs', 0, 'evidenceText'], undefined],
      [['waivers'], [{ rule: 'sdg/evidence-required', reason: 'evidence agreed in review', approvedBy: 'maintainer' }]],
    );
    const result = validateYaml(yaml);
    expect(result.errorCount).toBe(0);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'sdg/evidence-required', severity: 'info', waived: expect.any(Object) }),
    ]);
  });
});

describe('syntax errors', () => {
  it.each([
    { name: 'an unclosed double quote', edit: 'description: "Open source case management' },
    { name: 'an unclosed single quote', edit: "description: 'Open source case management" },
  ])('reports $name at the quote that was left open, not at the end of the file', ({ edit }) => {
    const yaml = validNominationText().replace(/^description: .*$/m, edit);
    const result = validateYaml(yaml);
    expect(hits(result)).toEqual([{ rule: 'yaml/syntax', line: lineOf(yaml, edit) }]);
    expect(result.diagnostics[0]!.column).toBe('description: '.length + 1);
  });
});

describe('severity presets', () => {
  const httpWebsite = () => withEdits([['website'], 'http://www.aam-digital.com']);

  it('keeps warnings as warnings under the recommended preset', () => {
    const result = validateYaml(httpWebsite());
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([['url/https', 'warning']]);
  });

  it('makes warnings errors under the strict preset, unless a rule setting says otherwise', () => {
    const strict = parseConfig('preset: strict\n', ALL_RULES);
    expect(validateYaml(httpWebsite(), { config: strict }).diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ['url/https', 'error'],
    ]);
    const relaxed = parseConfig('preset: strict\nrules:\n  url/https: warning\n', ALL_RULES);
    expect(validateYaml(httpWebsite(), { config: relaxed }).diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ['url/https', 'warning'],
    ]);
  });

  it('rejects an unknown preset as a usage error', () => {
    expect(() => parseConfig('preset: lenient\n', ALL_RULES)).toThrow(UsageError);
  });
});
