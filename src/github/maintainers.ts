import { listedReviewerByName, listedTeams, principalName, type Principal, type Reviewers } from '../review/reviewers.js';
import type { GitHubClient } from './client.js';
import { githubStep } from './errors.js';

/** Repository roles that may take decisions. */
const DECIDING_ROLES = new Set(['admin', 'maintain', 'write']);

export interface MaintainerCheck {
  login: string;
  /** Listed in reviewers.yaml and confirmed by GitHub. */
  confirmed: boolean;
  /** How it was confirmed, or why not. */
  detail: string;
  /** A look-up GitHub refused (e.g. team membership without members:read): not confirmed, but not "not a maintainer" either. */
  unverifiable?: string;
}

export interface ReviewerCheck {
  login: string;
  /** Listed in reviewers.yaml by name, or confirmed by GitHub as a member of a listed team. */
  listed: boolean;
  /** Why not. */
  why?: string;
}

function status(err: unknown): number | undefined {
  const value = (err as { status?: unknown } | null)?.status;
  return typeof value === 'number' ? value : undefined;
}

/** One look-up per login whatever its case, shared by every caller while it runs and after. */
function once<T>(cache: Map<string, Promise<T>>, login: string, lookUp: (login: string) => Promise<T>): Promise<T> {
  const key = login.toLowerCase();
  let pending = cache.get(key);
  if (!pending) {
    pending = lookUp(login);
    cache.set(key, pending);
  }
  return pending;
}

/**
 * Confirms maintainers through GitHub: a user listed by name needs write, maintain or admin access to
 * the repository; anyone else an active membership of a team listed as maintainer. Answers are cached
 * per login. `teamsClient` reads team memberships (it needs the organisation's members:read).
 */
export class MaintainerDirectory {
  private readonly cache = new Map<string, Promise<MaintainerCheck>>();
  private readonly reviewerCache = new Map<string, Promise<ReviewerCheck>>();

  constructor(
    private readonly octokit: GitHubClient,
    private readonly repository: { owner: string; repo: string },
    private readonly reviewers: Reviewers,
    private readonly teamsClient: GitHubClient = octokit,
  ) {}

  check(login: string): Promise<MaintainerCheck> {
    return once(this.cache, login, (l) => this.lookUp(l));
  }

  /**
   * Whether a review by `login` may count: listed by name in reviewers.yaml (a group member or a
   * maintainer), or an active member of a team listed there, as GitHub confirms. Cached per login.
   */
  reviewer(login: string): Promise<ReviewerCheck> {
    return once(this.reviewerCache, login, (l) => this.lookUpReviewer(l));
  }

  private async lookUpReviewer(login: string): Promise<ReviewerCheck> {
    if (listedReviewerByName(login, this.reviewers)) return { login, listed: true };
    const where = `${this.repository.owner}/${this.repository.repo}`;
    const teams = listedTeams(this.reviewers);
    const unreadable: string[] = [];
    for (const team of teams) {
      try {
        const { data } = await this.teamsClient.rest.teams.getMembershipForUserInOrg({
          org: team.org,
          team_slug: team.slug,
          username: login,
        });
        if (data.state === 'active') return { login, listed: true };
      } catch (err) {
        const code = status(err);
        if (code === 401 || code === 403) unreadable.push(`${principalName(team)} (${code})`);
        else if (code !== 404)
          await githubStep(`reading the membership of @${login} in ${principalName(team)}`, where, () => Promise.reject(err));
      }
    }
    if (unreadable.length) {
      return {
        login,
        listed: false,
        why: `@${login} is not listed by name in reviewers.yaml and GitHub did not tell whether they belong to ${unreadable.join(', ')}; the token needs the organisation's members:read`,
      };
    }
    return {
      login,
      listed: false,
      why: teams.length
        ? `@${login} is neither listed in reviewers.yaml nor an active member of a team listed there`
        : `@${login} is not listed in reviewers.yaml`,
    };
  }

  private async lookUp(login: string): Promise<MaintainerCheck> {
    const where = `${this.repository.owner}/${this.repository.repo}`;
    const listedUser = this.reviewers.maintainers.some((m) => m.kind === 'user' && m.login.toLowerCase() === login.toLowerCase());
    const refused: string[] = [];
    if (listedUser) {
      try {
        const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...this.repository, username: login });
        const role = (data as { role_name?: string }).role_name ?? data.permission;
        if (DECIDING_ROLES.has(role)) return { login, confirmed: true, detail: `${role} access to ${where}` };
        refused.push(`@${login} has only ${role} access to ${where}`);
      } catch (err) {
        if (status(err) !== 404) {
          await githubStep(`reading the permission of @${login}`, where, () => Promise.reject(err));
        }
        refused.push(`@${login} is not a collaborator of ${where}`);
      }
    }
    let unverifiable: string | undefined;
    const teams = this.reviewers.maintainers.filter((m): m is Extract<Principal, { kind: 'team' }> => m.kind === 'team');
    for (const team of teams) {
      try {
        const { data } = await this.teamsClient.rest.teams.getMembershipForUserInOrg({
          org: team.org,
          team_slug: team.slug,
          username: login,
        });
        if (data.state === 'active') return { login, confirmed: true, detail: `active member of ${principalName(team)}` };
      } catch (err) {
        const code = status(err);
        if (code === 401 || code === 403)
          unverifiable = `membership of ${principalName(team)} could not be read (${code}); the token needs the organisation's members:read`;
        else if (code !== 404)
          await githubStep(`reading the membership of @${login} in ${principalName(team)}`, where, () => Promise.reject(err));
      }
    }
    const detail = refused[0] ?? unverifiable ?? 'not listed as a maintainer';
    return { login, confirmed: false, detail, ...(unverifiable ? { unverifiable } : {}) };
  }
}
