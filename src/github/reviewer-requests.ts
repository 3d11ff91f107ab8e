import type { MatchedGroup, Principal } from '../review/reviewers.js';
import { principalName } from '../review/reviewers.js';
import type { GitHubClient, PullRequestRef } from './client.js';
import { githubStep } from './errors.js';

/** Hidden marker in the bot's comment listing everyone dpg ever requested on the pull request. */
const REQUESTED_PATTERN = /<!-- dpg-requested: ([^>]*) -->/;

export function parseRequestedMarker(body: string): string[] {
  return (REQUESTED_PATTERN.exec(body)?.[1] ?? '').split(/\s+/).filter(Boolean);
}

export interface ReviewActivity {
  /** Logins and team slugs GitHub lists as requested now. */
  requestedUsers: string[];
  requestedTeams: string[];
  /** Logins that submitted a review. */
  reviewed: string[];
  /** Logins whose latest review approves the head commit (an approval of an older commit does not count). */
  approvedAtHead: string[];
}

export async function readReviewActivity(octokit: GitHubClient, pr: PullRequestRef, headSha: string): Promise<ReviewActivity> {
  const where = `${pr.owner}/${pr.repo}`;
  const target = { owner: pr.owner, repo: pr.repo, pull_number: pr.pull };
  const requested = await githubStep(`listing the requested reviewers of pull request #${pr.pull}`, where, () =>
    octokit.rest.pulls.listRequestedReviewers(target),
  );
  const reviews = await githubStep(`listing the reviews of pull request #${pr.pull}`, where, () =>
    octokit.paginate(octokit.rest.pulls.listReviews, { ...target, per_page: 100 }),
  );
  // Only the latest review of each person says where they stand; COMMENTED does not change it.
  const latest = new Map<string, { login: string; state: string; commit: string }>();
  for (const review of reviews) {
    const login = review.user?.login;
    if (!login || review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(login.toLowerCase(), { login, state: review.state, commit: review.commit_id ?? '' });
  }
  return {
    requestedUsers: requested.data.users.map((u) => u.login),
    requestedTeams: requested.data.teams.map((t) => t.slug),
    reviewed: [...new Set(reviews.map((r) => r.user?.login).filter((l): l is string => Boolean(l)))],
    approvedAtHead: [...latest.values()].filter((r) => r.state === 'APPROVED' && r.commit === headSha).map((r) => r.login),
  };
}

export interface RequestPlan {
  users: string[];
  /** Team slugs in the repository's organisation. */
  teams: string[];
  /** Principals left out, with why. */
  skipped: Array<{ name: string; why: string }>;
}

/**
 * Whom to ask: every member of the matching groups, except the author (GitHub refuses that), anyone
 * requested now or before (the comment's marker remembers), anyone who reviewed already, and teams
 * of other organisations, which a pull request cannot request.
 */
export function planReviewRequests(
  groups: readonly MatchedGroup[],
  context: { owner: string; author: string; activity: ReviewActivity; everRequested: readonly string[] },
): RequestPlan {
  const lower = (s: string) => s.toLowerCase();
  const ever = new Set(context.everRequested.map(lower));
  const requestedUsers = new Set(context.activity.requestedUsers.map(lower));
  const requestedTeams = new Set(context.activity.requestedTeams.map(lower));
  const reviewed = new Set(context.activity.reviewed.map(lower));
  const plan: RequestPlan = { users: [], teams: [], skipped: [] };
  const seen = new Set<string>();
  const members: Principal[] = groups.flatMap((g) => g.members);
  for (const member of members) {
    const name = principalName(member);
    if (seen.has(lower(name))) continue;
    seen.add(lower(name));
    if (member.kind === 'user') {
      const login = lower(member.login);
      if (login === lower(context.author)) plan.skipped.push({ name, why: 'the author of the pull request' });
      else if (requestedUsers.has(login)) plan.skipped.push({ name, why: 'already requested' });
      else if (reviewed.has(login)) plan.skipped.push({ name, why: 'already reviewed' });
      else if (ever.has(lower(name))) plan.skipped.push({ name, why: 'requested before' });
      else plan.users.push(member.login);
    } else if (lower(member.org) !== lower(context.owner)) {
      plan.skipped.push({ name, why: `a team of another organisation than ${context.owner}` });
    } else if (requestedTeams.has(lower(member.slug))) plan.skipped.push({ name, why: 'already requested' });
    else if (ever.has(lower(name))) plan.skipped.push({ name, why: 'requested before' });
    else plan.teams.push(member.slug);
  }
  return plan;
}

export interface RequestOutcome {
  /** `@login` and `@org/team` names requested now. */
  requested: string[];
  /** Requests GitHub refused, with its reason. */
  refused: Array<{ name: string; why: string }>;
}

/**
 * Sends the requests in one call; when GitHub refuses it (422, e.g. a user who is not a collaborator,
 * or a team the token cannot see) each reviewer is requested alone, so one refusal costs no one else.
 */
export async function requestReviews(octokit: GitHubClient, pr: PullRequestRef, plan: RequestPlan): Promise<RequestOutcome> {
  const where = `${pr.owner}/${pr.repo}`;
  const target = { owner: pr.owner, repo: pr.repo, pull_number: pr.pull };
  const names = [...plan.users.map((u) => `@${u}`), ...plan.teams.map((t) => `@${pr.owner}/${t}`)];
  if (!names.length) return { requested: [], refused: [] };
  const send = (reviewers: string[], teamReviewers: string[]) =>
    githubStep(`requesting reviewers on pull request #${pr.pull}`, where, () =>
      octokit.rest.pulls.requestReviewers({ ...target, reviewers, team_reviewers: teamReviewers }),
    );
  try {
    await send(plan.users, plan.teams);
    return { requested: names, refused: [] };
  } catch (err) {
    if ((err as { status?: number }).status !== 422) throw err;
  }
  const outcome: RequestOutcome = { requested: [], refused: [] };
  const one = async (name: string, users: string[], teams: string[]) => {
    try {
      await send(users, teams);
      outcome.requested.push(name);
    } catch (err) {
      if ((err as { status?: number }).status !== 422) throw err;
      outcome.refused.push({ name, why: (err as Error).message });
    }
  };
  for (const user of plan.users) await one(`@${user}`, [user], []);
  for (const team of plan.teams) await one(`@${pr.owner}/${team}`, [], [team]);
  return outcome;
}
