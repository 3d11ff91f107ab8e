import type { FileResult } from '../../core/types.js';
import type { FormatterOptions } from '../../formatters/types.js';
import type { GitHubClient, PullRequestRef } from '../client.js';
import { githubStep } from '../errors.js';
import { renderComment, type Verdict } from './body.js';
import { publishCheckRun, type CheckRunOutcome } from './checks.js';
import type { CommentContext } from './context.js';
import { desiredLabels, failingIndicators, syncLabels, type LabelOutcome } from './labels.js';
import { upsertComment, type CommentOutcome, type ExistingComment } from './upsert.js';

export interface PublishOptions {
  pr: PullRequestRef;
  results: readonly FileResult[];
  /** Docs links, version and `quiet` of the comment body. */
  format: FormatterOptions;
  /** What the comment needs besides the results; `commitSha` also names the commit of the check run. */
  context: CommentContext;
  /** Only comments by this login count as the bot's (a marker pasted by someone else is ignored). */
  author?: string;
  /** Link of the check run's "details". */
  detailsUrl?: string;
  dryRun?: boolean;
  /** The pull request's comments when they were read already. */
  comments?: readonly ExistingComment[];
}

export interface PublishOutcome {
  verdict: Verdict;
  body: string;
  comment: CommentOutcome;
  labels: LabelOutcome;
  checkRun?: CheckRunOutcome;
}

/** Brings the pull request up to date with the results: the bot's comment, the labels and a check run. */
export async function publishResults(octokit: GitHubClient, options: PublishOptions): Promise<PublishOutcome> {
  const { pr, results, context } = options;
  const where = `${pr.owner}/${pr.repo}`;
  await githubStep(
    `reading pull request #${pr.pull}`,
    where,
    () => octokit.rest.pulls.get({ owner: pr.owner, repo: pr.repo, pull_number: pr.pull }),
    `pull request #${pr.pull} not found in ${where} (404)`,
  );

  const { body, verdict } = renderComment(results, options.format, context);
  const comment = await upsertComment(octokit, pr, {
    body,
    verdict,
    author: options.author,
    dryRun: options.dryRun,
    existing: options.comments,
  });
  const labels = await syncLabels(octokit, pr, desiredLabels(verdict, failingIndicators(results)), { dryRun: options.dryRun });
  const headSha = context.commitSha;
  const checkRun = headSha
    ? await publishCheckRun(octokit, pr, {
        headSha,
        results,
        verdict,
        notes: context.notes ?? [],
        detailsUrl: options.detailsUrl,
        dryRun: options.dryRun,
      })
    : undefined;
  return { verdict, body, comment, labels, ...(checkRun ? { checkRun } : {}) };
}
