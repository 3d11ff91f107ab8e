import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/core/io.js';
import { main } from '../../src/cli/main.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/config.js';
import { addFindings, addToResult, finishFile } from '../../src/lint/finish.js';
import type { Diagnostic, FileResult } from '../../src/core/types.js';
import { withEdits } from '../support/nomination.js';
import { TEST_NOW } from '../support/validate.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const NOMINEE = withEdits([['name'], 'Case Manager'], [['repositories', 0, 'url'], 'https://github.com/example-org/case-manager']);
const RECOGNISED = withEdits(
  [['name'], 'Case Manager'],
  [['repositories', 0, 'url'], 'https://github.com/example-org/case-manager'],
  [['stage'], 'dpg'],
  [['review'], { date: '2026-11-20', reviewer: 'ana-maintainer' }],
);

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A repository whose base configuration makes git/decision an error, and a branch that takes a decision. */
function decisionRepository(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-finish-'));
  made.push(dir);
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  const commit = (message: string) => {
    git(dir, 'add', '--all');
    git(dir, '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', message);
  };
  git(dir, 'init', '--quiet', '-b', 'main');
  git(dir, 'config', 'user.email', 'ci@example.org');
  git(dir, 'config', 'user.name', 'CI');
  write('dpg.config.yaml', 'rules:\n  git/decision: error\n');
  write('nominations/case-manager.yaml', NOMINEE);
  write('reviewers.yaml', 'maintainers: [ana-maintainer]\ngroups: []\n');
  commit('nominee');
  git(dir, 'checkout', '--quiet', '-b', 'topic');
  write('nominations/case-manager.yaml', RECOGNISED);
  commit('recognise');
  return dir;
}

async function run(dir: string, format: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: () => {},
    cwd: dir,
    env: { DPG_CACHE_DIR: process.env.DPG_CACHE_DIR },
    stdoutIsTTY: false,
    now: TEST_NOW,
  };
  const code = await main(['validate', '--changed', '--base', 'main', '--no-color', '--format', format], io);
  return { code, stdout };
}

describe('validate --changed with git/decision set to error', () => {
  it('prints, counts in JSON and exits with the same one error', async () => {
    const dir = decisionRepository();
    const stylish = await run(dir, 'stylish');
    const json = await run(dir, 'json');
    const results = JSON.parse(json.stdout) as FileResult[];
    expect(results.map((r) => [r.file, r.errorCount, r.diagnostics.map((d) => [d.ruleId, d.severity])])).toEqual([
      ['nominations/case-manager.yaml', 1, [['git/decision', 'error']]],
    ]);
    expect(stylish.stdout).toContain('(1 error, 0 warnings)');
    expect(stylish.code).toBe(1);
    expect(json.code).toBe(1);
  });
});

const at = (ruleId: string, line: number, severity: Diagnostic['severity'], indicator: Diagnostic['indicator'] = null): Diagnostic => ({
  ruleId,
  indicator,
  severity,
  message: `${ruleId} at ${line}`,
  path: '',
  line,
  column: 1,
  endLine: line,
  endColumn: 2,
});
const config = (rules: Config['rules']): Config => ({ ...DEFAULT_CONFIG, rules });

describe('the finish stage', () => {
  it.each<{ name: string; rules: Config['rules']; added: Diagnostic[]; expected: string[][]; errors: number; warnings: number }>([
    {
      name: 'a configured severity applies to an added finding',
      rules: { 'git/decision': { severity: 'error' } },
      added: [at('git/decision', 3, 'info')],
      expected: [
        ['url/https', 'warning'],
        ['git/decision', 'error'],
      ],
      errors: 1,
      warnings: 1,
    },
    {
      name: "'off' drops an added finding",
      rules: { 'sdg/max-goals': { severity: 'off' } },
      added: [at('sdg/max-goals', 3, 'error')],
      expected: [['url/https', 'warning']],
      errors: 0,
      warnings: 1,
    },
    {
      name: "added findings are counted with the file's own, in reading order",
      rules: {},
      added: [at('sdg/max-goals', 6, 'error')],
      expected: [
        ['url/https', 'warning'],
        ['sdg/max-goals', 'error'],
      ],
      errors: 1,
      warnings: 1,
    },
  ])('$name', ({ rules, added, expected, errors, warnings }) => {
    const own = finishFile('a.yaml', [at('url/https', 2, 'warning')], { config: config({}), readable: true });
    const after = addToResult(own, added, { config: config(rules) });
    expect(after.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual(expected);
    expect([after.errorCount, after.warningCount]).toEqual([errors, warnings]);
  });

  it("waives an added finding only with the file's data, and marks its indicator otherwise", () => {
    const data = { waivers: [{ rule: 'license/approved-for-category', reason: 'r', approvedBy: 'm' }] };
    const start = finishFile('a.yaml', [], { config: DEFAULT_CONFIG, readable: true });
    const finding = at('license/approved-for-category', 2, 'error', '2');
    const waived = addToResult(start, [finding], { config: DEFAULT_CONFIG, data });
    expect([waived.errorCount, waived.diagnostics[0]!.severity, waived.indicators['2']]).toEqual([0, 'info', 'pass']);
    const kept = addToResult(start, [finding], { config: DEFAULT_CONFIG });
    expect([kept.errorCount, kept.diagnostics[0]!.severity, kept.indicators['2']]).toEqual([1, 'error', 'fail']);
  });

  it('gives a file without a result one about the file as a whole, and none when settling leaves nothing', () => {
    const added = addFindings([], 'dpg.config.yaml', [at('git/decision', 1, 'info')], { config: DEFAULT_CONFIG });
    expect(added.map((r) => [r.file, r.reviewNotes.length, r.diagnostics.length])).toEqual([['dpg.config.yaml', 0, 1]]);
    expect(
      addFindings([], 'dpg.config.yaml', [at('git/decision', 1, 'info')], { config: config({ 'git/decision': { severity: 'off' } }) }),
    ).toEqual([]);
  });
});
