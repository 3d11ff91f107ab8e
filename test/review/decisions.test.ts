import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/core/io.js';
import { main } from '../../src/cli/main.js';
import { detectDecisions } from '../../src/review/decisions.js';
import type { FileResult } from '../../src/core/types.js';
import { lineOf, withEdits } from '../support/nomination.js';
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

const WAIVED = withEdits(
  [['name'], 'Case Manager'],
  [['repositories', 0, 'url'], 'https://github.com/example-org/case-manager'],
  [
    ['waivers'],
    [{ rule: 'license/approved-for-category', reason: 'Licence under review', approvedBy: 'ana-maintainer', date: '2026-11-20' }],
  ],
);

describe('detectDecisions', () => {
  const data = (yaml: string) => parse(yaml) as unknown;
  it.each([
    { name: 'a new nominee is no decision', base: undefined, head: NOMINEE, expected: [] },
    {
      name: 'an edit that keeps stage and date is no decision',
      base: NOMINEE,
      head: NOMINEE.replace('Open source case', 'Open-source case'),
      expected: [],
    },
    { name: 'nominee → dpg needs a ready status', base: NOMINEE, head: RECOGNISED, expected: [['stage', 'nominee', 'dpg', true, false]] },
    { name: 'a new file entering as dpg', base: undefined, head: RECOGNISED, expected: [['stage', 'none', 'dpg', true, false]] },
    {
      name: 'a renewal (new review date of a DPG)',
      base: RECOGNISED,
      head: RECOGNISED.replace('2026-11-20', '2027-11-02'),
      expected: [['review-date', '2026-11-20', '2027-11-02', true, false]],
    },
    {
      name: 'a delisting needs a dated reason',
      base: RECOGNISED,
      head: RECOGNISED.replace('stage: dpg', 'stage: delisted'),
      expected: [['stage', 'dpg', 'delisted', false, true]],
    },
    {
      name: 'an expiry',
      base: RECOGNISED,
      head: RECOGNISED.replace('stage: dpg', 'stage: expired'),
      expected: [['stage', 'dpg', 'expired', false, false]],
    },
    {
      name: "a waiver the pull request adds is a maintainer's decision",
      base: NOMINEE,
      head: WAIVED,
      expected: [['waivers', 'none', 'license/approved-for-category', false, false]],
    },
    {
      name: 'a new file that brings its own waiver',
      base: undefined,
      head: WAIVED,
      expected: [['waivers', 'none', 'license/approved-for-category', false, false]],
    },
    { name: 'keeping a waiver is no decision', base: WAIVED, head: WAIVED.replace('Open source case', 'Open-source case'), expected: [] },
    { name: 'removing a waiver is no decision', base: WAIVED, head: NOMINEE, expected: [] },
  ])('$name', ({ base, head, expected }) => {
    expect(
      detectDecisions('nominations/case-manager.yaml', base === undefined ? undefined : data(base), data(head)).map((d) => [
        d.kind,
        d.from,
        d.to,
        d.needsReady,
        d.needsDelistingReason,
      ]),
    ).toEqual(expected);
  });
});

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function repository(): { dir: string; write(file: string, text: string): void; commit(message: string): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-decision-'));
  made.push(dir);
  git(dir, 'init', '--quiet', '-b', 'main');
  git(dir, 'config', 'user.email', 'ci@example.org');
  git(dir, 'config', 'user.name', 'CI');
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  return {
    dir,
    write,
    commit: (message) => {
      git(dir, 'add', '--all');
      git(dir, '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', message);
    },
  };
}

async function validateChanged(dir: string): Promise<{ code: number; results: FileResult[] }> {
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
  const code = await main(['validate', '--changed', '--base', 'main', '--format', 'json'], io);
  return { code, results: JSON.parse(stdout) as FileResult[] };
}

const REVIEW = 'reviewer: amina-health\ndate: 2026-11-01\nconflictsOfInterest: []\nindicators:\n  "1": { verdict: meets }\n';

describe('dpg validate --changed on decisions and review records', () => {
  it("reports a new stage as git/decision information on its line, and validates the branch's review records", async () => {
    const repo = repository();
    repo.write('nominations/case-manager.yaml', NOMINEE);
    repo.write('reviewers.yaml', 'maintainers: [ana-maintainer]\ngroups: []\n');
    repo.commit('nominee');
    git(repo.dir, 'checkout', '--quiet', '-b', 'topic');
    repo.write('nominations/case-manager.yaml', RECOGNISED);
    repo.write('reviews/case-manager/amina-health.yaml', REVIEW);
    repo.write('reviews/case-manager/lucas-health.yaml', REVIEW);
    repo.write('reviewers.yaml', 'maintainers: [ana-maintainer]\ngroups: []\nextra: 1\n');
    repo.commit('recognise');

    const { code, results } = await validateChanged(repo.dir);
    expect(code).toBe(1);
    expect(results.map((r) => [r.file, r.diagnostics.map((d) => [d.ruleId, d.severity, d.line])])).toEqual([
      ['nominations/case-manager.yaml', [['git/decision', 'info', lineOf(RECOGNISED, 'stage: dpg')]]],
      ['reviews/case-manager/amina-health.yaml', []],
      ['reviews/case-manager/lucas-health.yaml', [['review/reviewer-mismatch', 'error', 1]]],
      // Changing the reviewers file is itself a decision; the check keeps the base's version.
      [
        'reviewers.yaml',
        [
          ['git/decision', 'info', 1],
          ['review/reviewers-schema', 'error', 3],
        ],
      ],
    ]);
    expect(results[0]!.diagnostics[0]!.message).toBe(
      'stage nominee → dpg: a decision; needs a maintainer and a ready status (`dpg status case-manager`).',
    );
  });

  it('reports a renewal, and says nothing for an edit that takes no decision', async () => {
    const repo = repository();
    repo.write('nominations/case-manager.yaml', RECOGNISED);
    repo.commit('dpg');
    git(repo.dir, 'checkout', '--quiet', '-b', 'topic');
    repo.write('nominations/case-manager.yaml', RECOGNISED.replace('2026-11-20', '2026-11-22'));
    repo.commit('renew');
    const renewal = await validateChanged(repo.dir);
    expect(renewal.code).toBe(0);
    expect(renewal.results[0]!.diagnostics.map((d) => [d.ruleId, d.line, d.message])).toEqual([
      [
        'git/decision',
        lineOf(RECOGNISED, 'date: 2026-11-20'),
        'review.date 2026-11-20 → 2026-11-22: a decision (a renewal); needs a maintainer and a ready status (`dpg status case-manager`).',
      ],
    ]);

    repo.write('nominations/case-manager.yaml', RECOGNISED.replace('Open source case', 'Open-source case'));
    repo.commit('wording');
    git(repo.dir, 'checkout', '--quiet', '-b', 'wording', 'main');
    repo.write('nominations/case-manager.yaml', RECOGNISED.replace('Open source case', 'Open-source case'));
    repo.commit('wording only');
    const edit = await validateChanged(repo.dir);
    expect(edit.results[0]!.diagnostics).toEqual([]);
  });

  it('reports a nomination added as a recognised DPG, but not one added as a nominee', async () => {
    const repo = repository();
    repo.write('README.md', '# registry\n');
    repo.commit('start');
    git(repo.dir, 'checkout', '--quiet', '-b', 'topic');
    repo.write('nominations/case-manager.yaml', RECOGNISED);
    repo.commit('add as a DPG');
    const added = await validateChanged(repo.dir);
    expect(added.results.map((r) => [r.file, r.diagnostics.map((d) => [d.ruleId, d.line])])).toEqual([
      ['nominations/case-manager.yaml', [['git/decision', lineOf(RECOGNISED, 'stage: dpg')]]],
    ]);

    repo.write('nominations/case-manager.yaml', NOMINEE);
    repo.commit('add as a nominee instead');
    expect((await validateChanged(repo.dir)).results[0]!.diagnostics).toEqual([]);
  });
});
