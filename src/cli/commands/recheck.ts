import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { readRegistryBytes } from '../../load/read.js';
import type { RecheckOutcome } from '../../github/bot/recheck.js';
import { displayPath, loadConfig } from '../../runner/files.js';
import { describeReadProblem, entryExists, isReadProblem, readRegularFile } from '../../util/regular-file.js';
import { showControls as shown } from '../../util/visible-text.js';
import type { RegisterCommand } from '../context.js';
import { parseRepository } from '../shared/results.js';

const MAX_EVENT_BYTES = 25 * 1024 * 1024;

interface RecheckFlags {
  repo: string;
  commentId?: number;
  event?: string;
  workflow: string;
  dryRun?: boolean;
  config?: string;
}

function parseCommentId(value: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value)) throw new UsageError(`--comment-id must be a comment id, not "${value}".`);
  return Number(value);
}

/**
 * The comment id of an issue_comment event, or why the event is no command: only a new comment on a
 * pull request counts (edits and deletions do not).
 */
function commentFromEvent(file: string, cwd: string): { commentId: number } | { ignored: string } {
  const read = readRegularFile(path.resolve(cwd, file), MAX_EVENT_BYTES);
  if (isReadProblem(read)) throw new UsageError(`Cannot read the event file ${file}: it ${describeReadProblem(read)}.`);
  let event: { action?: unknown; issue?: { pull_request?: unknown }; comment?: { id?: unknown } };
  try {
    event = JSON.parse(read.bytes.toString('utf8')) as typeof event;
  } catch (err) {
    throw new UsageError(`${file}: not JSON (${(err as Error).message}).`);
  }
  if (event === null || typeof event !== 'object') throw new UsageError(`${file}: not an issue_comment event.`);
  if (event.action !== 'created')
    return { ignored: `the comment was ${typeof event.action === 'string' ? shown(event.action) : 'changed'}, not created` };
  if (!event.issue?.pull_request) return { ignored: 'not a comment on a pull request' };
  const id = event.comment?.id;
  if (!Number.isSafeInteger(id) || (id as number) < 1) throw new UsageError(`${file}: comment.id is not a comment id.`);
  return { commentId: id as number };
}

function describe(outcome: RecheckOutcome, dryRun: boolean): string {
  const would = dryRun ? 'would be ' : '';
  switch (outcome.action) {
    case 'ignored':
      return `recheck: ignored (${shown(outcome.why)})`;
    case 'refused':
      return `recheck: refused @${shown(outcome.login)}: ${shown(outcome.why)}`;
    case 'no-run':
      return `recheck: nothing to re-run for @${shown(outcome.login)} (${outcome.as}): ${shown(outcome.why)}`;
    case 'running':
      return `recheck: run ${outcome.runId} on pull request #${outcome.pull} is still running; asked by @${shown(outcome.login)} (${outcome.as})`;
    case 'rerun':
      return `recheck: run ${outcome.runId} on pull request #${outcome.pull} ${would}re-run for @${shown(outcome.login)} (${outcome.as})`;
  }
}

export const registerRecheck: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('recheck')
    .description(
      'Act on a `/dpg recheck` pull-request comment: re-run the checks for the author or a maintainer, refuse anyone else (token: GITHUB_TOKEN, API: GITHUB_API_URL).',
    )
    .requiredOption('--repo <owner/name>', 'the repository of the pull request')
    .option('--comment-id <id>', 'the comment to act on (default: the comment of the event in GITHUB_EVENT_PATH)', parseCommentId)
    .option('--event <file>', 'an issue_comment event payload (default: GITHUB_EVENT_PATH)')
    .option('--workflow <file>', 'the workflow whose latest run on the head commit is re-run', 'validate.yml')
    .option('--dry-run', 'read the comment and say what would happen, without writing anything')
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action(async (flags: RecheckFlags) => {
      const { GitHubError } = await import('../../github/errors.js');
      const repository = parseRepository(flags.repo);
      if (!/^[\w.-]+\.ya?ml$/.test(flags.workflow))
        throw new UsageError(`--workflow must be a workflow file name such as validate.yml, not "${flags.workflow}".`);
      let commentId = flags.commentId;
      if (commentId === undefined) {
        const eventFile = flags.event ?? io.env.GITHUB_EVENT_PATH?.trim();
        if (!eventFile)
          throw new UsageError('Give the comment with --comment-id <id>, or the event with --event <file> or GITHUB_EVENT_PATH.');
        const fromEvent = commentFromEvent(eventFile, io.cwd);
        if ('ignored' in fromEvent) {
          io.stdout(`recheck: ignored (${fromEvent.ignored})\n`);
          setExitCode(0);
          return;
        }
        commentId = fromEvent.commentId;
      }
      const { config, root } = loadConfig(io.cwd, flags.config);
      const token = io.env.GITHUB_TOKEN?.trim();
      if (!token)
        throw new UsageError('GITHUB_TOKEN is not set; it must hold a token that may read comments, react, comment and re-run workflows.');
      const { createGitHubClient, DEFAULT_API_URL, isLoopbackUrl } = await import('../../github/client.js');
      const { handleRecheck } = await import('../../github/bot/recheck.js');
      const baseUrl = io.env.GITHUB_API_URL?.trim() || DEFAULT_API_URL;
      if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new UsageError(`GITHUB_API_URL must be an http(s) URL, not "${baseUrl}".`);
      const local = isLoopbackUrl(baseUrl);
      const client = (auth: string) =>
        createGitHubClient({
          token: auth,
          baseUrl,
          paceWrites: !local,
          delayUnitMs: local ? 5 : 1000,
          warn: (message) => io.stderr(`dpg: ${message}\n`),
        });
      const octokit = client(token);
      try {
        // Maintainers come from the checkout (the base branch: trusted), confirmed through GitHub; never from the pull request.
        const { reviewPaths } = await import('../../runner/reviews.js');
        const { reviewersFile } = reviewPaths(root, config);
        let maintainers;
        if (entryExists(reviewersFile)) {
          const { loadReviewers } = await import('../../review/reviewers.js');
          const { MaintainerDirectory } = await import('../../github/maintainers.js');
          const file = displayPath(reviewersFile, io.cwd);
          const loaded = loadReviewers(file, readRegistryBytes(reviewersFile), config);
          if (!loaded.reviewers) throw new UsageError(`${file} has errors, so maintainers are unknown; run \`dpg validate ${file}\`.`);
          const membersToken = io.env.GITHUB_MEMBERS_TOKEN?.trim();
          maintainers = new MaintainerDirectory(octokit, repository, loaded.reviewers, membersToken ? client(membersToken) : octokit);
        }
        const outcome = await handleRecheck(octokit, {
          repository,
          commentId,
          workflow: flags.workflow,
          dryRun: flags.dryRun,
          ...(maintainers ? { maintainers } : {}),
        });
        io.stdout(`${describe(outcome, Boolean(flags.dryRun))}\n`);
        setExitCode(0);
      } catch (err) {
        if (!(err instanceof GitHubError)) throw err;
        io.stderr(`dpg: ${shown(err.message)}\n`);
        setExitCode(2);
      }
    });
};
