import type { FileResult } from '../../core/types.js';
import {
  changeLines,
  counts,
  escapeMarkdownText,
  fileSummary,
  indicatorTable,
  isChangeResult,
  isCounted,
  isRecordResult,
  link,
  linkDestination,
  markdownLinks,
  MAX_NAME_LENGTH,
  plural,
  problemLine,
  reviewerNotes,
  SHA_PATTERN,
  shownDiagnostics,
  tally,
  type MarkdownLinks,
} from '../../formatters/markdown.js';
import type { ChangeNote, FormatterOptions } from '../../formatters/types.js';
import type { CommentContext } from './context.js';
import { humanReviewBlock } from './human-review-table.js';

/**
 * The hidden marker by which the bot finds its own comment. Its text predates the name and stays, so
 * that comments written by earlier versions are still found and updated rather than duplicated.
 */
export const COMMENT_MARKER = '<!-- dpg-review -->';
/** Replaces COMMENT_MARKER in a comment that a newer one superseded, so it is never matched again. */
export const OUTDATED_MARKER = '<!-- dpg-review-outdated -->';
/** GitHub rejects issue comments longer than this. */
export const MAX_COMMENT_LENGTH = 65_536;
/** The longest body written by default: GitHub's limit with a margin for how it counts characters. */
const COMMENT_BUDGET = 64_000;

export type Verdict = 'pass' | 'fail';

const VERDICT_PATTERN = /<!-- dpg-verdict: (pass|fail) -->/;
/** Names listed in the line of what was checked; more are counted. */
const NAMES_LISTED = 5;

function verdictMarker(verdict: Verdict): string {
  return `<!-- dpg-verdict: ${verdict} -->`;
}

/** The verdict recorded in a comment's body, or null when it has none. */
export function parseVerdictMarker(body: string): Verdict | null {
  return (VERDICT_PATTERN.exec(body)?.[1] as Verdict | undefined) ?? null;
}

/** `fail` when any nomination or change note has an error; warnings alone pass. */
function checksVerdict(results: readonly FileResult[], notes: readonly ChangeNote[] = []): Verdict {
  const failed = results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) || notes.some((n) => n.severity === 'error');
  return failed ? 'fail' : 'pass';
}

function hasErrors(result: FileResult): boolean {
  return result.diagnostics.some((d) => d.severity === 'error');
}

function verdictLine(
  nominations: readonly FileResult[],
  changes: ReadonlyArray<{ severity: string }>,
  verdict: Verdict,
  records: readonly FileResult[],
): string {
  const t = tally([...nominations, ...records].flatMap((r) => r.diagnostics));
  const errors = t.errors + changes.filter((c) => c.severity === 'error').length;
  const warnings = t.warnings + changes.filter((c) => c.severity === 'warning').length;
  const files = nominations.length ? plural(nominations.length, 'nomination') : 'no nominations';
  if (verdict === 'fail') {
    const failing = nominations.filter(hasErrors).length;
    const where = failing ? ` in ${failing} of ${files}` : '';
    return `## ❌ DPG checks: changes needed — ${counts(errors, warnings, t.due)}${where}`;
  }
  if (warnings || t.due) return `## ✅ DPG checks passed — ${counts(0, warnings, t.due)}, ${files} checked`;
  return `## ✅ DPG checks passed — ${files}${nominations.length ? ', no problems' : ' changed'}`;
}

/** One line saying what was checked, naming a few files. */
function checkedLine(nominations: readonly FileResult[], records: readonly FileResult[]): string {
  const names = nominations
    .slice(0, NAMES_LISTED)
    .map((r) => escapeMarkdownText(r.file, MAX_NAME_LENGTH))
    .join(', ');
  const more = nominations.length > NAMES_LISTED ? ` and ${nominations.length - NAMES_LISTED} more` : '';
  const what = nominations.length ? `${plural(nominations.length, 'nomination')} (${names}${more})` : 'the changed files';
  const recordsPart = records.length ? ` and ${plural(records.length, 'review record')}` : '';
  return `Checked ${what}${recordsPart} against the indicators of the DPG Standard and the registry-wide checks.`;
}

/** Collects blocks until the next one would pass the length budget. */
class BoundedBody {
  private text = '';
  private full = false;

  constructor(private readonly budget: number) {}

  /** Appends a block (after a blank line) or, when `tight`, the next item of a list. */
  add(block: string, tight = false): boolean {
    const separator = this.text ? (tight ? '\n' : '\n\n') : '';
    if (this.full || this.text.length + separator.length + block.length > this.budget) {
      this.full = true;
      return false;
    }
    this.text += separator + block;
    return true;
  }

  get length(): number {
    return this.text.length;
  }

  toString(): string {
    return this.text;
  }
}

interface Shortening {
  problems: number;
  files: number;
  notes: number;
  reviewerNotes: number;
}

/**
 * The sections of the failing nominations, which are never left out: in full when they fit, else with
 * the first `limit` problems of each file, else without tables, else one line per file. Every failing
 * file keeps its name and verdict down to the last step; only then are whole lines cut.
 */
function failingSections(
  failing: readonly FileResult[],
  budget: number,
  links: MarkdownLinks,
  quiet: boolean | undefined,
  elsewhere: string,
  omitted: Shortening,
): string {
  const listed = failing.map((r) => ({ result: r, shown: shownDiagnostics(r, quiet) }));
  const section = (r: FileResult, shown: readonly ReturnType<typeof shownDiagnostics>[number][], limit: number, table: boolean): string => {
    const { icon, summary } = fileSummary(r);
    const parts = [`### ${icon} ${link(escapeMarkdownText(r.file, MAX_NAME_LENGTH), links.line(r.file))}`, summary];
    if (table) parts.push(indicatorTable(r));
    const kept = shown.slice(0, limit);
    const rest = shown.length - kept.length;
    const lines = kept.map((d) => problemLine(r.file, d, links));
    if (rest) lines.push(`- … and ${rest} more — ${elsewhere}`);
    if (lines.length) parts.push(`#### Problems\n\n${lines.join('\n')}`);
    const notes = limit === Infinity ? reviewerNotes(r) : '';
    if (notes) parts.push(notes);
    return parts.join('\n\n');
  };
  const render = (limit: number, table: boolean): string =>
    listed.map(({ result, shown }) => section(result, shown, limit, table)).join('\n\n');
  const count = (limit: number): void => {
    for (const { result, shown } of listed) {
      omitted.problems += shown.slice(limit).filter(isCounted).length;
      if (limit !== Infinity && result.reviewNotes?.length) omitted.reviewerNotes++;
    }
  };

  const full = render(Infinity, true);
  if (full.length <= budget) return full;
  // The most problems per file that still fit, found by bisection (each step renders every section).
  const most = Math.max(0, ...listed.map((l) => l.shown.length));
  let low = 0;
  let high = most;
  if (render(0, true).length <= budget) {
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (render(mid, true).length <= budget) low = mid;
      else high = mid - 1;
    }
    count(low);
    return render(low, true);
  }
  const bare = render(0, false);
  if (bare.length <= budget) {
    count(0);
    return bare;
  }
  count(0);
  const lines = new BoundedBody(budget);
  for (const { result } of listed) {
    const { summary } = fileSummary(result);
    if (!lines.add(`- ❌ ${escapeMarkdownText(result.file, MAX_NAME_LENGTH)} — ${summary}`, true)) omitted.files++;
  }
  return lines.toString();
}

function fullSection(result: FileResult, links: MarkdownLinks, quiet: boolean | undefined): string {
  const { icon, summary } = fileSummary(result);
  const parts = [
    `### ${icon} ${link(escapeMarkdownText(result.file, MAX_NAME_LENGTH), links.line(result.file))}`,
    summary,
    indicatorTable(result),
  ];
  const shown = shownDiagnostics(result, quiet);
  if (shown.length) parts.push(`#### Problems\n\n${shown.map((d) => problemLine(result.file, d, links)).join('\n')}`);
  const notes = reviewerNotes(result);
  if (notes) parts.push(notes);
  return parts.join('\n\n');
}

/**
 * The pull-request comment and its verdict. Failing nominations come first and are never cut; passing
 * ones fold into a `<details>` block, and when everything passes the visible part is three lines.
 */
export function renderComment(
  results: readonly FileResult[],
  format: FormatterOptions,
  context: CommentContext = {},
): { body: string; verdict: Verdict } {
  const notes = context.notes ?? [];
  const verdict = checksVerdict(results, notes);
  const links = markdownLinks({ ...format, source: { repositoryUrl: context.repositoryUrl, commitSha: context.commitSha } });
  const maxLength = context.maxLength ?? COMMENT_BUDGET;

  const nominations = results.filter((r) => !isChangeResult(r) && !isRecordResult(r));
  const failing = nominations.filter(hasErrors);
  const passing = nominations.filter((r) => !hasErrors(r));
  const records = results.filter(isRecordResult);
  const changes = changeLines(notes, results.filter(isChangeResult), links);
  const requested = context.humanReview?.everRequested.filter((n) => /^@[\w.-]+(\/[\w.-]+)?$/.test(n)) ?? [];
  const header = [
    COMMENT_MARKER,
    verdictMarker(verdict),
    ...(requested.length ? [`<!-- dpg-requested: ${requested.join(' ')} -->`] : []),
    verdictLine(nominations, changes, verdict, records),
    checkedLine(nominations, records),
  ].join('\n');
  const commit =
    context.commitSha && SHA_PATTERN.test(context.commitSha)
      ? `Checked commit ${link(`\`${context.commitSha.slice(0, 7)}\``, links.commit())} with dpg ${escapeMarkdownText(format.version, 40)}.`
      : `Checked with dpg ${escapeMarkdownText(format.version, 40)}.`;
  const footer = `<sub>${commit}</sub>`;
  const summaryLink =
    context.summaryUrl && linkDestination(context.summaryUrl) ? link('full report in the job summary', context.summaryUrl) : null;
  const elsewhere = summaryLink
    ? `see the check run's annotations or the ${summaryLink}`
    : "see the check run's annotations or run `dpg validate`";
  const shortenedNotice = (o: Shortening): string => {
    const left = [
      o.problems ? plural(o.problems, 'problem') : '',
      o.files ? plural(o.files, 'nomination') : '',
      o.notes ? plural(o.notes, 'other detail') : '',
      o.reviewerNotes ? `reviewer notes of ${plural(o.reviewerNotes, 'nomination')}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `> ⚠️ **This comment is shortened** to fit GitHub's size limit: ${left || 'some details'} not shown here; ${summaryLink ? `see the ${summaryLink}` : 'run `dpg validate` for the full report'}.`;
  };
  const reserve =
    header.length + footer.length + shortenedNotice({ problems: 1e6, files: 1e6, notes: 1e6, reviewerNotes: 1e6 }).length + 16;
  const omitted: Shortening = { problems: 0, files: 0, notes: 0, reviewerNotes: 0 };

  const failed = failingSections(failing, Math.max(0, maxLength - reserve), links, format.quiet, elsewhere, omitted);
  const body = new BoundedBody(Math.max(0, maxLength - reserve - failed.length - 2));

  if (changes.length) {
    // Errors first: they are what must survive a shortening.
    const ordered = [...changes].sort((a, b) => (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1));
    if (!body.add('#### Other changes in this pull request')) omitted.notes += changes.length;
    else for (const change of ordered) if (!body.add(change.text, true)) omitted.notes++;
  }
  if (context.humanReview && !body.add(humanReviewBlock(context.humanReview))) omitted.notes++;
  if (records.length) {
    if (!body.add('#### Review records')) omitted.notes += records.length;
    else {
      for (const record of records) {
        const name = link(escapeMarkdownText(record.file, MAX_NAME_LENGTH), links.line(record.file));
        if (!record.diagnostics.length) {
          if (!body.add(`- ✅ ${name}`, true)) omitted.notes++;
          continue;
        }
        for (const d of record.diagnostics) if (!body.add(problemLine(record.file, d, links), true) && isCounted(d)) omitted.problems++;
      }
    }
  }
  if (passing.length) {
    const open = `<details><summary>${verdict === 'pass' ? 'Details of' : '✅ Passing:'} ${plural(passing.length, 'nomination')}</summary>`;
    const close = '</details>';
    const folded = new BoundedBody(Math.max(0, maxLength - reserve - failed.length - body.length - open.length - close.length - 8));
    for (const result of passing) {
      if (!folded.add(fullSection(result, links, format.quiet))) {
        omitted.files++;
        omitted.problems += shownDiagnostics(result, format.quiet).filter(isCounted).length;
      }
    }
    // A blank line after <summary> and before </details> lets GitHub render the Markdown inside.
    if (folded.length) body.add(`${open}\n\n${folded.toString()}\n\n${close}`);
  }

  const shortened = omitted.problems + omitted.files + omitted.notes + omitted.reviewerNotes > 0;
  const sections = [header, failed, body.toString(), shortened ? shortenedNotice(omitted) : '', footer];
  return { body: sections.filter(Boolean).join('\n\n') + '\n', verdict };
}
