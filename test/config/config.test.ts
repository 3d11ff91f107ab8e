import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, parseConfig, ruleSetting, type Config } from '../../src/config/config.js';
import { UsageError } from '../../src/core/errors.js';
import { ALL_RULES, findRule } from '../../src/rules/index.js';
import { DEFAULT_ONLINE_SETTINGS } from '../../src/config/online.js';
import { validateYaml } from '../support/validate.js';
import { withEdits } from '../support/nomination.js';

const rule = (id: string) => findRule(id)!;

function problemsOf(yaml: string): Array<{ line: number; column: number; message: string }> {
  try {
    parseConfig(yaml, ALL_RULES);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map(({ line, column, message }) => ({ line, column, message }));
  }
  throw new Error('the configuration was accepted');
}

describe('good configurations', () => {
  it.each([
    { name: 'an empty file', yaml: '', expected: {} },
    { name: 'only comments', yaml: '# nothing set\n', expected: {} },
    { name: 'the preset', yaml: 'preset: strict\n', expected: { preset: 'strict' } },
    { name: 'the registry folder', yaml: 'registry: records\n', expected: { registry: 'records' } },
    {
      name: 'a docs address without its slash',
      yaml: 'docsBaseUrl: https://example.org/rules\n',
      expected: { docsBaseUrl: 'https://example.org/rules/' },
    },
    { name: 'allowed paths', yaml: 'allowedPaths: [docs/**, README.md]\n', expected: { allowedPaths: ['docs/**', 'README.md'] } },
    { name: 'part of review', yaml: 'review:\n  minReviews: 3\n', expected: { review: { ...DEFAULT_CONFIG.review, minReviews: 3 } } },
    {
      name: 'online with a duration',
      yaml: 'online: { cacheTtl: 7d, timeoutMs: 500 }\n',
      expected: { online: { ...DEFAULT_ONLINE_SETTINGS, cacheTtlMs: 604_800_000, timeoutMs: 500 } },
    },
    {
      name: 'online with a cache ttl of 0',
      yaml: 'online: { cacheTtl: 0 }\n',
      expected: { online: { ...DEFAULT_ONLINE_SETTINGS, cacheTtlMs: 0 } },
    },
    {
      name: 'every form of a rule setting',
      yaml: 'rules:\n  url/https: off\n  sdg/max-goals: [error, { max: 5 }]\n  identity/generic-alias: { options: { minLength: 4 } }\n  sdg/evidence-required: [info]\n',
      expected: {
        rules: {
          'url/https': { severity: 'off' },
          'sdg/max-goals': { severity: 'error', options: { max: 5 } },
          'identity/generic-alias': { options: { minLength: 4 } },
          'sdg/evidence-required': { severity: 'info' },
        },
      },
    },
  ])('$name', ({ yaml, expected }) => {
    expect(parseConfig(yaml, ALL_RULES)).toMatchObject({ ...DEFAULT_CONFIG, ...expected });
  });

  it("resolves every rule's severity and options once, as the object the engine reads", () => {
    const config = parseConfig('preset: strict\nrules:\n  sdg/max-goals: [error, { max: 5 }]\n  url/https: info\n', ALL_RULES);
    expect(Object.keys(config.settings ?? {})).toEqual(ALL_RULES.map((r) => r.id));
    expect(config.settings?.['sdg/max-goals']).toEqual({ severity: 'error', options: { max: 5 } });
    expect(config.settings?.['url/https']).toEqual({ severity: 'info', options: {} });
    // strict: a warning by default becomes an error; defaults fill the options not set.
    expect(config.settings?.['identity/generic-alias']).toMatchObject({ severity: 'error', options: { minLength: 3 } });
    for (const r of ALL_RULES) expect(ruleSetting(r, config)).toBe(config.settings?.[r.id]);
    // Plain data: it crosses to worker threads and into the results cache's fingerprint unchanged.
    expect(JSON.parse(JSON.stringify(config.settings))).toEqual(config.settings);
  });

  it('still resolves a configuration built in code, without settings', () => {
    const config: Config = { ...DEFAULT_CONFIG, rules: { 'sdg/max-goals': { options: { max: 2 } } } };
    expect(ruleSetting(rule('sdg/max-goals'), config)).toEqual({ severity: 'warning', options: { max: 2 } });
  });
});

describe('bad configurations', () => {
  it.each([
    {
      name: 'an unknown top-level key, with a suggestion',
      yaml: 'prest: strict\n',
      expected: [{ line: 1, column: 1, message: 'unknown key "prest". Did you mean "preset"?' }],
    },
    {
      name: 'an unknown key without a near miss lists the keys',
      yaml: 'colour: red\n',
      expected: [{ line: 1, column: 1, message: expect.stringMatching(/^unknown key "colour". Keys: preset, registry, docsBaseUrl, /) }],
    },
    {
      name: 'an unknown nested key',
      yaml: 'review:\n  minReview: 2\n',
      expected: [{ line: 2, column: 3, message: 'review has no key "minReview". Did you mean "minReviews"?' }],
    },
    {
      name: 'an unknown rule id',
      yaml: 'rules:\n  sdg/max-goal: off\n',
      expected: [
        { line: 2, column: 3, message: 'unknown rule "sdg/max-goal". Did you mean "sdg/max-goals"? Run `dpg rules` to list them.' },
      ],
    },
    {
      name: 'a bad severity, in each form',
      yaml: 'rules:\n  url/https: warn\n  sdg/max-goals: [fatal]\n  sdg/evidence-required: { severity: 2 }\n',
      expected: [
        {
          line: 2,
          column: 14,
          message: 'the severity of rule url/https must be one of off, info, warning, error, not "warn". Did you mean "warning"?',
        },
        { line: 3, column: 19, message: 'the severity of rule sdg/max-goals must be one of off, info, warning, error, not "fatal".' },
        { line: 4, column: 38, message: 'the severity of rule sdg/evidence-required must be one of off, info, warning, error, not 2.' },
      ],
    },
    {
      name: 'a bad option of a rule',
      yaml: 'rules:\n  sdg/max-goals: [warning, { max: "eight" }]\n',
      expected: [
        { line: 2, column: 35, message: 'option max of rule sdg/max-goals must be a whole number from 1 to 17, not the text "eight".' },
      ],
    },
    {
      name: 'an option out of range, in the mapping form',
      yaml: 'rules:\n  sdg/max-goals:\n    options:\n      max: 40\n',
      expected: [{ line: 4, column: 12, message: 'option max of rule sdg/max-goals must be a whole number from 1 to 17, not number 40.' }],
    },
    {
      name: 'an unknown option, with a suggestion',
      yaml: 'rules:\n  identity/generic-alias: [warning, { minLenght: 2 }]\n',
      expected: [{ line: 2, column: 39, message: 'rule identity/generic-alias has no option "minLenght". Did you mean "minLength"?' }],
    },
    {
      name: 'an option of a rule that takes none',
      yaml: 'rules:\n  url/https: [warning, { strict: true }]\n',
      expected: [{ line: 2, column: 26, message: 'rule url/https has no option "strict". It takes no options.' }],
    },
    {
      name: 'a setting list of three',
      yaml: 'rules:\n  url/https: [warning, {}, 3]\n',
      expected: [
        { line: 2, column: 14, message: 'rule url/https: write a severity, [severity] or [severity, {options}], not a list of 3.' },
      ],
    },
    {
      name: 'several problems at once, in the order of the file',
      yaml: [
        'preset: lenient',
        'registry: ""',
        'docsBaseUrl: ftp://example.org/',
        'rules:',
        '  sdg/max-goals: [warning, { max: eight }]',
        'online:',
        '  timeoutMs: 0',
        '  cacheTtl: soon',
        '  denyHosts: ["http://a.example/"]',
        'review: { minReviews: -1 }',
      ].join('\n'),
      expected: [
        { line: 1, column: 9, message: 'preset must be one of recommended, strict, not "lenient".' },
        { line: 2, column: 11, message: 'registry must be a folder path, not the text "".' },
        { line: 3, column: 14, message: 'docsBaseUrl must be an http(s) URL, not the text "ftp://example.org/".' },
        { line: 5, column: 35, message: 'option max of rule sdg/max-goals must be a whole number from 1 to 17, not the text "eight".' },
        { line: 7, column: 14, message: 'online.timeoutMs must be a whole number from 1 to 600000, not number 0.' },
        { line: 8, column: 13, message: 'online.cacheTtl must be a duration such as 24h, 30m or 7d, not the text "soon".' },
        {
          line: 9,
          column: 15,
          message:
            'online.denyHosts must be a list of host names (e.g. registry.example.org or *.example.org); online.denyHosts[0] is the text "http://a.example/".',
        },
        { line: 10, column: 23, message: 'review.minReviews must be a whole number from 0 to 100, not number -1.' },
      ],
    },
    {
      name: 'not a mapping',
      yaml: '- preset\n',
      expected: [{ line: 1, column: 1, message: 'the configuration must be a mapping (key: value lines), not a list.' }],
    },
    {
      name: 'broken YAML',
      yaml: 'preset: strict\nrules: [\n',
      expected: [{ line: 3, column: 1, message: expect.stringMatching(/^not valid YAML: /) }],
    },
    {
      name: 'a repeated key',
      yaml: 'preset: strict\npreset: recommended\n',
      expected: [{ line: 2, column: 1, message: expect.stringMatching(/^not valid YAML: Map keys must be unique/) }],
    },
  ])('$name', ({ yaml, expected }) => {
    expect(problemsOf(yaml)).toEqual(expected);
  });

  it('lists every problem in the message, each with the file, line and column', () => {
    const yaml = 'prest: strict\nrules:\n  sdg/max-goals: [warning, { max: "eight" }]\n';
    expect(() => parseConfig(yaml, ALL_RULES, 'conf/dpg.config.yaml')).toThrow(UsageError);
    expect(() => parseConfig(yaml, ALL_RULES, 'conf/dpg.config.yaml')).toThrow(
      [
        'conf/dpg.config.yaml has 2 problems (see docs/configuration.md):',
        '  conf/dpg.config.yaml:1:1  unknown key "prest". Did you mean "preset"?',
        '  conf/dpg.config.yaml:3:35  option max of rule sdg/max-goals must be a whole number from 1 to 17, not the text "eight".',
      ].join('\n'),
    );
  });

  it('refuses an alias bomb with a problem, not a hang or a crash', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    expect(problemsOf(bomb)).toEqual([{ line: 1, column: 1, message: expect.stringMatching(/^not valid YAML: /) }]);
  });

  it('makes a bad rule option a configuration error, never an internal/rule-error on each file', () => {
    expect(() => parseConfig('rules:\n  sdg/max-goals: [warning, { max: eight }]\n', ALL_RULES)).toThrow(ConfigError);
    // The same option, once accepted, reaches the rule as configured.
    const config = parseConfig('rules:\n  sdg/max-goals: [warning, { max: 2 }]\n', ALL_RULES);
    const result = validateYaml(withEdits([['sdgs'], [1, 4, 10].map((goal) => ({ goal, evidenceText: 'Serves it.' }))]), { config });
    expect(result.diagnostics.map((d) => d.ruleId)).toContain('sdg/max-goals');
    expect(result.diagnostics.map((d) => d.ruleId)).not.toContain('internal/rule-error');
  });
});
