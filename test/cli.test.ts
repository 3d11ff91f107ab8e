import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_RULES } from '../src/rules/index.js';
import type { FileResult } from '../src/core/types.js';
import { VERSION } from '../src/core/version.js';
import { CLI_MODES, REPO_ROOT, STACK_LINE, removeTempDirs, runCli, tempDir, type CliRun } from './support/cli.js';
import { lineOf, validNominationText, withEdits } from './support/nomination.js';

const VALID = validNominationText();
/** The registry file name matching the canonical nomination's name (registry/filename-slug). */
const VALID_FILE = 'nominations/example-case-manager.yaml';

/** The canonical nomination under another name and repository, so that it is neither misnamed nor a duplicate. */
function namedVariant(name: string, slug: string): string {
  return VALID.replace(/^name: .*$/m, `name: ${name}`).replaceAll('example-org/case-manager', `example-org/${slug}`);
}

const BAD_FILE = 'nominations/broken-case-manager.yaml';
const BAD = namedVariant('Broken Case Manager', 'broken-case-manager').replace('stage: nominee', 'stgae: nominee');
const BAD_LINE = lineOf(BAD, 'stgae');
/** The missing `stage` is reported where the document's content starts. */
const MISSING_STAGE_LINE = lineOf(BAD, 'name:');
const BOM_FILE = 'nominations/bom-case-manager.yaml';
const BOM = '\uFEFF' + namedVariant('BOM Case Manager', 'bom-case-manager');
const NO_EVIDENCE = withEdits([['sdgs', 0, 'evidenceText'], undefined]);
const NO_EVIDENCE_LINE = lineOf(NO_EVIDENCE, 'goal: 1');
const ANSI = /\u001b\[\d+m/;

interface CliCase {
  name: string;
  files?: Record<string, string>;
  args: string[];
  env?: Record<string, string>;
  code: number;
  check(run: CliRun): void;
}

/** A stylish line for one problem: `  <line>:<col>  <severity>  <message>  <rule id>`. */
function stylishLine(line: number, severity: string, rule: string): RegExp {
  return new RegExp(`^\\s+${line}:\\d+\\s+${severity}\\s+.*\\s${rule.replace('/', '\\/')}$`, 'm');
}

function parseJsonResults(stdout: string): FileResult[] {
  return JSON.parse(stdout) as FileResult[];
}

function jsonHits(results: FileResult[]): Array<{ file: string; rule: string; line: number }> {
  return results.flatMap((r) => r.diagnostics.map((d) => ({ file: r.file, rule: d.ruleId, line: d.line })));
}

const cases: CliCase[] = [
  {
    name: 'validate: a valid file passes',
    files: { [VALID_FILE]: VALID },
    args: ['validate', VALID_FILE],
    code: 0,
    check: ({ stdout, stderr }) => {
      expect(stdout).toBe('✔ 1 file checked, no problems\n');
      expect(stderr).toBe('');
    },
  },
  {
    name: 'validate: an invalid file fails with each problem at its line',
    files: { [BAD_FILE]: BAD },
    args: ['validate', BAD_FILE],
    code: 1,
    check: ({ stdout }) => {
      expect(stdout).toMatch(/^nominations\/broken-case-manager\.yaml$/m);
      expect(stdout).toMatch(stylishLine(BAD_LINE, 'error', 'schema/unknown-key'));
      expect(stdout).toMatch(stylishLine(MISSING_STAGE_LINE, 'error', 'schema/required'));
      expect(stdout).toContain('Did you mean "stage"?');
      expect(stdout).toContain('✖ 2 problems (2 errors, 0 warnings) in 1 file');
    },
  },
  {
    name: 'validate: an unknown option is a usage error',
    args: ['validate', '--bogus'],
    code: 2,
    check: ({ stderr }) => expect(stderr).toContain("unknown option '--bogus'"),
  },
  {
    name: 'validate: an unknown command is a usage error',
    args: ['valdate'],
    code: 2,
    check: ({ stderr }) => expect(stderr).toContain("unknown command 'valdate'"),
  },
  {
    name: 'validate: a missing file is a usage error',
    args: ['validate', 'nominations/missing.yaml'],
    code: 2,
    check: ({ stdout, stderr }) => {
      expect(stderr).toBe('dpg: No such file or no match: nominations/missing.yaml\n');
      expect(stdout).toBe('');
    },
  },
  {
    name: '--format json: one result per file with its diagnostics',
    files: { [VALID_FILE]: VALID, [BAD_FILE]: BAD },
    args: ['validate', '--format', 'json', BAD_FILE, VALID_FILE],
    code: 1,
    check: ({ stdout }) => {
      const results = parseJsonResults(stdout);
      expect(results.map((r) => r.file)).toEqual([BAD_FILE, VALID_FILE]);
      expect(jsonHits(results)).toEqual([
        { file: BAD_FILE, rule: 'schema/required', line: MISSING_STAGE_LINE },
        { file: BAD_FILE, rule: 'schema/unknown-key', line: BAD_LINE },
      ]);
      expect(results[0]).toMatchObject({ errorCount: 2, warningCount: 0 });
      expect(results[1]).toMatchObject({ errorCount: 0, diagnostics: [] });
    },
  },
  {
    name: '--format sarif: a SARIF 2.1.0 log with rule ids and regions',
    files: { [BAD_FILE]: BAD },
    args: ['validate', '--format', 'sarif', BAD_FILE],
    code: 1,
    check: ({ stdout }) => {
      const log = JSON.parse(stdout);
      expect(log.version).toBe('2.1.0');
      expect(log.runs).toHaveLength(1);
      const run = log.runs[0];
      expect(run.tool.driver).toMatchObject({ name: 'dpg', version: VERSION });
      const results = run.results as Array<Record<string, any>>;
      expect(results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine])).toEqual([
        ['schema/required', 'error', MISSING_STAGE_LINE],
        ['schema/unknown-key', 'error', BAD_LINE],
      ]);
      for (const r of results) {
        expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe(BAD_FILE);
        expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      }
    },
  },
  {
    name: '--format github: one workflow command per problem',
    files: { [BAD_FILE]: BAD },
    args: ['validate', '--format', 'github', BAD_FILE],
    code: 1,
    check: ({ stdout }) => {
      const lines = stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(
        new RegExp(
          `^::error file=nominations/broken-case-manager\\.yaml,line=${BAD_LINE},col=1,endLine=${BAD_LINE},endColumn=6,title=schema/unknown-key::Unknown key "stgae"`,
        ),
      );
      expect(lines[1]).toContain('docs/rules/schema/unknown-key.md');
    },
  },
  {
    name: '--format stylish: the default terminal output',
    files: { [BAD_FILE]: BAD },
    args: ['validate', '--format', 'stylish', BAD_FILE],
    code: 1,
    check: ({ stdout }) => {
      expect(stdout).toMatch(stylishLine(BAD_LINE, 'error', 'schema/unknown-key'));
      expect(stdout).toContain('schema/unknown-key: https://github.com/dpg-registry/dpg/blob/main/docs/rules/schema/unknown-key.md');
    },
  },
  {
    name: '--format: an unknown format is a usage error',
    files: { [VALID_FILE]: VALID },
    args: ['validate', '--format', 'xml', VALID_FILE],
    code: 2,
    check: ({ stderr }) => expect(stderr).toContain("argument 'xml' is invalid"),
  },
  {
    name: 'validate: warnings alone pass',
    files: { [BOM_FILE]: BOM },
    args: ['validate', BOM_FILE],
    code: 0,
    check: ({ stdout }) => {
      expect(stdout).toMatch(stylishLine(1, 'warning', 'yaml/bom'));
      expect(stdout).toContain('(0 errors, 1 warning)');
    },
  },
  {
    name: '--quiet: errors only',
    files: { [BOM_FILE]: BOM, [BAD_FILE]: BAD },
    args: ['validate', '--quiet', BOM_FILE, BAD_FILE],
    code: 1,
    check: ({ stdout }) => {
      expect(stdout).toMatch(stylishLine(BAD_LINE, 'error', 'schema/unknown-key'));
      expect(stdout).not.toContain('yaml/bom');
      expect(stdout).not.toContain(BOM_FILE);
    },
  },
  {
    name: '--max-warnings 0: one warning fails the run',
    files: { [BOM_FILE]: BOM },
    args: ['validate', '--max-warnings', '0', BOM_FILE],
    code: 1,
    check: ({ stdout, stderr }) => {
      expect(stdout).toMatch(stylishLine(1, 'warning', 'yaml/bom'));
      expect(stderr).toBe('dpg: 1 warnings, more than the 0 allowed by --max-warnings.\n');
    },
  },
  {
    name: '--max-warnings 1: one warning is allowed',
    files: { [BOM_FILE]: BOM },
    args: ['validate', '--max-warnings', '1', BOM_FILE],
    code: 0,
    check: ({ stdout, stderr }) => {
      expect(stdout).toMatch(stylishLine(1, 'warning', 'yaml/bom'));
      expect(stderr).toBe('');
    },
  },
  {
    name: '--max-warnings: a value that is not a number is a usage error',
    files: { [BOM_FILE]: BOM },
    args: ['validate', '--max-warnings', 'many', BOM_FILE],
    code: 2,
    check: ({ stderr }) => expect(stderr).toContain('--max-warnings must be a whole number, not "many"'),
  },
  {
    name: 'colour: FORCE_COLOR colours the output',
    files: { [BAD_FILE]: BAD },
    args: ['validate', BAD_FILE],
    env: { FORCE_COLOR: '1' },
    code: 1,
    check: ({ stdout }) => {
      expect(stdout).toMatch(ANSI);
      expect(stdout).toContain('schema/unknown-key');
    },
  },
  {
    name: '--no-color: no colour even when FORCE_COLOR asks for it',
    files: { [BAD_FILE]: BAD },
    args: ['validate', '--no-color', BAD_FILE],
    env: { FORCE_COLOR: '1' },
    code: 1,
    check: ({ stdout }) => {
      expect(stdout).not.toMatch(ANSI);
      expect(stdout).toMatch(stylishLine(BAD_LINE, 'error', 'schema/unknown-key'));
    },
  },
  {
    name: 'rules: every rule with its severity and docs link',
    args: ['rules'],
    code: 0,
    check: ({ stdout }) => {
      for (const rule of ALL_RULES) {
        expect(stdout).toMatch(new RegExp(`^${rule.id.replace('/', '\\/')}\\s+(-|#\\w+)\\s+${rule.defaultSeverity}\\s`, 'm'));
        expect(stdout).toContain(`https://github.com/dpg-registry/dpg/blob/main/docs/rules/${rule.id}.md`);
      }
    },
  },
  {
    name: 'rules --format json: the rules as data, after the config',
    files: { 'dpg.config.yaml': 'rules:\n  yaml/bom: error\n' },
    args: ['rules', '--format', 'json'],
    code: 0,
    check: ({ stdout }) => {
      const rows = JSON.parse(stdout) as Array<{
        id: string;
        severity: string;
        defaultSeverity: string;
        indicator: string | null;
        docs: string;
      }>;
      expect(rows.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
      expect(rows.find((r) => r.id === 'yaml/bom')).toMatchObject({ severity: 'error', defaultSeverity: 'warning', indicator: null });
      expect(rows.find((r) => r.id === 'sdg/evidence-required')).toMatchObject({
        severity: 'error',
        indicator: '1',
        docs: 'https://github.com/dpg-registry/dpg/blob/main/docs/rules/sdg/evidence-required.md',
      });
    },
  },
  {
    name: '--version prints the version',
    args: ['--version'],
    code: 0,
    check: ({ stdout }) => expect(stdout).toBe(`${VERSION}\n`),
  },
  {
    name: '--help lists the commands',
    args: ['--help'],
    code: 0,
    check: ({ stdout, stderr }) => {
      expect(stdout).toMatch(/^Usage: dpg /m);
      expect(stdout).toMatch(/^\s+validate \[options\] \[paths\.\.\.\]/m);
      expect(stdout).toMatch(/^\s+rules \[options\]/m);
      expect(stderr).toBe('');
    },
  },
  {
    name: 'validate without operands checks the nominations/ folder of the working directory',
    files: { [VALID_FILE]: VALID, [BAD_FILE]: BAD, 'elsewhere/broken-case-manager.yaml': BAD },
    args: ['validate', '--format', 'json'],
    code: 1,
    check: ({ stdout }) => {
      const results = parseJsonResults(stdout);
      expect(results.map((r) => r.file)).toEqual([BAD_FILE, VALID_FILE]);
      expect(jsonHits(results)).toContainEqual({ file: BAD_FILE, rule: 'schema/unknown-key', line: BAD_LINE });
    },
  },
  {
    name: 'validate without operands and without a registry is a usage error',
    args: ['validate'],
    code: 2,
    check: ({ stderr }) => expect(stderr).toContain('No nominations found in nominations/'),
  },
  {
    name: 'config: a dpg.config.yaml naming an unknown rule is a usage error',
    files: { [VALID_FILE]: VALID, 'dpg.config.yaml': 'rules:\n  sdg/evidense-required: off\n' },
    args: ['validate'],
    code: 2,
    check: ({ stdout, stderr }) => {
      expect(stderr).toContain('dpg.config.yaml:2:3  unknown rule "sdg/evidense-required". Did you mean "sdg/evidence-required"?');
      expect(stdout).toBe('');
    },
  },
  {
    name: 'config: a dpg.config.yaml that is not YAML is a usage error',
    files: { [VALID_FILE]: VALID, 'dpg.config.yaml': 'rules: [\n' },
    args: ['validate'],
    code: 2,
    check: ({ stderr }) =>
      expect(stderr).toMatch(/^dpg: dpg\.config\.yaml has \d+ problems? .*\n {2}dpg\.config\.yaml:\d+:\d+ {2}not valid YAML: /),
  },
  {
    name: 'config: a --config file that does not exist is a usage error',
    files: { [VALID_FILE]: VALID },
    args: ['validate', '--config', 'missing.yaml'],
    code: 2,
    check: ({ stderr }) => expect(stderr).toBe('dpg: Config file not found: missing.yaml\n'),
  },
  {
    name: 'config: a rule is on by default',
    files: { [VALID_FILE]: NO_EVIDENCE },
    args: ['validate'],
    code: 1,
    check: ({ stdout }) => expect(stdout).toMatch(stylishLine(NO_EVIDENCE_LINE, 'error', 'sdg/evidence-required')),
  },
  {
    name: 'config: a rule turned off in dpg.config.yaml is not reported',
    files: { [VALID_FILE]: NO_EVIDENCE, 'dpg.config.yaml': 'rules:\n  sdg/evidence-required: off\n' },
    args: ['validate'],
    code: 0,
    check: ({ stdout }) => {
      expect(stdout).toBe('✔ 1 file checked, no problems\n');
    },
  },
  {
    name: 'config: a rule lowered to a warning no longer fails the run',
    files: { [VALID_FILE]: NO_EVIDENCE, 'dpg.config.yaml': 'rules:\n  sdg/evidence-required: warning\n' },
    args: ['validate'],
    code: 0,
    check: ({ stdout }) => expect(stdout).toMatch(stylishLine(NO_EVIDENCE_LINE, 'warning', 'sdg/evidence-required')),
  },
];

afterEach(removeTempDirs);

describe.each(CLI_MODES)('dpg CLI (%s)', (mode) => {
  it.each(cases)('$name', async ({ files, args, env, code, check }) => {
    const cwd = tempDir(files);
    const run = await runCli(mode, args, { cwd, env });
    expect(run.code, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(code);
    expect(run.stderr).not.toMatch(STACK_LINE);
    check(run);
  });

  it('reports every problem of a damaged copy of the bundled registry at its own line', async () => {
    const registry = path.join(REPO_ROOT, 'nominations');
    const bundled = Object.fromEntries(
      readdirSync(registry)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => [`nominations/${f}`, readFileSync(path.join(registry, f), 'utf8')]),
    );
    const original = bundled['nominations/aam-digital.yaml'];
    expect(original, 'the bundled registry holds aam-digital.yaml').toBeDefined();

    // 1 and 2: a software licence that is not OSI-approved, and a key the schema does not know.
    const edited = original!
      .replace('  - spdx: GPL-3.0-only', '  - spdx: CC-BY-ND-4.0')
      .replace(/^website: .*$/m, (line) => `${line}\nmaintainerNote: call them back in May`);
    expect(edited).not.toBe(original);
    // 3: a YAML syntax error (an indentation slip) in another nomination, or a new one when there is no other.
    const syntaxFile =
      Object.keys(bundled)
        .sort()
        .find((f) => f !== 'nominations/aam-digital.yaml' && /^ {2}ownsAllComponents:/m.test(bundled[f]!)) ?? VALID_FILE;
    const syntaxSource = bundled[syntaxFile] ?? VALID;
    const broken = syntaxSource.replace(/^ {2}ownsAllComponents:/m, ' ownsAllComponents:');
    expect(broken).not.toBe(syntaxSource);
    // 4: the same nomination under a second file name.
    const copyFile = 'nominations/aam-digital-ndb-core.yaml';

    const cwd = tempDir({ ...bundled, 'nominations/aam-digital.yaml': edited, [syntaxFile]: broken, [copyFile]: original! });
    const expected = [
      { file: 'nominations/aam-digital.yaml', rule: 'schema/unknown-key', line: lineOf(edited, 'maintainerNote:') },
      { file: 'nominations/aam-digital.yaml', rule: 'license/approved-for-category', line: lineOf(edited, 'CC-BY-ND-4.0') },
      { file: syntaxFile, rule: 'yaml/syntax', line: lineOf(broken, ' ownsAllComponents:') },
      { file: copyFile, rule: 'registry/duplicate', line: lineOf(original!, 'name: Aam Digital') },
      { file: 'nominations/aam-digital.yaml', rule: 'registry/duplicate', line: lineOf(edited, 'name: Aam Digital') },
    ];

    const json = await runCli(mode, ['validate', '--format', 'json'], { cwd });
    expect(json.stderr).not.toMatch(STACK_LINE);
    const results = parseJsonResults(json.stdout);
    expect(jsonHits(results)).toEqual(expect.arrayContaining(expected));
    // The untouched nominations stay clean.
    const touched = new Set(expected.map((e) => e.file));
    expect(results.filter((r) => !touched.has(r.file) && r.errorCount > 0)).toEqual([]);
    expect(json.code).toBe(1);

    const stylish = await runCli(mode, ['validate'], { cwd });
    expect(stylish.code).toBe(1);
    expect(stylish.stderr).toBe('');
    for (const { rule, line } of expected) expect(stylish.stdout).toMatch(stylishLine(line, 'error', rule));
  });
});
