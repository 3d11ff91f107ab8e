import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isRecheckCommand } from '../../src/github/bot/recheck.js';
import { runInProcess, type CliRun } from '../support/cli.js';
import { GitHubStandIn, STAND_IN_TOKEN, type StandInWorkflowRun } from '../support/github-stand-in.js';
import { HEAD_SHA, NEXT_SHA } from './results.js';

const REPO = 'dpg-registry/registry';
const BOT = 'github-actions[bot]';
// Maintainers come from the checkout's reviewers.yaml (the base branch) and are confirmed through GitHub.
const REVIEWERS = `
maintainers: [ana-maintainer, "@dpg-registry/maintainers"]
groups:
  - name: Health CoP
    members: [amina-health]
    match: { sectors: [Health] }
defaultGroup: { name: General reviewers, members: [kwame-general] }
`;

let standIn: GitHubStandIn;
let dir: string;
let run: StandInWorkflowRun;

beforeEach(async () => {
  standIn = await GitHubStandIn.start();
  standIn.addPullRequest(REPO, 7, { headSha: HEAD_SHA, author: 'nina-nominator' });
  standIn.setCollaborator(REPO, 'ana-maintainer', 'maintain');
  standIn.addTeamMember('dpg-registry', 'maintainers', 'tomas-team');
  // An older run on a previous commit and one on another workflow must not be the ones re-run.
  standIn.addWorkflowRun(REPO, { workflow: 'validate.yml', headSha: NEXT_SHA });
  standIn.addWorkflowRun(REPO, { workflow: 'publish.yml', headSha: HEAD_SHA });
  run = standIn.addWorkflowRun(REPO, { workflow: 'validate.yml', headSha: HEAD_SHA });
  dir = mkdtempSync(path.join(tmpdir(), 'dpg-recheck-'));
  writeFileSync(path.join(dir, 'reviewers.yaml'), REVIEWERS);
});

afterEach(async () => {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

function dpg(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return runInProcess(args, {
    cwd: dir,
    exactEnv: { GITHUB_TOKEN: STAND_IN_TOKEN, GITHUB_API_URL: standIn.url, ...env },
    now: new Date('2026-11-23T12:00:00Z'),
  });
}

function recheck(commentId: number, ...extra: string[]) {
  return dpg(['recheck', '--repo', REPO, '--comment-id', String(commentId), ...extra]);
}

function replies() {
  return standIn.comments(REPO, 7).filter((c) => c.user.login === BOT);
}

describe('/dpg recheck', () => {
  it.each([
    { name: 'the pull request author', login: 'nina-nominator', as: 'author' },
    { name: 'a maintainer listed by name with maintain access', login: 'ana-maintainer', as: 'maintainer' },
    { name: 'an active member of the maintainers team', login: 'tomas-team', as: 'maintainer' },
    { name: 'the author in another case', login: 'Nina-Nominator', as: 'author' },
  ])('re-runs the checks for $name and reacts 👍', async ({ login, as }) => {
    const c = standIn.addComment(REPO, 7, '/dpg recheck\nplease', login);
    const result = await recheck(c.id);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`recheck: run ${run.id} on pull request #7 re-run for @${login} (${as})\n`);
    expect(standIn.workflowRuns(REPO).map((r) => r.reruns)).toEqual([0, 0, 1]);
    expect(c.reactions).toEqual([{ content: '+1', user: BOT }]);
    expect(replies()).toEqual([]);
  });

  it.each([
    { name: 'a stranger', login: 'mallory' },
    { name: 'a listed reviewer who is no maintainer', login: 'amina-health' },
  ])('refuses $name with 😕 and a reply, and re-runs nothing', async ({ login }) => {
    const c = standIn.addComment(REPO, 7, '/dpg recheck', login);
    const result = await recheck(c.id);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^recheck: refused @${login}: only the pull request's author or a maintainer`));
    expect(standIn.workflowRuns(REPO).every((r) => r.reruns === 0)).toBe(true);
    expect(c.reactions).toEqual([{ content: 'confused', user: BOT }]);
    expect(replies().map((r) => r.body)).toEqual([
      `@${login}: only the pull request's author or a maintainer listed in reviewers.yaml can ask for a recheck. Push a new commit to run the checks again.`,
    ]);
  });

  it('does not take maintainers from anywhere but the checkout: without reviewers.yaml only the author is honoured', async () => {
    rmSync(path.join(dir, 'reviewers.yaml'));
    const c = standIn.addComment(REPO, 7, '/dpg recheck', 'ana-maintainer');
    expect((await recheck(c.id)).stdout).toMatch(/^recheck: refused @ana-maintainer/);
    const own = standIn.addComment(REPO, 7, '/dpg recheck', 'nina-nominator');
    expect((await recheck(own.id)).stdout).toMatch(/re-run for @nina-nominator \(author\)/);
  });

  it.each([
    {
      name: 'a comment that is no command',
      body: 'Could someone /dpg recheck this?',
      login: 'nina-nominator',
      why: 'not a /dpg recheck command',
    },
    { name: 'a command with more on its line', body: '/dpg recheck now', login: 'nina-nominator', why: 'not a /dpg recheck command' },
    { name: 'a bot comment', body: '/dpg recheck', login: 'dependabot[bot]', why: 'written by a bot' },
  ])('ignores $name without writing anything', async ({ body, login, why }) => {
    const c = standIn.addComment(REPO, 7, body, login);
    standIn.clearLog();
    const result = await recheck(c.id);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`recheck: ignored (${why})\n`);
    expect(standIn.writes()).toEqual([]);
  });

  it('ignores an edited comment', async () => {
    const c = standIn.addComment(REPO, 7, 'Looks good', 'nina-nominator');
    c.body = '/dpg recheck';
    c.updated_at = '2026-01-02T00:00:00Z';
    standIn.clearLog();
    const result = await recheck(c.id);
    expect(result.stdout).toBe('recheck: ignored (the comment was edited; only new comments are commands)\n');
    expect(standIn.writes()).toEqual([]);
  });

  it.each([
    {
      name: 'an edit',
      event: { action: 'edited', issue: { number: 7, pull_request: {} }, comment: { id: 1 } },
      why: 'the comment was edited, not created',
    },
    {
      name: 'a comment on an issue',
      event: { action: 'created', issue: { number: 7 }, comment: { id: 1 } },
      why: 'not a comment on a pull request',
    },
  ])('ignores $name in the event payload without calling GitHub', async ({ event, why }) => {
    writeFileSync(path.join(dir, 'event.json'), JSON.stringify(event));
    const result = await dpg(['recheck', '--repo', REPO], { GITHUB_EVENT_PATH: path.join(dir, 'event.json') });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`recheck: ignored (${why})\n`);
    expect(standIn.requests).toEqual([]);
  });

  it('reads the comment id from the event in GITHUB_EVENT_PATH, and who wrote it from GitHub', async () => {
    const c = standIn.addComment(REPO, 7, '/dpg recheck', 'mallory');
    // The payload claims the author wrote it; the API says otherwise, and the API wins.
    writeFileSync(
      path.join(dir, 'event.json'),
      JSON.stringify({
        action: 'created',
        issue: { number: 7, pull_request: {} },
        comment: { id: c.id, user: { login: 'nina-nominator' }, body: '/dpg recheck' },
      }),
    );
    const result = await dpg(['recheck', '--repo', REPO], { GITHUB_EVENT_PATH: path.join(dir, 'event.json') });
    expect(result.stdout).toMatch(/^recheck: refused @mallory/);
  });

  it('says when the run is still going instead of re-running it', async () => {
    run.status = 'in_progress';
    const c = standIn.addComment(REPO, 7, '/dpg recheck', 'nina-nominator');
    const result = await recheck(c.id);
    expect(result.stdout).toBe(`recheck: run ${run.id} on pull request #7 is still running; asked by @nina-nominator (author)\n`);
    expect(run.reruns).toBe(0);
    expect(c.reactions).toEqual([{ content: '+1', user: BOT }]);
  });

  it('writes nothing in a dry run', async () => {
    const c = standIn.addComment(REPO, 7, '/dpg recheck', 'nina-nominator');
    standIn.clearLog();
    const result = await recheck(c.id, '--dry-run');
    expect(result.stdout).toBe(`recheck: run ${run.id} on pull request #7 would be re-run for @nina-nominator (author)\n`);
    expect(standIn.writes()).toEqual([]);
  });

  it('fails with exit code 2 and a message for a comment GitHub does not have', async () => {
    const result = await recheck(99999);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/comment 99999 not found/);
  });
});

describe('isRecheckCommand', () => {
  it.each([
    ['/dpg recheck', true],
    ['  /DPG Recheck  \r\nthanks', true],
    ['\n\n/dpg recheck', true],
    ['> /dpg recheck', false],
    ['/dpg rechecks', false],
    ['please /dpg recheck', false],
    ['', false],
  ])('%j → %s', (body, expected) => {
    expect(isRecheckCommand(body)).toBe(expected);
  });
});

describe('recheck.yml', () => {
  const w = parse(readFileSync(path.join(import.meta.dirname, '../../.github/workflows/recheck.yml'), 'utf8')) as {
    on: Record<string, { types?: string[] }>;
    permissions: Record<string, string>;
    jobs: Record<
      string,
      { if?: string; steps: Array<{ uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }> }
    >;
  };
  const job = Object.values(w.jobs)[0]!;

  it('runs on new comments only, on pull requests only, with the least permissions that re-run and reply', () => {
    expect(w.on).toEqual({ issue_comment: { types: ['created'] } });
    expect(w.permissions).toEqual({ actions: 'write', issues: 'write', 'pull-requests': 'read', contents: 'read' });
    expect(job.if).toContain('github.event.issue.pull_request');
    expect(job.if).toContain("startsWith(github.event.comment.body, '/dpg recheck')");
  });

  it('runs dpg from the default branch and passes no comment text to the shell', () => {
    const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with).toMatchObject({ ref: '${{ github.event.repository.default_branch }}', 'persist-credentials': false });
    const step = job.steps.find((s) => s.run?.includes('dpg recheck'))!;
    expect(step.run).toBe('npx dpg recheck --repo "$REPOSITORY"');
    expect(JSON.stringify(job.steps)).not.toMatch(/github\.event\.comment\.(body|user)/);
  });
});
