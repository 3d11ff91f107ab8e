import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import { readRegistryBytes } from '../../load/read.js';
import { entryExists } from '../../util/regular-file.js';
import type { HumanReviewOutcome } from '../../github/human-review.js';
import type { PublishOutcome } from '../../github/bot/publish.js';
import { displayPath, loadConfig } from '../../runner/files.js';
import { showControls as shown } from '../../util/visible-text.js';
import type { RegisterCommand } from '../context.js';
import { commentContext, markdownFormatterOptions, parseRepository, readResultsFile, type ReviewFlags } from '../shared/results.js';

/** The login of comments made with the GITHUB_TOKEN of a workflow. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

interface CommentFlags extends ReviewFlags {
  repo: string;
  pr: number;
  report: string;
  author: string;
  dryRun?: boolean;
  config?: string;
}

function parsePullNumber(value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value)) throw new Error(`--pr must be a pull request number, not "${value}"`);
  return Number(value);
}

function describe(outcome: PublishOutcome, dryRun: boolean): string[] {
  const would = dryRun ? 'would be ' : '';
  const lines: string[] = [];
  const { comment, labels, checkRun } = outcome;
  const at = comment.url ? ` ${shown(comment.url)}` : '';
  switch (comment.action) {
    case 'create':
      lines.push(`comment: ${would}created${at} (${outcome.verdict})`);
      break;
    case 'update':
      lines.push(`comment: ${would}updated${at} (${outcome.verdict})`);
      break;
    case 'replace':
      lines.push(
        `comment: verdict changed to ${outcome.verdict}; a new comment ${would}posted${at} and comment ${comment.current?.id} ${would}marked outdated`,
      );
      break;
    case 'unchanged':
      lines.push(`comment: unchanged${at}`);
      break;
  }
  if (comment.duplicates.length) lines.push(`comment: ${comment.duplicates.length} duplicate(s) ${would}deleted`);
  const changes = [...labels.add.map((l) => `+"${shown(l.name)}"`), ...labels.remove.map((name) => `-"${shown(name)}"`)];
  lines.push(
    changes.length
      ? `labels: ${would}${changes.join(' ')}${labels.created.length ? ` (${labels.created.length} ${would}created in the repository)` : ''}`
      : 'labels: unchanged',
  );
  if (checkRun) {
    lines.push(
      checkRun.action === 'unchanged'
        ? 'check run: unchanged'
        : `check run: ${would}created with ${checkRun.annotations} annotation(s) in ${checkRun.batches} request(s)${checkRun.omitted ? `; ${checkRun.omitted} more finding(s) only counted in its summary` : ''}`,
    );
  }
  return lines;
}

export function describeHumanReview(outcome: HumanReviewOutcome, dryRun: boolean): string[] {
  const lines = [
    outcome.requested.length
      ? `reviewers: ${dryRun ? 'would be ' : ''}requested ${outcome.requested.map(shown).join(', ')}`
      : 'reviewers: nobody new to request',
  ];
  for (const refusal of outcome.refused) lines.push(`reviewers: GitHub refused ${shown(refusal.name)}: ${shown(refusal.why)}`);
  for (const d of outcome.decisions) {
    lines.push(`decision: ${shown(d.file)} ${shown(d.change)} ${d.accepted ? 'accepted' : 'rejected'}: ${shown(d.reason)}`);
  }
  return lines;
}

/**
 * The root of the git repository holding `dir`: GitHub names a pull request's files relative to it,
 * also when the registry lives in a subfolder. Outside git, `dir` itself.
 */
async function repositoryRootOf(dir: string): Promise<string> {
  try {
    const { gitText } = await import('../../runner/git/run.js');
    const top = (await gitText(['rev-parse', '--show-toplevel'], { cwd: dir })).trim();
    if (top) return path.resolve(top);
  } catch {
    // git refused (no git, or a checkout it deems of dubious ownership): look for the .git entry itself.
  }
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (existsSync(path.join(at, '.git'))) return at;
    if (path.dirname(at) === at) return dir;
  }
}

/** A results path as written relative to `cwd`, made relative to the repository root as GitHub names files. */
function fromRepositoryRoot(file: string, cwd: string, root: string): string {
  if (!file || path.isAbsolute(file) || /^[a-z]:/i.test(file) || file.split('/').includes('..')) return file;
  const relative = path.relative(root, path.resolve(cwd, file));
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

export const registerComment: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('comment')
    .description(
      'Post or update the checks comment, labels and check run of a pull request from saved results (token: GITHUB_TOKEN, API: GITHUB_API_URL).',
    )
    .requiredOption('--repo <owner/name>', 'the repository of the pull request')
    .requiredOption('--pr <number>', 'the pull request number', parsePullNumber)
    .requiredOption('--report <file>', 'results file written by `dpg validate --format json`')
    .option('--sha <commit>', 'the commit the results describe; also gets a check run with annotations')
    .option('--server-url <url>', 'GitHub web address (default: GITHUB_SERVER_URL or https://github.com)')
    .option('--summary-url <url>', 'the job summary with the full report (linked when the comment is shortened, and from the check run)')
    .option('--author <login>', "only comments by this account count as the bot's", ACTIONS_BOT_LOGIN)
    .option('--dry-run', 'read the pull request and say what would change, without writing anything')
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action(async (flags: CommentFlags) => {
      const { GitHubError } = await import('../../github/errors.js');
      const { owner, repo } = parseRepository(flags.repo);
      const { config, root } = loadConfig(io.cwd, flags.config);
      const read = readResultsFile(flags.report, io.cwd);
      // The results name files from the working directory; annotations and the pull request's files, from the repository root.
      const repositoryRoot = await repositoryRootOf(root);
      const results = read.results.map((r) => ({ ...r, file: fromRepositoryRoot(r.file, io.cwd, repositoryRoot) }));
      const notes = read.notes;
      let context = commentContext(flags, notes, io.env);
      const token = io.env.GITHUB_TOKEN?.trim();
      if (!token && !flags.dryRun)
        throw new UsageError('GITHUB_TOKEN is not set; it must hold a token that may write pull request comments, labels and checks.');
      // Octokit is loaded only here, so that other commands start without it.
      const { createGitHubClient, DEFAULT_API_URL, isLoopbackUrl } = await import('../../github/client.js');
      const { publishResults } = await import('../../github/bot/publish.js');
      const baseUrl = io.env.GITHUB_API_URL?.trim() || DEFAULT_API_URL;
      if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new UsageError(`GITHUB_API_URL must be an http(s) URL, not "${baseUrl}".`);
      // A loopback API is a local stand-in: waiting GitHub's real back-off there only makes tests slow.
      const local = isLoopbackUrl(baseUrl);
      const octokit = createGitHubClient({
        token,
        baseUrl,
        paceWrites: !local,
        delayUnitMs: local ? 5 : 1000,
        warn: (message) => io.stderr(`dpg: ${message}\n`),
      });
      try {
        const pr = { owner, repo, pull: flags.pr };
        // Human review is on when the checkout (the base branch: trusted) has a reviewers file.
        const { reviewPaths } = await import('../../runner/reviews.js');
        const { reviewersFile } = reviewPaths(root, config);
        let human: HumanReviewOutcome | undefined;
        let comments;
        if (entryExists(reviewersFile)) {
          const { loadReviewers } = await import('../../review/reviewers.js');
          const shown = displayPath(reviewersFile, io.cwd);
          const loaded = loadReviewers(shown, readRegistryBytes(reviewersFile), config);
          if (!loaded.reviewers)
            throw new UsageError(`${shown} has errors, so reviewers and maintainers are unknown; run \`dpg validate ${shown}\`.`);
          const { listComments } = await import('../../github/bot/upsert.js');
          const { prepareHumanReview } = await import('../../github/human-review.js');
          const membersToken = io.env.GITHUB_MEMBERS_TOKEN?.trim();
          comments = await listComments(octokit, pr);
          human = await prepareHumanReview(octokit, {
            pr,
            results,
            config,
            configRoot: root,
            repositoryRoot,
            reviewers: loaded.reviewers,
            comments,
            configFile: flags.config ? path.resolve(io.cwd, flags.config) : path.join(io.cwd, CONFIG_FILE),
            botLogin: flags.author,
            now: io.now,
            dryRun: flags.dryRun,
            ...(membersToken
              ? { teamsClient: createGitHubClient({ token: membersToken, baseUrl, paceWrites: !local, delayUnitMs: local ? 5 : 1000 }) }
              : {}),
          });
        }
        if (human?.notes.length) context = { ...context, notes: [...(context.notes ?? []), ...human.notes] };
        if (human) context = { ...context, humanReview: human.section };
        const outcome = await publishResults(octokit, {
          pr,
          results: human?.results ?? results,
          format: markdownFormatterOptions(config.docsBaseUrl, context),
          context,
          author: flags.author,
          detailsUrl: flags.summaryUrl,
          dryRun: flags.dryRun,
          ...(comments ? { comments } : {}),
        });
        if (human) for (const line of describeHumanReview(human, Boolean(flags.dryRun))) io.stdout(`${line}\n`);
        for (const line of describe(outcome, Boolean(flags.dryRun))) io.stdout(`${line}\n`);
        if (flags.dryRun) io.stdout(`\n${outcome.body}`);
        setExitCode(0);
      } catch (err) {
        if (!(err instanceof GitHubError)) throw err;
        io.stderr(`dpg: ${shown(err.message)}\n`);
        setExitCode(2);
      }
    });
};
