import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/core/io.js';
import { main } from '../../src/cli/main.js';
import { COMMENT_MARKER } from '../../src/github/bot/body.js';
import { GitHubStandIn, STAND_IN_TOKEN } from '../support/github-stand-in.js';
import { withEdits } from '../support/nomination.js';
import { passingResults, HEAD_SHA } from './results.js';

const REPO = 'dpg-registry/registry';
const FILE = 'nominations/open-clinic.yaml';

const REVIEWERS = `
maintainers: ["@dpg-registry/maintainers", ana-maintainer]
groups:
  - name: Health CoP
    members: ["@dpg-registry/health-cop", amina-health, nina-nominator]
    match: { sectors: [Health], sdgs: [3] }
  - name: Finance CoP
    members: ["@dpg-registry/finance-cop", kwame-finance]
    match: { sectors: [Finance] }
  - name: Partner CoP
    members: ["@partner-org/reviewers"]
    match: { sectors: [health] }
defaultGroup: { name: General reviewers, members: ["@dpg-registry/reviewers"] }
`;

function review(reviewer: string, verdict = 'meets'): string {
  const indicators = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9a', '9b', '9c']
    .map((id) => `  "${id}": { verdict: ${verdict}${verdict === 'meets' ? '' : ', comment: Please add the evidence.'} }`)
    .join('\n');
  return `reviewer: ${reviewer}\ndate: 2026-11-01\nconflictsOfInterest: []\nindicators:\n${indicators}\n`;
}

/** The nomination as a health nominee: the valid example renamed so that its file name is its slug. */
function nomination(...edits: Array<[Array<string | number>, unknown]>): string {
  return withEdits([['name'], 'Open Clinic'], [['sectors'], ['Health']], ...edits);
}

const RECOGNISED: Array<[Array<string | number>, unknown]> = [
  [['stage'], 'dpg'],
  [['review'], { date: '2026-11-20', reviewer: 'ana-maintainer' }],
];

let standIn: GitHubStandIn;
let dir: string;

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

/** A pull request by `author` changing FILE from what the base checkout holds (`base`, or nothing) to `head`. */
function pullRequest(author: string, head: string, base?: string, extraFiles: Array<[string, string]> = []): void {
  standIn.addPullRequest(REPO, 7, {
    headSha: HEAD_SHA,
    author,
    files: [{ filename: FILE, status: base ? 'modified' : 'added' }, ...extraFiles.map(([filename]) => ({ filename, status: 'added' }))],
  });
  standIn.setFile(REPO, HEAD_SHA, FILE, head);
  for (const [file, text] of extraFiles) standIn.setFile(REPO, HEAD_SHA, file, text);
  if (base) write(FILE, base);
}

beforeEach(async () => {
  standIn = await GitHubStandIn.start();
  dir = mkdtempSync(path.join(tmpdir(), 'dpg-human-'));
  write('reviewers.yaml', REVIEWERS);
  mkdirSync(path.join(dir, 'nominations'));
  for (const login of ['amina-health', 'kwame-finance', 'nina-nominator', 'ana-maintainer', 'lucas-health'])
    standIn.setCollaborator(REPO, login, login === 'ana-maintainer' ? 'maintain' : 'read');
  // lucas-health reviews through the Health CoP's team, which GitHub confirms.
  standIn.addTeamMember('dpg-registry', 'health-cop', 'lucas-health');
});

afterEach(async () => {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

async function comment(...extra: string[]) {
  return commentWith({}, ...extra);
}

async function commentWith(options: { cwd?: string; env?: Record<string, string> }, ...extra: string[]) {
  const cwd = options.cwd ?? dir;
  writeFileSync(path.join(cwd, 'results.json'), JSON.stringify(passingResults().map((r) => ({ ...r, file: FILE }))));
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd,
    env: { GITHUB_TOKEN: STAND_IN_TOKEN, GITHUB_API_URL: standIn.url, ...options.env },
    stdoutIsTTY: false,
    now: new Date('2026-11-23T12:00:00Z'),
  };
  const code = await main(['comment', '--repo', REPO, '--pr', '7', '--report', 'results.json', '--sha', HEAD_SHA, ...extra], io);
  const body = standIn.comments(REPO, 7).find((c) => c.body.includes(COMMENT_MARKER))?.body ?? '';
  const run = standIn.checkRuns(REPO).at(-1);
  return { code, stdout, stderr, body, run };
}

function requestWrites() {
  return standIn.writes().filter((r) => r.path.endsWith('/requested_reviewers'));
}

describe('dpg comment: reviewer requests', () => {
  it("requests the health group of a new health nomination once, skipping the author and other organisations' teams", async () => {
    pullRequest('nina-nominator', nomination());
    const first = await comment();
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(requestWrites().map((r) => r.body)).toEqual([{ reviewers: ['amina-health'], team_reviewers: ['health-cop'] }]);
    expect(standIn.requestedReviewers(REPO, 7)).toEqual({ users: ['amina-health'], teams: ['health-cop'] });
    expect(first.stdout).toContain('reviewers: requested @amina-health, @dpg-registry/health-cop\n');
    expect(first.body).toContain('<!-- dpg-requested: @amina-health @dpg-registry/health-cop -->');
    expect(first.body).toContain(
      '- **Health CoP** (sector Health): @\u200ddpg-registry/health-cop, @\u200damina-health, @\u200dnina-nominator\n- **Partner CoP** (sector health): @\u200dpartner-org/reviewers\n',
    );
    expect(first.body).toContain('**Not ready for a decision**: 0 of 2 reviews.');

    // The reviewer answers (GitHub drops her request) and the team's request is gone too: nobody is asked again.
    standIn.addReview(REPO, 7, 'amina-health', 'COMMENTED');
    standIn.clearLog();
    const again = await comment();
    expect(again.code).toBe(0);
    expect(requestWrites()).toEqual([]);
    expect(again.stdout).toContain('reviewers: nobody new to request\n');
  });

  it('asks the default group when no Community of Practice matches', async () => {
    pullRequest(
      'nina-nominator',
      nomination([['sectors'], ['Transport']], [['sdgs'], [{ goal: 11, evidenceText: 'Safer streets for everyone in the city.' }]]),
    );
    await comment();
    expect(requestWrites().map((r) => r.body)).toEqual([{ reviewers: [], team_reviewers: ['reviewers'] }]);
  });

  it('requests the others when GitHub refuses one reviewer', async () => {
    standIn.setCollaborator(REPO, 'amina-health', 'read');
    rmSync(path.join(dir, 'reviewers.yaml'));
    write('reviewers.yaml', REVIEWERS.replace('amina-health, nina-nominator', 'amina-health, outsider-health'));
    pullRequest('nina-nominator', nomination());
    const result = await comment();
    expect(result.code).toBe(0);
    expect(standIn.requestedReviewers(REPO, 7)).toEqual({ users: ['amina-health'], teams: ['health-cop'] });
    expect(result.stdout).toMatch(/reviewers: GitHub refused @outsider-health: .*only be requested from collaborators/);
  });

  it('writes nothing in a dry run but says whom it would request', async () => {
    pullRequest('nina-nominator', nomination());
    const result = await comment('--dry-run');
    expect(result.stdout).toContain('reviewers: would be requested @amina-health, @dpg-registry/health-cop\n');
    expect(standIn.writes()).toEqual([]);
  });
});

describe('dpg comment: decisions', () => {
  it('fails the check when a non-maintainer sets stage: dpg', async () => {
    pullRequest('nina-nominator', nomination(...RECOGNISED), nomination());
    const result = await comment();
    expect(result.code).toBe(0);
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    const annotation = result.run!.output.annotations.find((a) => a.title === 'review/decision')!;
    expect(annotation.message).toBe(
      'stage: dpg set by @nina-nominator, who is not a maintainer; a maintainer listed in reviewers.yaml must open or approve this pull request.',
    );
    expect(annotation.start_line).toBe(
      nomination(...RECOGNISED)
        .split('\n')
        .findIndex((l) => l.startsWith('stage:')) + 1,
    );
    expect(result.stdout).toContain(
      `decision: ${FILE} stage nominee → dpg rejected: stage: dpg set by @nina-nominator, who is not a maintainer`,
    );
    expect(result.body).toContain('❌ nominations/open-clinic.yaml: stage nominee → dpg');
    expect(result.body).toContain('<!-- dpg-verdict: fail -->');
  });

  it('takes a file the registry listing skips (a draft in a hidden folder) for no nomination, so for no decision', async () => {
    pullRequest('nina-nominator', nomination(), nomination(), [['nominations/.drafts/open-clinic.yaml', nomination(...RECOGNISED)]]);
    const result = await comment();
    expect(result.code).toBe(0);
    expect(result.run?.output.annotations.filter((a) => a.title === 'review/decision')).toEqual([]);
    expect(result.stdout).not.toContain('.drafts');
  });

  it('fails the check when a maintainer approves a nomination that is not ready', async () => {
    write('reviews/open-clinic/amina-health.yaml', review('amina-health'));
    pullRequest('nina-nominator', nomination(...RECOGNISED), nomination());
    standIn.addReview(REPO, 7, 'ana-maintainer', 'APPROVED');
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    expect(result.run!.output.annotations.find((a) => a.title === 'review/decision')!.message).toBe(
      'stage: dpg: not ready for a decision: 1 of 2 reviews. Run `dpg status open-clinic` to see what is missing.',
    );
  });

  it('passes when a maintainer approves the head commit of a nomination with enough reviews', async () => {
    write('reviews/open-clinic/amina-health.yaml', review('amina-health'));
    write('reviews/open-clinic/lucas-health.yaml', review('lucas-health'));
    pullRequest('nina-nominator', nomination(...RECOGNISED), nomination());
    standIn.addReview(REPO, 7, 'ana-maintainer', 'APPROVED');
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion: 'success' });
    expect(result.stdout).toContain(
      `decision: ${FILE} stage nominee → dpg accepted: taken by @ana-maintainer, a maintainer (maintain access to ${REPO}); ready (2 of 2 reviews)`,
    );
    expect(result.body).toContain('**Ready for a decision**: 2 of 2 reviews, no open objections.');
    expect(standIn.requests.some((r) => r.path === `/repos/${REPO}/collaborators/ana-maintainer/permission`)).toBe(true);
  });

  it('does not count an approval of an older commit', async () => {
    write('reviews/open-clinic/amina-health.yaml', review('amina-health'));
    write('reviews/open-clinic/lucas-health.yaml', review('lucas-health'));
    pullRequest('nina-nominator', nomination(...RECOGNISED), nomination());
    standIn.addReview(REPO, 7, 'ana-maintainer', 'APPROVED', 'a'.repeat(40));
    expect((await comment()).run).toMatchObject({ conclusion: 'failure' });
  });

  it.each([
    { name: 'an active member of a maintainers team', member: 'active' as const, conclusion: 'success' },
    { name: 'someone outside the maintainers team (404)', member: undefined, conclusion: 'failure' },
    { name: 'a pending member of the maintainers team', member: 'pending' as const, conclusion: 'failure' },
  ])('confirms a team maintainer through GitHub: $name', async ({ member, conclusion }) => {
    write('reviews/open-clinic/amina-health.yaml', review('amina-health'));
    write('reviews/open-clinic/lucas-health.yaml', review('lucas-health'));
    pullRequest('tom-teammate', nomination(...RECOGNISED), nomination());
    if (member) standIn.addTeamMember('dpg-registry', 'maintainers', 'tom-teammate', member);
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion });
    expect(standIn.requests.some((r) => r.path === '/orgs/dpg-registry/teams/maintainers/memberships/tom-teammate')).toBe(true);
  });

  it('does not believe a listed maintainer whom GitHub gives only read access', async () => {
    standIn.setCollaborator(REPO, 'ana-maintainer', 'read');
    write('reviews/open-clinic/amina-health.yaml', review('amina-health'));
    write('reviews/open-clinic/lucas-health.yaml', review('lucas-health'));
    pullRequest('ana-maintainer', nomination(...RECOGNISED), nomination());
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion: 'failure' });
  });

  it('counts a review in the pull request only when its author wrote it', async () => {
    const own: [string, string] = ['reviews/open-clinic/ana-maintainer.yaml', review('ana-maintainer')];
    const forged: [string, string] = ['reviews/open-clinic/lucas-health.yaml', review('lucas-health')];
    pullRequest('ana-maintainer', nomination(...RECOGNISED), nomination(), [own, forged]);
    const result = await comment();
    // The forged review would make two; only the author's own counts.
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    expect(result.run!.output.annotations.find((a) => a.title === 'review/decision')!.message).toContain(
      'not ready for a decision: 1 of 2 reviews',
    );
    expect(result.body).toContain(
      'reviews/open-clinic/lucas-health.yaml: a review by @\u200dlucas-health in a pull request by @\u200dana-maintainer counts once merged',
    );
    expect(result.body).toMatch(/^\| # \| Indicator \| Automated \| @\u200dana-maintainer \|$/m);
  });

  it('does not count the own review of an author who is not listed in reviewers.yaml', async () => {
    write('reviews/open-clinic/amina-health.yaml', review('amina-health'));
    const own: [string, string] = ['reviews/open-clinic/zoe-outsider.yaml', review('zoe-outsider')];
    pullRequest('zoe-outsider', nomination(...RECOGNISED), nomination(), [own]);
    standIn.addReview(REPO, 7, 'ana-maintainer', 'APPROVED');
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    expect(result.run!.output.annotations.find((a) => a.title === 'review/decision')!.message).toContain(
      'not ready for a decision: 1 of 2 reviews',
    );
    expect(result.body).toContain(
      '@\u200dzoe-outsider does not count: @\u200dzoe-outsider is neither listed in reviewers.yaml nor an active member of a team listed there',
    );
  });

  it('treats a waiver the pull request adds as a decision', async () => {
    const waiver = {
      rule: 'license/approved-for-category',
      reason: 'Licence under review',
      approvedBy: 'ana-maintainer',
      date: '2026-11-20',
    };
    pullRequest('nina-nominator', nomination([['waivers'], [waiver]]), nomination());
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    expect(result.run!.output.annotations.find((a) => a.title === 'review/decision')!.message).toBe(
      'waivers: license/approved-for-category set by @nina-nominator, who is not a maintainer; a maintainer listed in reviewers.yaml must open or approve this pull request.',
    );
  });

  it('reads reviewers.yaml from the checkout, not from the pull request, and takes changing it for a decision', async () => {
    const selfPromotion: [string, string] = ['reviewers.yaml', REVIEWERS.replace('ana-maintainer]', 'ana-maintainer, nina-nominator]')];
    pullRequest('nina-nominator', nomination(...RECOGNISED), nomination(), [selfPromotion]);
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    const messages = result.run!.output.annotations.filter((a) => a.title === 'review/decision').map((a) => [a.path, a.message]);
    expect(messages).toEqual([
      [FILE, expect.stringContaining('stage: dpg set by @nina-nominator, who is not a maintainer')],
      [
        'reviewers.yaml',
        'a change of the registry configuration (reviewers.yaml added) set by @nina-nominator, who is not a maintainer; a maintainer listed in reviewers.yaml must open or approve this pull request.',
      ],
    ]);
    expect(result.body).toContain('❌ reviewers.yaml: configuration added');
  });
});

/** A pull request by `author` with exactly these files, as GitHub lists them. */
function pullRequestOf(
  author: string,
  files: Array<{ filename: string; status: string; previous_filename?: string }>,
  changedFiles?: number,
): void {
  standIn.addPullRequest(REPO, 7, { headSha: HEAD_SHA, author, files, ...(changedFiles !== undefined ? { changedFiles } : {}) });
}

function findings(run: Awaited<ReturnType<typeof comment>>['run'], rule: string) {
  return run!.output.annotations.filter((a) => a.title === rule).map((a) => ({ path: a.path, message: a.message }));
}

describe('dpg comment: what it cannot read fails the check', () => {
  it.each([
    {
      name: 'a symbolic link to a hidden draft (GitHub answers with the draft, under its own path)',
      setUp: () => {
        standIn.setFile(REPO, HEAD_SHA, 'nominations/.drafts/open-clinic.yaml', nomination(...RECOGNISED));
        standIn.setSymlink(REPO, HEAD_SHA, FILE, '.drafts/open-clinic.yaml');
      },
      rule: 'registry/regular-file',
      message: `${FILE} is a symbolic link; a registry file must be a regular file. Replace the link by the file itself.`,
    },
    {
      name: 'a symbolic link out of the repository (GitHub answers type: symlink)',
      setUp: () => standIn.setSymlink(REPO, HEAD_SHA, FILE, '/etc/passwd'),
      rule: 'registry/regular-file',
      message: `${FILE} is a symbolic link; a registry file must be a regular file. Replace the link by the file itself.`,
    },
    {
      name: 'a submodule',
      setUp: () => standIn.setSubmodule(REPO, HEAD_SHA, FILE),
      rule: 'registry/regular-file',
      message: `${FILE} is a submodule, not a regular file; a registry file must be a regular file holding YAML.`,
    },
    {
      name: 'a file GitHub does not have at the head commit (404)',
      setUp: () => undefined,
      rule: 'review/unverifiable',
      message: `could not verify ${FILE}: GitHub has no such file at 3f2a9c4 (404).`,
    },
    {
      name: 'a file over 1 MB (no content from the contents API)',
      setUp: () => standIn.setFile(REPO, HEAD_SHA, FILE, `${nomination(...RECOGNISED)}# ${'x'.repeat(1024 * 1024)}\n`),
      rule: 'review/unverifiable',
      message: `could not verify ${FILE}: GitHub's contents API does not return its content`,
    },
    {
      name: 'a file that is not valid YAML',
      setUp: () => standIn.setFile(REPO, HEAD_SHA, FILE, 'name: "Open Clinic\nstage: dpg\n'),
      rule: 'review/unverifiable',
      message: `could not verify ${FILE}: not valid YAML (yaml/syntax`,
    },
  ])('a changed nomination that is $name', async ({ setUp, rule, message }) => {
    pullRequestOf('nina-nominator', [{ filename: FILE, status: 'added' }]);
    setUp();
    const result = await comment();
    expect(result.code).toBe(0);
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    expect(findings(result.run, rule)).toEqual([{ path: FILE, message: expect.stringContaining(message) }]);
    expect(standIn.issueLabels(REPO, 7)).not.toContain('dpg: checks passed');
  });

  it('reports a review record or reviewers.yaml that is a symbolic link', async () => {
    pullRequestOf('amina-health', [
      { filename: 'reviews/open-clinic/amina-health.yaml', status: 'added' },
      { filename: 'reviewers.yaml', status: 'modified' },
    ]);
    standIn.setSymlink(REPO, HEAD_SHA, 'reviews/open-clinic/amina-health.yaml', '../../../elsewhere.yaml');
    standIn.setSymlink(REPO, HEAD_SHA, 'reviewers.yaml', '/dev/zero');
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    expect(
      findings(result.run, 'registry/regular-file')
        .map((f) => f.path)
        .sort(),
    ).toEqual(['reviewers.yaml', 'reviews/open-clinic/amina-health.yaml']);
  });

  it('fails closed when GitHub lists fewer files than the pull request changes', async () => {
    const files = Array.from({ length: 3001 }, (_, i) => ({ filename: `docs/page-${i}.md`, status: 'added' }));
    pullRequestOf('nina-nominator', files);
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion: 'failure', output: { title: '1 error' } });
    expect(result.run!.output.summary).toContain('could not verify this pull request: GitHub lists 3000 of its 3001 changed files');
    expect(result.body).toContain('<!-- dpg-verdict: fail -->');
    expect(result.body).toContain('Split it into pull requests of fewer files');
  });
});

describe('dpg comment: renames and removals', () => {
  it('takes a draft renamed into the registry for a new record: its stage: dpg is a decision', async () => {
    write('nominations/.drafts/open-clinic.yaml', nomination(...RECOGNISED));
    pullRequestOf('nina-nominator', [{ filename: FILE, status: 'renamed', previous_filename: 'nominations/.drafts/open-clinic.yaml' }]);
    standIn.setFile(REPO, HEAD_SHA, FILE, nomination(...RECOGNISED));
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    expect(result.stdout).toContain(
      `decision: ${FILE} stage none → dpg rejected: stage: dpg set by @nina-nominator, who is not a maintainer`,
    );
  });

  it('takes a renamed DPG for the removal of the old one plus a new record', async () => {
    write(FILE, nomination(...RECOGNISED));
    const renamed = 'nominations/evil-clinic.yaml';
    pullRequestOf('nina-nominator', [{ filename: renamed, status: 'renamed', previous_filename: FILE }]);
    standIn.setFile(REPO, HEAD_SHA, renamed, nomination(...RECOGNISED, [['name'], 'Evil Clinic']));
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    expect(findings(result.run, 'review/decision')).toEqual([
      {
        path: FILE,
        message:
          'the removal of a recognised DPG (stage: dpg) set by @nina-nominator, who is not a maintainer; a maintainer listed in reviewers.yaml must open or approve this pull request.',
      },
      { path: renamed, message: expect.stringContaining('stage: dpg set by @nina-nominator') },
    ]);
  });

  it.each([
    { name: 'fails for a non-maintainer', author: 'nina-nominator', conclusion: 'failure', verdict: 'rejected' },
    { name: 'passes for a confirmed maintainer', author: 'ana-maintainer', conclusion: 'success', verdict: 'accepted' },
  ])('deleting a DPG $name', async ({ author, conclusion, verdict }) => {
    write(FILE, nomination(...RECOGNISED));
    pullRequestOf(author, [{ filename: FILE, status: 'removed' }]);
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion });
    expect(result.stdout).toContain(`decision: ${FILE} stage dpg → file removed ${verdict}`);
  });

  it('lets anyone delete a nominee', async () => {
    write(FILE, nomination());
    pullRequestOf('nina-nominator', [{ filename: FILE, status: 'removed' }]);
    expect((await comment()).run).toMatchObject({ conclusion: 'success' });
  });
});

describe('dpg comment: the configuration is a decision', () => {
  it.each([
    { name: 'a non-maintainer', author: 'nina-nominator', conclusion: 'failure', icon: '❌' },
    { name: 'a confirmed maintainer', author: 'ana-maintainer', conclusion: 'success', icon: '✅' },
  ])('a change of dpg.config.yaml by $name', async ({ author, conclusion, icon }) => {
    write('dpg.config.yaml', 'review:\n  minReviews: 2\n');
    pullRequestOf(author, [{ filename: 'dpg.config.yaml', status: 'modified' }]);
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion });
    expect(result.body).toContain(`${icon} dpg.config.yaml: configuration modified`);
  });
});

describe('dpg comment: counting reviews', () => {
  it('counts one review per reviewer (logins without regard to case), only from listed reviewers', async () => {
    // amina three times, under three names, and a reviewer reviewers.yaml does not list.
    write('reviews/open-clinic/amina-health.yaml', review('amina-health'));
    write('reviews/open-clinic/amina-health.yml', review('amina-health'));
    write('reviews/open-clinic/Amina-Health.yaml', review('Amina-Health'));
    write('reviews/open-clinic/zoe-outsider.yaml', review('zoe-outsider'));
    pullRequest('nina-nominator', nomination(...RECOGNISED), nomination());
    standIn.addReview(REPO, 7, 'ana-maintainer', 'APPROVED');
    const result = await comment();
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    expect(findings(result.run, 'review/decision')[0]!.message).toContain('not ready for a decision: 1 of 2 reviews');
    expect(
      result.body.match(
        /has a counted review of this nomination already \(reviews\/open-clinic\/Amina-Health\.yaml\); one review per reviewer counts/g,
      ),
    ).toHaveLength(2);
    expect(result.body).toContain('zoe-outsider is neither listed in reviewers.yaml nor an active member of a team listed there');
  });

  it("never counts the nominator's own review of the nomination their pull request proposes", async () => {
    pullRequest('nina-nominator', nomination(), undefined, [['reviews/open-clinic/nina-nominator.yaml', review('nina-nominator')]]);
    const result = await comment();
    expect(result.body).toContain('**Not ready for a decision**: 0 of 2 reviews');
    expect(result.body).toContain("opened the pull request that proposes this nomination, and a nominator's own review does not count");
  });

  it('does not count a team member whose membership GitHub does not show', async () => {
    write('reviews/open-clinic/amina-health.yaml', review('amina-health'));
    write('reviews/open-clinic/lucas-health.yaml', review('lucas-health'));
    pullRequest('nina-nominator', nomination(...RECOGNISED), nomination());
    standIn.addReview(REPO, 7, 'ana-maintainer', 'APPROVED');
    expect((await comment()).run).toMatchObject({ conclusion: 'success' });

    // A members token GitHub rejects: lucas-health's team membership cannot be confirmed.
    const refused = await commentWith({ env: { GITHUB_MEMBERS_TOKEN: 'ghs_unknown' } });
    expect(refused.run).toMatchObject({ conclusion: 'failure' });
    expect(refused.body).toContain('is not listed by name in reviewers.yaml and GitHub did not tell whether they belong to');
  });
});

describe('dpg comment: a registry in a subfolder', () => {
  it("maps the pull request's paths from the git repository root", async () => {
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
    const registry = path.join(dir, 'registry');
    mkdirSync(path.join(registry, 'nominations'), { recursive: true });
    writeFileSync(path.join(registry, 'dpg.config.yaml'), 'registry: nominations\n');
    writeFileSync(path.join(registry, 'reviewers.yaml'), REVIEWERS);
    const file = `registry/${FILE}`;
    writeFileSync(path.join(dir, file), nomination());
    standIn.addPullRequest(REPO, 7, { headSha: HEAD_SHA, author: 'nina-nominator', files: [{ filename: file, status: 'modified' }] });
    standIn.setFile(REPO, HEAD_SHA, file, nomination(...RECOGNISED));
    // As the action runs it with `working-directory: registry`.
    const result = await commentWith({ cwd: registry });
    expect(result.run).toMatchObject({ conclusion: 'failure' });
    expect(findings(result.run, 'review/decision')).toEqual([
      { path: file, message: expect.stringContaining('stage: dpg set by @nina-nominator, who is not a maintainer') },
    ]);
  });
});
