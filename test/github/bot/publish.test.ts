import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DOCS_BASE_URL } from '../../../src/config/config.js';
import type { FormatterOptions } from '../../../src/formatters/types.js';
import { COMMENT_MARKER, OUTDATED_MARKER } from '../../../src/github/bot/body.js';
import { ANNOTATIONS_PER_REQUEST, CHECK_NAME } from '../../../src/github/bot/checks.js';
import { createGitHubClient, type GitHubClient } from '../../../src/github/client.js';
import { planComment } from '../../../src/github/bot/upsert.js';
import { GitHubError } from '../../../src/github/errors.js';
import { INDICATOR_LABELS, MANAGED_LABELS, planLabels, VERDICT_LABELS } from '../../../src/github/bot/labels.js';
import type { CommentContext } from '../../../src/github/bot/context.js';
import { publishResults } from '../../../src/github/bot/publish.js';
import type { FileResult } from '../../../src/core/types.js';
import { GitHubStandIn, STAND_IN_TOKEN } from '../../support/github-stand-in.js';
import { diagnostic, failingResults, fileResult, HEAD_SHA, NEXT_SHA, passingResults } from '../results.js';

const REPO = 'dpg-registry/registry';
const PR = { owner: 'dpg-registry', repo: 'registry', pull: 7 };
const BOT = 'github-actions[bot]';

let standIn: GitHubStandIn;
let octokit: GitHubClient;
let warnings: string[];

beforeEach(async () => {
  standIn = await GitHubStandIn.start();
  standIn.addPullRequest(REPO, 7, { headSha: HEAD_SHA });
  warnings = [];
  octokit = createGitHubClient({
    token: STAND_IN_TOKEN,
    baseUrl: standIn.url,
    delayUnitMs: 5,
    paceWrites: false,
    warn: (m) => warnings.push(m),
  });
});

afterEach(async () => {
  await standIn.close();
});

const FORMAT: FormatterOptions = { color: false, docsBaseUrl: DEFAULT_DOCS_BASE_URL, rules: [], version: '0.1.0' };

function context(sha?: string): CommentContext {
  return { ...(sha ? { commitSha: sha } : {}), repositoryUrl: `https://github.com/${REPO}` };
}

function review(results: FileResult[], sha?: string) {
  return publishResults(octokit, { pr: PR, results, format: FORMAT, context: context(sha), author: BOT });
}

function marked() {
  return standIn.comments(REPO, 7).filter((c) => c.body.includes(COMMENT_MARKER));
}

describe('publishing a review to a pull request', () => {
  it('posts the first comment, creates and sets labels, and adds a check run', async () => {
    const outcome = await review(failingResults(), HEAD_SHA);
    expect(outcome.comment.action).toBe('create');
    expect(marked()).toHaveLength(1);
    expect(marked()[0]!.body).toBe(outcome.body);
    expect(standIn.issueLabels(REPO, 7)).toEqual(['dpg: licence', 'dpg: needs changes']);
    const created = standIn.repositoryLabels(REPO).find((l) => l.name === 'dpg: licence')!;
    expect(created).toMatchObject({ color: INDICATOR_LABELS['2'].color, description: INDICATOR_LABELS['2'].description });
    const [run] = standIn.checkRuns(REPO);
    expect(run).toMatchObject({ name: CHECK_NAME, head_sha: HEAD_SHA, status: 'completed', conclusion: 'failure' });
    expect(run!.output.annotations.map((a) => [a.path, a.start_line, a.annotation_level, a.title])).toEqual([
      ['nominations/open-atlas.yaml', 14, 'failure', 'license/approved-for-category'],
      ['nominations/open-atlas.yaml', 31, 'warning', 'url/https'],
    ]);
  });

  it('updates its comment in place while the verdict stays the same', async () => {
    const first = await review(failingResults(), HEAD_SHA);
    standIn.clearLog();
    const second = await review(failingResults('The licence "CC-BY-NC-ND-4.0" is a No-Derivatives licence.'), NEXT_SHA);
    expect(second.comment.action).toBe('update');
    expect(second.comment.commentId).toBe(first.comment.commentId);
    expect(marked()).toHaveLength(1);
    expect(marked()[0]!.body).toContain('CC-BY-NC-ND-4.0');
    expect(
      standIn
        .writes()
        .filter((r) => r.path.includes('/comments'))
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual([`PATCH /repos/${REPO}/issues/comments/${first.comment.commentId}`]);
    // The labels were right already.
    expect(standIn.writes().some((r) => r.path.includes('/labels'))).toBe(false);
  });

  it('posts a new comment when the verdict flips, marks the old one outdated and swaps the labels', async () => {
    const first = await review(failingResults(), HEAD_SHA);
    const flipped = await review(passingResults(), NEXT_SHA);
    expect(flipped.comment.action).toBe('replace');
    expect(flipped.comment.commentId).not.toBe(first.comment.commentId);
    const comments = standIn.comments(REPO, 7);
    expect(comments).toHaveLength(2);
    const old = comments.find((c) => c.id === first.comment.commentId)!;
    expect(old.body.startsWith(OUTDATED_MARKER)).toBe(true);
    expect(old.body).not.toContain(COMMENT_MARKER);
    expect(old.body).toContain(`(${flipped.comment.url})`);
    expect(marked().map((c) => c.id)).toEqual([flipped.comment.commentId]);
    expect(marked()[0]!.body).toContain('<!-- dpg-verdict: pass -->');
    expect(standIn.issueLabels(REPO, 7)).toEqual(['dpg: checks passed']);
    expect(standIn.checkRuns(REPO).map((r) => r.conclusion)).toEqual(['failure', 'success']);
  });

  it('deletes duplicate review comments and keeps the newest', async () => {
    const older = [1, 2, 3].map((n) => standIn.addComment(REPO, 7, `${COMMENT_MARKER}\n<!-- dpg-verdict: fail -->\nold ${n}`, BOT));
    const outcome = await review(failingResults());
    expect(outcome.comment.action).toBe('update');
    expect(outcome.comment.commentId).toBe(older[2]!.id);
    expect(outcome.comment.duplicates.map((c) => c.id)).toEqual([older[0]!.id, older[1]!.id]);
    expect(marked().map((c) => c.id)).toEqual([older[2]!.id]);
    expect(standIn.writes().filter((r) => r.method === 'DELETE' && r.path.includes('/comments/'))).toHaveLength(2);
  });

  it('writes nothing when the body and labels are already right', async () => {
    await review(failingResults(), HEAD_SHA);
    standIn.clearLog();
    const again = await review(failingResults(), HEAD_SHA);
    expect(again.comment.action).toBe('unchanged');
    expect(again.checkRun?.action).toBe('unchanged');
    expect(standIn.requests.length).toBeGreaterThan(0);
    expect(standIn.writes()).toEqual([]);
  });

  it('finds its comment on the second page among 120 unrelated comments', async () => {
    for (let i = 0; i < 110; i++) standIn.addComment(REPO, 7, `Looks good to me (${i})`);
    const mine = standIn.addComment(REPO, 7, `${COMMENT_MARKER}\n<!-- dpg-verdict: fail -->\nold`, BOT);
    for (let i = 0; i < 10; i++) standIn.addComment(REPO, 7, `One more thing (${i})`);
    const outcome = await review(failingResults());
    expect(outcome.comment).toMatchObject({ action: 'update', commentId: mine.id });
    expect(standIn.comments(REPO, 7)).toHaveLength(121);
    expect(marked().map((c) => c.id)).toEqual([mine.id]);
    const pages = standIn.requests
      .filter((r) => r.method === 'GET' && r.path.endsWith('/issues/7/comments'))
      .map((r) => r.query.page ?? '1');
    expect(pages).toEqual(['1', '2']);
  });

  it('ignores a marker pasted into a comment by someone else', async () => {
    standIn.addComment(REPO, 7, `quoting the bot: ${COMMENT_MARKER}`, 'mallory');
    const outcome = await review(failingResults());
    expect(outcome.comment.action).toBe('create');
    expect(standIn.comments(REPO, 7)[0]!.body).toBe(`quoting the bot: ${COMMENT_MARKER}`);
  });

  it('retries after a 502', async () => {
    standIn.failNext(1, 502);
    const outcome = await review(failingResults());
    expect(outcome.comment.action).toBe('create');
    expect(standIn.requests.slice(0, 2).map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', `/repos/${REPO}/pulls/7`, 502],
      ['GET', `/repos/${REPO}/pulls/7`, 200],
    ]);
  });

  it('waits for the rate limit to reset and retries', async () => {
    await review(failingResults());
    standIn.rateLimitNext(2);
    const started = Date.now();
    const outcome = await review(passingResults());
    expect(outcome.comment.action).toBe('replace');
    expect(standIn.requests.filter((r) => r.status === 403)).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/rate limit reached for GET .*; retrying in \ds/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives up on a rate limit whose reset is too far away, in one line', async () => {
    standIn.rateLimitNext(3600);
    const failure = review(failingResults());
    await expect(failure).rejects.toThrow(GitHubError);
    await expect(failure).rejects.toThrow(
      /^GitHub's API rate limit is used up until \S+ while reading pull request #7 in dpg-registry\/registry \(403\); try again later$/,
    );
    expect(standIn.writes()).toEqual([]);
  });

  it('says which pull request was not found', async () => {
    await expect(
      publishResults(octokit, { pr: { ...PR, pull: 99 }, results: failingResults(), format: FORMAT, context: context() }),
    ).rejects.toMatchObject({ name: 'GitHubError', status: 404, message: 'pull request #99 not found in dpg-registry/registry (404)' });
    expect(standIn.writes()).toEqual([]);
  });

  it('says when the token is rejected', async () => {
    const stranger = createGitHubClient({ token: 'wrong', baseUrl: standIn.url, delayUnitMs: 5, paceWrites: false });
    await expect(publishResults(stranger, { pr: PR, results: failingResults(), format: FORMAT, context: context() })).rejects.toThrow(
      'GitHub rejected the token while reading pull request #7 in dpg-registry/registry (401: Bad credentials); check GITHUB_TOKEN',
    );
  });

  it('says when the token may not write', async () => {
    standIn.addToken('read-only', { login: BOT, type: 'Bot', readOnly: true });
    const readOnly = createGitHubClient({ token: 'read-only', baseUrl: standIn.url, delayUnitMs: 5, paceWrites: false });
    await expect(
      publishResults(readOnly, { pr: PR, results: failingResults(), format: FORMAT, context: context(), author: BOT }),
    ).rejects.toThrow(
      'GitHub refused commenting on pull request #7 in dpg-registry/registry (403: Resource not accessible by integration); the token needs write access to issues, pull requests and checks',
    );
    expect(standIn.comments(REPO, 7)).toEqual([]);
  });

  it('sends at most 50 annotations per request and completes the run with the last batch', async () => {
    const results = [
      fileResult(
        'nominations/big.yaml',
        Array.from({ length: 120 }, (_, i) =>
          diagnostic({ ruleId: 'url/https', indicator: '5', severity: 'warning', message: `problem ${i}`, line: i + 1 }),
        ),
      ),
    ];
    const outcome = await review(results, HEAD_SHA);
    expect(outcome.checkRun).toMatchObject({ action: 'created', batches: 3, annotations: 120 });
    const [run] = standIn.checkRuns(REPO);
    expect(
      run!.requests.map((r) => [r.method, (r.body.output as { annotations: unknown[] }).annotations.length, r.body.status ?? null]),
    ).toEqual([
      ['POST', ANNOTATIONS_PER_REQUEST, 'in_progress'],
      ['PATCH', ANNOTATIONS_PER_REQUEST, null],
      ['PATCH', 20, 'completed'],
    ]);
    expect(run!.output.annotations).toHaveLength(120);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'success' });
  });
});

describe('the GitHub stand-in', () => {
  it('pages pull request files with Link headers the real client follows', async () => {
    const files = Array.from({ length: 250 }, (_, i) => `nominations/n${i}.yaml`);
    standIn.addPullRequest(REPO, 8, { files });
    const listed = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: PR.owner, repo: PR.repo, pull_number: 8, per_page: 100 });
    expect(listed.map((f) => f.filename)).toEqual(files);
    expect(standIn.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
  });
});

describe('planning', () => {
  const body = `${COMMENT_MARKER}\n<!-- dpg-verdict: fail -->\nx`;
  it.each([
    { name: 'no comment yet', existing: [], verdict: 'fail' as const, action: 'create' },
    { name: 'same body', existing: [{ id: 1, body, author: BOT }], verdict: 'fail' as const, action: 'unchanged' },
    { name: 'same verdict, new body', existing: [{ id: 1, body: body + 'old', author: BOT }], verdict: 'fail' as const, action: 'update' },
    {
      name: 'verdict flipped',
      existing: [{ id: 1, body: body.replace('fail', 'pass'), author: BOT }],
      verdict: 'fail' as const,
      action: 'replace',
    },
    {
      name: 'outdated comments are not matched',
      existing: [{ id: 1, body: `${OUTDATED_MARKER}\nold`, author: BOT }],
      verdict: 'fail' as const,
      action: 'create',
    },
  ])('comment: $name → $action', ({ existing, verdict, action }) => {
    expect(planComment(existing, body, verdict, BOT).action).toBe(action);
  });

  it('labels: adds and removes only what changes, and leaves other labels alone', () => {
    const plan = planLabels(['dpg: needs changes', 'dpg: licence', 'good first issue'], [VERDICT_LABELS.fail, INDICATOR_LABELS['3']]);
    expect(plan).toEqual({ add: [INDICATOR_LABELS['3']], remove: ['dpg: licence'] });
  });

  it('labels: names every indicator once', () => {
    expect(new Set(MANAGED_LABELS.map((l) => l.name)).size).toBe(14);
    expect(MANAGED_LABELS.every((l) => l.name.startsWith('dpg: ') && l.name.length <= 50 && l.description.length <= 100)).toBe(true);
  });
});
