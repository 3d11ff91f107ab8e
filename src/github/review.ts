import { renderReview, type Verdict } from '../formatters/markdown.js';
import type { FormatterOptions } from '../formatters/types.js';
import type { FileResult } from '../core/types.js';
import { publishCheckRun, type CheckRunOutcome } from './checks.js';
import type { GitHubClient } from './client.js';
import { upsertReviewComment, type CommentOutcome, type ExistingComment, type PullRequestRef } from './comment.js';
import { githubStep } from './errors.js';
import { desiredLabels, failingIndicators, syncLabels, type LabelOutcome } from './labels.js';

export interface PublishReviewOptions {
  pr: PullRequestRef;
  results: readonly FileResult[];
  /** Formatter options of the comment body; `review.commitSha` also names the commit of the check run. */
  format: FormatterOptions;
  /** Only comments by this login count as the bot's (a marker pasted by someone else is ignored). */
  author?: string;
  /** Link of the check run's "details". */
  detailsUrl?: string;
  dryRun?: boolean;
  /** The pull request's comments when they were read already. */
  comments?: readonly ExistingComment[];
}

export interface ReviewOutcome {
  verdict: Verdict;
  body: string;
  comment: CommentOutcome;
  labels: LabelOutcome;
  checkRun?: CheckRunOutcome;
}

/** Brings the pull request up to date with the results: the review comment, the labels and a check run. */
export async function publishReview(octokit: GitHubClient, options: PublishReviewOptions): Promise<ReviewOutcome> {
  const { pr, results } = options;
  const where = `${pr.owner}/${pr.repo}`;
  await githubStep(`reading pull request #${pr.pull}`, where, () =>
    octokit.rest.pulls.get({ owner: pr.owner, repo: pr.repo, pull_number: pr.pull }),
  `pull request #${pr.pull} not found in ${where} (404)`);

  const { body, verdict } = renderReview(results, options.format);
  const comment = await upsertReviewComment(octokit, pr, { body, verdict, author: options.author, dryRun: options.dryRun, existing: options.comments });
  const labels = await syncLabels(octokit, pr, desiredLabels(verdict, failingIndicators(results)), { dryRun: options.dryRun });
  const headSha = options.format.review?.commitSha;
  const checkRun = headSha
    ? await publishCheckRun(octokit, pr, { headSha, results, verdict, notes: options.format.review?.notes ?? [], detailsUrl: options.detailsUrl, dryRun: options.dryRun })
    : undefined;
  return { verdict, body, comment, labels, ...(checkRun ? { checkRun } : {}) };
}
