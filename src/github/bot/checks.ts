import { createHash } from 'node:crypto';
import { escapeMarkdownText } from '../../formatters/markdown.js';
import type { ChangeNote } from '../../formatters/types.js';
import type { FileResult, Severity } from '../../core/types.js';
import { showControls } from '../../util/visible-text.js';
import type { GitHubClient, PullRequestRef } from '../client.js';
import { githubStep } from '../errors.js';
import type { Verdict } from './body.js';

export const CHECK_NAME = 'DPG review';
/** GitHub accepts at most this many annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/**
 * The most annotations sent for one check run (ten requests): the results come from an untrusted job,
 * and each batch of 50 is one write with the job's token. The rest is counted in the summary.
 */
export const MAX_ANNOTATIONS = 500;

const MAX_ANNOTATION_MESSAGE = 4_000;
const LEVEL: Record<Severity, CheckAnnotation['annotation_level']> = { error: 'failure', warning: 'warning', info: 'notice' };

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title: string;
}

const LEVEL_ORDER: Record<CheckAnnotation['annotation_level'], number> = { failure: 0, warning: 1, notice: 2 };

/** The annotations to send, errors first, at most `MAX_ANNOTATIONS`, and how many were left out. */
function cappedAnnotations(results: readonly FileResult[], max = MAX_ANNOTATIONS): { annotations: CheckAnnotation[]; omitted: number } {
  const all = checkAnnotations(results);
  // Array.prototype.sort is stable: within a level, the results' order stays.
  const sorted = all.sort((a, b) => LEVEL_ORDER[a.annotation_level] - LEVEL_ORDER[b.annotation_level]);
  return { annotations: sorted.slice(0, max), omitted: Math.max(0, sorted.length - max) };
}

export function checkAnnotations(results: readonly FileResult[]): CheckAnnotation[] {
  // GitHub only annotates files of the repository, named relative to its root.
  const inRepository = results.filter(
    (r) => r.file && !r.file.startsWith('/') && !/^[a-z]:/i.test(r.file) && !r.file.split('/').includes('..'),
  );
  return inRepository.flatMap((result) =>
    result.diagnostics.map((d) => {
      // Diagnostic ends are exclusive: a span ending at column 1 ends on the line before.
      const endLine = Math.max(d.line, d.endColumn <= 1 && d.endLine > d.line ? d.endLine - 1 : d.endLine);
      // Annotations show the text as it is: controls and bidirectional marks from nominations become visible escapes.
      const message = showControls(d.waived ? `${d.message} (waived by ${d.waived.approvedBy}: ${d.waived.reason})` : d.message);
      return {
        path: result.file,
        start_line: d.line,
        end_line: endLine,
        ...(endLine === d.line ? { start_column: d.column, end_column: Math.max(d.column, d.endColumn - 1) } : {}),
        annotation_level: LEVEL[d.severity],
        message: message.length > MAX_ANNOTATION_MESSAGE ? message.slice(0, MAX_ANNOTATION_MESSAGE) + '…' : message,
        title: showControls(d.ruleId).slice(0, 255),
      };
    }),
  );
}

interface CheckOutput {
  title: string;
  /** Ends with a digest of the annotations, so an identical run can be recognised. */
  summary: string;
  conclusion: 'success' | 'failure';
}

function checkOutput(
  results: readonly FileResult[],
  verdict: Verdict,
  annotations: readonly CheckAnnotation[],
  extra: { omitted?: number; notes?: readonly ChangeNote[] } = {},
): CheckOutput {
  const notes = extra.notes ?? [];
  const errors =
    results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length, 0) +
    notes.filter((n) => n.severity === 'error').length;
  const warnings =
    results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length, 0) +
    notes.filter((n) => n.severity === 'warning').length;
  const parts = [
    errors ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  const title = parts.length ? parts.join(', ') : 'No problems';
  const files = `${results.length} nomination${results.length === 1 ? '' : 's'} checked`;
  const headline = verdict === 'fail' ? 'Changes needed' : 'Checks passed';
  const digest = createHash('sha256')
    .update(JSON.stringify([verdict, annotations, extra.omitted ?? 0, notes]))
    .digest('hex')
    .slice(0, 16);
  // Notes concern the pull request as a whole (no file line to annotate): they are written out here.
  const noted = notes
    .filter((n) => n.severity === 'error')
    .slice(0, 10)
    .map((n) => `\n- ${escapeMarkdownText(n.file, 200)}: ${escapeMarkdownText(n.message)}`)
    .join('');
  const omitted = extra.omitted
    ? `\n\n… and ${extra.omitted} more finding${extra.omitted === 1 ? '' : 's'} not annotated here (at most ${MAX_ANNOTATIONS}, errors first); see the pull request's DPG checks comment and the job summary.`
    : '';
  return {
    title,
    summary: `**${headline}**: ${title.toLowerCase()}; ${files}. The pull request's DPG checks comment explains each problem.${noted ? `\n${noted}` : ''}${omitted}\n\n<!-- dpg-annotations: ${digest} -->`,
    conclusion: verdict === 'fail' ? 'failure' : 'success',
  };
}

export interface CheckRunOutcome {
  action: 'created' | 'unchanged';
  checkRunId?: number;
  /** Requests that sent annotations (create plus updates). */
  batches: number;
  annotations: number;
  /** Findings beyond the cap, counted in the summary instead. */
  omitted: number;
  dryRun: boolean;
}

/**
 * A completed check run on `headSha` whose annotations mark the problems in the changed files.
 * Skipped when the latest run of the same name already says the same.
 */
export async function publishCheckRun(
  octokit: GitHubClient,
  pr: Omit<PullRequestRef, 'pull'>,
  run: {
    headSha: string;
    results: readonly FileResult[];
    verdict: Verdict;
    notes?: readonly ChangeNote[];
    detailsUrl?: string;
    dryRun?: boolean;
  },
): Promise<CheckRunOutcome> {
  const where = `${pr.owner}/${pr.repo}`;
  const target = { owner: pr.owner, repo: pr.repo };
  const { annotations, omitted } = cappedAnnotations(run.results);
  const output = checkOutput(run.results, run.verdict, annotations, { omitted, notes: run.notes ?? [] });
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  if (!batches.length) batches.push([]);
  const dryRun = run.dryRun ?? false;

  const existing = await githubStep(`listing the check runs of ${run.headSha.slice(0, 7)}`, where, () =>
    octokit.rest.checks.listForRef({ ...target, ref: run.headSha, check_name: CHECK_NAME, filter: 'latest', per_page: 100 }),
  );
  const latest = existing.data.check_runs.sort((a, b) => b.id - a.id)[0];
  if (
    latest &&
    latest.status === 'completed' &&
    latest.conclusion === output.conclusion &&
    latest.output?.title === output.title &&
    latest.output?.summary === output.summary
  ) {
    return { action: 'unchanged', checkRunId: latest.id, batches: 0, annotations: annotations.length, omitted, dryRun };
  }
  if (dryRun) return { action: 'created', batches: batches.length, annotations: annotations.length, omitted, dryRun };

  const text = { title: output.title, summary: output.summary };
  const completed = { status: 'completed' as const, conclusion: output.conclusion, completed_at: new Date().toISOString() };
  const details = run.detailsUrl ? { details_url: run.detailsUrl } : {};
  const single = batches.length === 1;
  const created = await githubStep(`creating a check run on ${run.headSha.slice(0, 7)}`, where, () =>
    octokit.rest.checks.create({
      ...target,
      name: CHECK_NAME,
      head_sha: run.headSha,
      ...details,
      ...(single ? completed : { status: 'in_progress' as const }),
      output: { ...text, annotations: batches[0] },
    }),
  );
  const id = created.data.id;
  for (let i = 1; i < batches.length; i++) {
    const last = i === batches.length - 1;
    await githubStep(`adding annotations to check run ${id}`, where, () =>
      octokit.rest.checks.update({ ...target, check_run_id: id, ...(last ? completed : {}), output: { ...text, annotations: batches[i] } }),
    );
  }
  return { action: 'created', checkRunId: id, batches: batches.length, annotations: annotations.length, omitted, dryRun };
}
