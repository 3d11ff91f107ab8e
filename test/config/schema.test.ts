import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { configSchema } from '../../src/config/schema.js';
import { AJV_OPTIONS } from '../../src/schema/ajv-options.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { CLI_MODES, REPO_ROOT, STACK_LINE, removeTempDirs, runCli, tempDir } from '../support/cli.js';
import { validNominationText } from '../support/nomination.js';

const RULES_DIR = path.join(REPO_ROOT, 'src', 'rules');
/** A rule's source reads its options when it touches `options.` or `options[` (context.options, a collect parameter). */
const READS_OPTIONS = /\boptions(\.|\[)/;

describe('rule option schemas', () => {
  const sources = ALL_RULES.map((rule) => ({ rule, source: readFileSync(path.join(RULES_DIR, `${rule.id}.ts`), 'utf8') }));

  it('finds the rules that read options', () => {
    expect(sources.filter(({ source }) => READS_OPTIONS.test(source)).map(({ rule }) => rule.id)).toContain('sdg/max-goals');
  });

  it.each(sources.map(({ rule, source }) => ({ id: rule.id, rule, source })))(
    '$id: declares a schema for every option it reads',
    ({ rule, source }) => {
      const reads = READS_OPTIONS.test(source.replace(/defaultOptions|optionsSchema/g, ''));
      if (!reads && rule.defaultOptions === undefined) {
        expect(rule.optionsSchema).toBeUndefined();
        return;
      }
      expect(rule.optionsSchema, `${rule.id} reads options, so it needs an optionsSchema`).toMatchObject({
        type: 'object',
        additionalProperties: false,
      });
      expect(rule.defaultOptions, `${rule.id} reads options, so it needs defaultOptions`).toBeDefined();
      const validate = new Ajv2020({ ...AJV_OPTIONS }).compile(rule.optionsSchema!);
      expect(validate(rule.defaultOptions), JSON.stringify(validate.errors)).toBe(true);
      expect(Object.keys(rule.defaultOptions!).sort()).toEqual(Object.keys(rule.optionsSchema!.properties as object).sort());
    },
  );
});

describe('schemas/config.schema.json', () => {
  it('is the configuration schema of the registered rules (regenerate with `npx vitest run -u test/config`)', async () => {
    await expect(`${JSON.stringify(configSchema(ALL_RULES), null, 2)}\n`).toMatchFileSnapshot('../../schemas/config.schema.json');
  });

  it('is what the built code validates with, precompiled, without loading the schema compiler', () => {
    const script = `
      const { parseConfig } = await import('./dist/config/config.js');
      const { validatorOrigin } = await import('./dist/schema/validate.js');
      const { ALL_RULES } = await import('./dist/rules/index.js');
      parseConfig('preset: strict\\n', ALL_RULES);
      let problems = 0;
      try { parseConfig('rules:\\n  sdg/max-goals: [warning, { max: eight }]\\n', ALL_RULES); } catch (err) { problems = err.problems.length; }
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      process.stdout.write(JSON.stringify({ origin: validatorOrigin('config'), problems, compiler: loaded.filter((f) => /ajv[\\\\/]dist[\\\\/](compile|core|2020)/.test(f)) }));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' }),
    ) as unknown;
    expect(out).toEqual({ origin: 'precompiled', problems: 1, compiler: [] });
  });
});

describe('dpg validate with a bad configuration', () => {
  afterEach(removeTempDirs);

  it.each(CLI_MODES)('exits 2 naming the file, line, rule and option (%s)', async (mode) => {
    const cwd = tempDir({
      'nominations/example-case-manager.yaml': validNominationText(),
      'dpg.config.yaml': 'preset: strict\nrules:\n  sdg/max-goals: [warning, { max: eight }]\n  url/htps: off\n',
    });
    const run = await runCli(mode, ['validate'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'dpg: dpg.config.yaml has 2 problems (see docs/configuration.md):',
        '  dpg.config.yaml:3:35  option max of rule sdg/max-goals must be a whole number from 1 to 17, not the text "eight".',
        '  dpg.config.yaml:4:3  unknown rule "url/htps". Did you mean "url/https"? Run `dpg rules` to list them.',
        '',
      ].join('\n'),
    );
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).not.toContain('internal');
  });
});
