import type { GitHubClient } from '../client.js';
import { githubStep } from '../errors.js';
import type { MaintainerDirectory } from '../maintainers.js';

/** The comment command that re-runs the checks of a pull request. */
const RECHECK_COMMAND = '/dpg recheck';
/** The workflow whose latest run on the pull request's head is re-run. */
const DEFAULT_RECHECK_WORKFLOW = 'validate.yml';

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** Whether a comment is the recheck command: its first non-empty line, in any case, and nothing more on that line. */
export function isRecheckCommand(body: string): boolean {
  const first = body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '');
  return first?.toLowerCase() === RECHECK_COMMAND;
}

export type RecheckOutcome =
  | { action: 'ignored'; why: string }
  | { action: 'refused'; login: string; why: string }
  | { action: 'rerun' | 'running'; login: string; as: 'author' | 'maintainer'; runId: number; pull: number }
  | { action: 'no-run'; login: string; as: 'author' | 'maintainer'; pull: number; why: string };

export interface RecheckOptions {
  repository: { owner: string; repo: string };
  commentId: number;
  /** Confirms maintainers from the base branch's reviewers.yaml; without it only the pull request's author is honoured. */
  maintainers?: MaintainerDirectory;
  /** File name of the workflow to re-run. */
  workflow?: string;
  dryRun?: boolean;
}

/**
 * Acts on a `/dpg recheck` comment: who wrote it is read from GitHub, never from the event; only new
 * comments by people count. The pull request's author and confirmed maintainers get the latest run of
 * the validate workflow on the head commit re-run (which in turn refreshes the comment) and a 👍;
 * anyone else a 😕 and a reply saying why.
 */
export async function handleRecheck(octokit: GitHubClient, options: RecheckOptions): Promise<RecheckOutcome> {
  const { repository } = options;
  const where = `${repository.owner}/${repository.repo}`;
  const { data: comment } = await githubStep(
    `reading comment ${options.commentId}`,
    where,
    () => octokit.rest.issues.getComment({ ...repository, comment_id: options.commentId }),
    `comment ${options.commentId} not found in ${where} (404)`,
  );
  const login = comment.user?.login ?? '';
  if (!comment.user || comment.user.type === 'Bot' || login.endsWith('[bot]')) return { action: 'ignored', why: 'written by a bot' };
  if (comment.updated_at !== comment.created_at)
    return { action: 'ignored', why: 'the comment was edited; only new comments are commands' };
  if (!isRecheckCommand(comment.body ?? '')) return { action: 'ignored', why: `not a ${RECHECK_COMMAND} command` };
  const pullMatch = /\/issues\/(\d+)$/.exec(comment.issue_url);
  if (!pullMatch || !LOGIN.test(login)) return { action: 'ignored', why: 'not a comment on a pull request' };
  const pull = Number(pullMatch[1]);

  let pr;
  try {
    pr = (await octokit.rest.pulls.get({ ...repository, pull_number: pull })).data;
  } catch (err) {
    if ((err as { status?: unknown }).status === 404) return { action: 'ignored', why: `#${pull} is an issue, not a pull request` };
    return githubStep(`reading pull request #${pull}`, where, () => Promise.reject(err));
  }
  const react = (content: '+1' | 'confused') =>
    options.dryRun
      ? Promise.resolve()
      : githubStep(`reacting to comment ${comment.id}`, where, () =>
          octokit.rest.reactions.createForIssueComment({ ...repository, comment_id: comment.id, content }),
        ).then(() => undefined);
  const reply = (text: string) =>
    options.dryRun
      ? Promise.resolve()
      : githubStep(`replying on pull request #${pull}`, where, () =>
          octokit.rest.issues.createComment({ ...repository, issue_number: pull, body: text }),
        ).then(() => undefined);

  let as: 'author' | 'maintainer' | undefined;
  if (pr.user?.login && pr.user.login.toLowerCase() === login.toLowerCase()) as = 'author';
  else if (options.maintainers && (await options.maintainers.check(login)).confirmed) as = 'maintainer';
  if (!as) {
    const why = `only the pull request's author or a maintainer listed in reviewers.yaml can ask for a recheck`;
    await react('confused');
    await reply(`@${login}: ${why}. Push a new commit to run the checks again.`);
    return { action: 'refused', login, why };
  }

  const workflow = options.workflow ?? DEFAULT_RECHECK_WORKFLOW;
  const { data: runs } = await githubStep(`listing the runs of ${workflow} on ${pr.head.sha.slice(0, 7)}`, where, () =>
    octokit.rest.actions.listWorkflowRuns({
      ...repository,
      workflow_id: workflow,
      head_sha: pr.head.sha,
      event: 'pull_request',
      per_page: 100,
    }),
  );
  const latest = [...runs.workflow_runs].sort((a, b) => b.id - a.id)[0];
  if (!latest) {
    const why = `no run of ${workflow} on the head commit ${pr.head.sha.slice(0, 7)} to re-run`;
    await react('confused');
    await reply(`@${login}: ${why}; push a new commit to run the checks.`);
    return { action: 'no-run', login, as, pull, why };
  }
  if (latest.status !== 'completed') {
    await react('+1');
    return { action: 'running', login, as, runId: latest.id, pull };
  }
  if (!options.dryRun) {
    await githubStep(`re-running run ${latest.id} of ${workflow}`, where, () =>
      octokit.rest.actions.reRunWorkflow({ ...repository, run_id: latest.id }),
    );
  }
  await react('+1');
  return { action: 'rerun', login, as, runId: latest.id, pull };
}
