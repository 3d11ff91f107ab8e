import { linkDestination } from '../../formatters/markdown.js';
import type { GitHubClient, PullRequestRef } from '../client.js';
import { githubStep } from '../errors.js';
import { COMMENT_MARKER, OUTDATED_MARKER, parseVerdictMarker, type Verdict } from './body.js';

export interface ExistingComment {
  id: number;
  body: string;
  author?: string;
  url?: string;
}

type CommentAction = 'create' | 'update' | 'replace' | 'unchanged';

export interface CommentPlan {
  /** `replace`: the verdict flipped, so a new comment notifies people and the old one is marked outdated. */
  action: CommentAction;
  /** The comment to update, or to mark outdated when replacing. */
  current?: ExistingComment;
  /** Further marked comments, to delete. */
  duplicates: ExistingComment[];
}

export interface CommentOutcome extends CommentPlan {
  /** Id and address of the comment that now holds the results (absent in a dry run that would create one). */
  commentId?: number;
  url?: string;
  dryRun: boolean;
}

export function isBotComment(comment: ExistingComment, author?: string): boolean {
  if (!comment.body.includes(COMMENT_MARKER)) return false;
  return author === undefined || comment.author?.toLowerCase() === author.toLowerCase();
}

/**
 * What to do with the bot's comments already on the pull request (oldest first): keep the newest
 * marked one, delete the others, and write only when the body changed.
 */
export function planComment(existing: readonly ExistingComment[], body: string, verdict: Verdict, author?: string): CommentPlan {
  const marked = existing.filter((c) => isBotComment(c, author));
  const current = marked.at(-1);
  const duplicates = marked.slice(0, -1);
  if (!current) return { action: 'create', duplicates };
  if (current.body === body) return { action: 'unchanged', current, duplicates };
  const previous = parseVerdictMarker(current.body);
  const action = previous !== null && previous !== verdict ? 'replace' : 'update';
  return { action, current, duplicates };
}

/** The text an outdated comment is replaced with; it keeps no COMMENT_MARKER so it is never matched again. */
function outdatedCommentBody(newerUrl?: string): string {
  const destination = newerUrl ? linkDestination(newerUrl) : null;
  const newer = destination ? `[newer results](${destination})` : 'newer results below';
  return `${OUTDATED_MARKER}\n_These DPG check results are outdated: the result changed. See the ${newer}._\n`;
}

/** A comment or label that is already gone needs no removal. */
export function ignoreNotFound(err: unknown): undefined {
  if ((err as { status?: unknown } | null)?.status === 404) return undefined;
  throw err;
}

/** Every comment of the pull request, across all pages. */
export async function listComments(octokit: GitHubClient, pr: PullRequestRef): Promise<ExistingComment[]> {
  const where = `${pr.owner}/${pr.repo}`;
  const comments = await githubStep(`listing the comments of pull request #${pr.pull}`, where, () =>
    octokit.paginate(octokit.rest.issues.listComments, { owner: pr.owner, repo: pr.repo, issue_number: pr.pull, per_page: 100 }),
  );
  return comments.map((c) => ({ id: c.id, body: c.body ?? '', author: c.user?.login, url: c.html_url }));
}

/** Creates or updates the bot's one comment (see planComment); writes nothing when `dryRun`. */
export async function upsertComment(
  octokit: GitHubClient,
  pr: PullRequestRef,
  comment: { body: string; verdict: Verdict; author?: string; dryRun?: boolean; existing?: readonly ExistingComment[] },
): Promise<CommentOutcome> {
  const where = `${pr.owner}/${pr.repo}`;
  const target = { owner: pr.owner, repo: pr.repo };
  const plan = planComment(comment.existing ?? (await listComments(octokit, pr)), comment.body, comment.verdict, comment.author);
  const dryRun = comment.dryRun ?? false;
  if (dryRun)
    return {
      ...plan,
      commentId: plan.action === 'create' || plan.action === 'replace' ? undefined : plan.current?.id,
      url: plan.current?.url,
      dryRun,
    };

  let commentId = plan.current?.id;
  let url = plan.current?.url;
  if (plan.action === 'create' || plan.action === 'replace') {
    const created = await githubStep(`commenting on pull request #${pr.pull}`, where, () =>
      octokit.rest.issues.createComment({ ...target, issue_number: pr.pull, body: comment.body }),
    );
    commentId = created.data.id;
    url = created.data.html_url;
  }
  if (plan.action === 'update' && plan.current) {
    const current = plan.current;
    await githubStep(`updating comment ${current.id}`, where, () =>
      octokit.rest.issues.updateComment({ ...target, comment_id: current.id, body: comment.body }),
    );
  }
  if (plan.action === 'replace' && plan.current) {
    const current = plan.current;
    await githubStep(`marking comment ${current.id} outdated`, where, () =>
      octokit.rest.issues.updateComment({ ...target, comment_id: current.id, body: outdatedCommentBody(url) }),
    );
  }
  for (const duplicate of plan.duplicates) {
    await githubStep(`deleting duplicate comment ${duplicate.id}`, where, () =>
      octokit.rest.issues.deleteComment({ ...target, comment_id: duplicate.id }).catch(ignoreNotFound),
    );
  }
  return { ...plan, commentId, url, dryRun };
}
