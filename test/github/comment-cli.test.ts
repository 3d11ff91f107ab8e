import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/github/bot/body.js';
import type { FileResult } from '../../src/core/types.js';
import { runInProcess, type CliRun } from '../support/cli.js';
import { GitHubStandIn, STAND_IN_TOKEN } from '../support/github-stand-in.js';
import { ANNOTATIONS_PER_REQUEST, MAX_ANNOTATIONS } from '../../src/github/bot/checks.js';
import { diagnostic, failingResults, fileResult, HEAD_SHA, NEXT_SHA, passingResults } from './results.js';

const REPO = 'dpg-registry/registry';
const HOSTILE = 'The licence "<script>alert(1)</script>" is not approved; @everyone see #1 | [x](javascript:alert(1))';

let standIn: GitHubStandIn;
let dir: string;

beforeEach(async () => {
  standIn = await GitHubStandIn.start();
  standIn.addPullRequest(REPO, 7, { headSha: HEAD_SHA });
  dir = mkdtempSync(path.join(tmpdir(), 'dpg-comment-'));
});

afterEach(async () => {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

function writeResults(results: unknown, name = 'results.json'): string {
  writeFileSync(path.join(dir, name), JSON.stringify(results));
  return name;
}

function dpg(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return runInProcess(args, {
    cwd: dir,
    exactEnv: { GITHUB_TOKEN: STAND_IN_TOKEN, GITHUB_API_URL: standIn.url, ...env },
    now: new Date('2026-11-23T12:00:00Z'),
  });
}

function comment(results: FileResult[] | unknown, ...extra: string[]) {
  return dpg(['comment', '--repo', REPO, '--pr', '7', '--report', writeResults(results), ...extra]);
}

function marked() {
  return standIn.comments(REPO, 7).filter((c) => c.body.includes(COMMENT_MARKER));
}

describe('dpg comment', () => {
  it('keeps exactly one escaped review comment among 120 others, writes nothing when rerun, and flips after the fix', async () => {
    for (let i = 0; i < 120; i++) standIn.addComment(REPO, 7, `unrelated ${i}`, i % 2 ? 'alice' : 'renovate[bot]');

    const first = await comment(failingResults(HOSTILE), '--sha', HEAD_SHA);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('comment: created');
    expect(marked()).toHaveLength(1);
    const body = marked()[0]!.body;
    expect(body).toContain('&lt;script&gt;');
    expect(body).not.toContain('<script>');
    expect(body).toContain('@\u200deveryone');
    expect(body).not.toMatch(/#\d/);
    expect(body).toContain(`https://github.com/${REPO}/blob/${HEAD_SHA}/nominations/open-atlas.yaml#L14`);
    expect(standIn.issueLabels(REPO, 7)).toEqual(['dpg: licence', 'dpg: needs changes']);

    standIn.clearLog();
    const again = await comment(failingResults(HOSTILE), '--sha', HEAD_SHA);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('comment: unchanged ' + marked()[0]!.html_url + '\nlabels: unchanged\ncheck run: unchanged\n');
    expect(standIn.writes()).toEqual([]);

    const fixed = await comment(passingResults(), '--sha', NEXT_SHA);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/verdict changed to pass; a new comment posted/);
    expect(marked()).toHaveLength(1);
    expect(marked()[0]!.body).toContain('<!-- dpg-verdict: pass -->');
    expect(standIn.comments(REPO, 7)).toHaveLength(122);
    expect(standIn.issueLabels(REPO, 7)).toEqual(['dpg: checks passed']);
  });

  it('exits 2 with one line when the pull request does not exist', async () => {
    const result = await dpg(['comment', '--repo', REPO, '--pr', '99', '--report', writeResults(failingResults())]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'dpg: pull request #99 not found in dpg-registry/registry (404)\n' });
    expect(standIn.writes()).toEqual([]);
  });

  it('retries a 502 and a rate limit and then succeeds', async () => {
    standIn.failNext(1, 502);
    standIn.rateLimitNext(1);
    const result = await comment(failingResults());
    expect(result.code).toBe(0);
    expect(standIn.requests.map((r) => r.status).slice(0, 3)).toEqual([502, 403, 200]);
    expect(result.stderr).toMatch(
      /^dpg: GitHub rate limit reached for GET \/repos\/{owner}\/{repo}\/pulls\/{pull_number}; retrying in \ds\.\n$/,
    );
    expect(marked()).toHaveLength(1);
  });

  it('exits 2 after retrying a server that keeps failing', async () => {
    standIn.failNext(10, 503, 'Service Unavailable');
    const result = await comment(failingResults());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'dpg: GitHub failed while reading pull request #7 in dpg-registry/registry (503: Service Unavailable), also after retrying; try again later\n',
    );
    expect(standIn.requests).toHaveLength(4);
  });

  it('exits 2 with one line when GitHub cannot be reached', async () => {
    const closed = await GitHubStandIn.start();
    const url = closed.url;
    await closed.close();
    const result = await dpg(['comment', '--repo', REPO, '--pr', '7', '--report', writeResults(failingResults())], { GITHUB_API_URL: url });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^dpg: could not reach GitHub while reading pull request #7 in dpg-registry\/registry: .*ECONNREFUSED.*; check GITHUB_API_URL and the network\n$/,
    );
  });

  it('makes no write in a dry run and prints the plan and the body', async () => {
    const result = await comment(failingResults(), '--dry-run', '--sha', HEAD_SHA);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^comment: would be created \(fail\)\nlabels: would be \+"dpg: needs changes" \+"dpg: licence" \(2 would be created in the repository\)\ncheck run: would be created with 2 annotation\(s\) in 1 request\(s\)\n\n<!-- dpg-review -->/,
    );
    expect(standIn.writes()).toEqual([]);
  });

  it.each([
    {
      name: 'no token',
      args: ['--repo', REPO, '--pr', '7'],
      env: { GITHUB_TOKEN: undefined },
      stderr: 'dpg: GITHUB_TOKEN is not set; it must hold a token that may write pull request comments, labels and checks.\n',
    },
    {
      name: 'bad repository',
      args: ['--repo', 'not-a-repo', '--pr', '7'],
      env: {},
      stderr: 'dpg: --repo must look like owner/name, not "not-a-repo".\n',
    },
    {
      name: 'bad sha',
      args: ['--repo', REPO, '--pr', '7', '--sha', 'main;rm'],
      env: {},
      stderr: 'dpg: --sha must be a commit id of hexadecimal digits (0-9, a-f), not "main;rm".\n',
    },
  ])('exits 2 on usage errors: $name', async ({ args, env, stderr }) => {
    const result = await dpg(['comment', ...args, '--report', writeResults(failingResults())], env);
    expect(result).toEqual({ code: 2, stdout: '', stderr });
    expect(standIn.requests).toEqual([]);
  });

  it('exits 2 on a malformed or hostile results file before contacting GitHub', async () => {
    const bad = failingResults() as unknown as Array<{ diagnostics: Array<Record<string, unknown>> }>;
    bad[0]!.diagnostics[0]!.line = '14) [pwn](https://evil.example';
    const result = await comment(bad);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'dpg: results.json: results[0].diagnostics[0].line must be a whole number from 1; write the file with `dpg validate --format json`.\n',
    );
    expect(standIn.requests).toEqual([]);
  });
});

describe('dpg comment: untrusted results files', () => {
  it('sends a bounded number of check-run writes for a forged file of 180,000 findings, errors first', async () => {
    const warnings = Array.from({ length: 179_990 }, (_, i) =>
      diagnostic({ ruleId: 'url/https', indicator: '5', severity: 'warning', message: `w${i}`, line: (i % 5000) + 1 }),
    );
    const errors = Array.from({ length: 10 }, (_, i) =>
      diagnostic({ ruleId: 'license/valid-spdx', indicator: '2', message: `e${i}`, line: i + 1 }),
    );
    const result = await comment([fileResult('nominations/flood.yaml', [...warnings, ...errors])], '--sha', HEAD_SHA);
    expect(result.code).toBe(0);
    const checkWrites = standIn.writes().filter((r) => r.path.includes('/check-runs'));
    expect(checkWrites.length).toBeLessThanOrEqual(MAX_ANNOTATIONS / ANNOTATIONS_PER_REQUEST);
    const run = standIn.checkRuns(REPO)[0]!;
    expect(run.output.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(run.output.annotations.slice(0, 10).map((a) => a.annotation_level)).toEqual(Array(10).fill('failure'));
    expect(run.output.summary).toContain(`… and ${180_000 - MAX_ANNOTATIONS} more findings not annotated here`);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure' });
  }, 60_000);

  it.each([
    { name: 'not JSON', text: '{ "results": [' },
    { name: 'a wrong shape', text: JSON.stringify({ results: 'everything passed' }) },
  ])('exits 2 without a check run or a label when the results file is $name', async ({ text }) => {
    writeFileSync(path.join(dir, 'results.json'), text);
    const result = await dpg(['comment', '--repo', REPO, '--pr', '7', '--report', 'results.json', '--sha', HEAD_SHA]);
    expect(result.code).toBe(2);
    expect(standIn.writes()).toEqual([]);
    expect(standIn.checkRuns(REPO)).toEqual([]);
  });
});

describe('dpg report', () => {
  it("writes a plain Markdown report from saved results, without the comment's markers", async () => {
    const file = writeResults(failingResults());
    const result = await dpg(['report', '--format', 'markdown', '--results', file, '--sha', HEAD_SHA, '--repo', REPO]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('# DPG validation report\n\n❌ ')).toBe(true);
    expect(result.stdout).not.toContain('<!--');
    expect(result.stdout).toContain(`[\`${HEAD_SHA.slice(0, 7)}\`](https://github.com/${REPO}/commit/${HEAD_SHA})`);
  });

  it('writes the pull-request comment from saved results', async () => {
    const file = writeResults(failingResults());
    const result = await dpg([
      'report',
      '--format',
      'comment',
      '--results',
      file,
      '--sha',
      HEAD_SHA,
      '--repo',
      REPO,
      '--summary-url',
      'https://github.com/dpg-registry/registry/actions/runs/1',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(`${COMMENT_MARKER}\n<!-- dpg-verdict: fail -->\n## ❌ DPG checks: changes needed`)).toBe(true);
    expect(result.stdout).toContain(`[\`${HEAD_SHA.slice(0, 7)}\`](https://github.com/${REPO}/commit/${HEAD_SHA})`);
  });

  it('reads results with change notes and writes them back as JSON', async () => {
    const notes = [{ file: '.github/workflows/x.yml', severity: 'warning', message: 'outside the registry' }];
    const result = await dpg(['report', '--format', 'json', '--results', writeResults({ results: passingResults(), notes })]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ results: passingResults(), notes });
  });

  it('recomputes counts instead of trusting the file', async () => {
    const lying = failingResults().map((r) => ({ ...r, errorCount: 0, warningCount: 0 }));
    const result = await dpg(['report', '--format', 'json', '--results', writeResults(lying)]);
    expect(JSON.parse(result.stdout)[0]).toMatchObject({ errorCount: 1, warningCount: 1 });
  });

  it('exits 2 when the results file is missing or not JSON', async () => {
    writeFileSync(path.join(dir, 'broken.json'), '{ "results": [');
    expect(await dpg(['report', '--results', 'missing.json'])).toMatchObject({
      code: 2,
      stderr: 'dpg: Cannot read the results file missing.json: ENOENT.\n',
    });
    expect((await dpg(['report', '--results', 'broken.json'])).stderr).toMatch(
      /^dpg: broken\.json: not JSON \(.*\); write it with `dpg validate --format json`\.\n$/,
    );
  });
});
