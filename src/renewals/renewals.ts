import { UsageError } from '../core/errors.js';
import { addDays, addMonths, daysBetween, formatCalendarDate, parseCalendarDate, recognitionEnd, utcDay } from '../core/dates.js';
import { dueAtRenewal, type DueAtRenewal } from '../core/due-at-renewal.js';
import type { SourceFile } from '../lint/engine.js';
import { loadNomination } from '../load/load.js';
import { escapeMarkdownText } from '../formatters/markdown.js';
import { styles } from '../formatters/stylish.js';
import { asRecord, asString } from '../core/nomination.js';
import type { FileResult } from '../core/types.js';
import { showControls, showLineStart } from '../util/visible-text.js';

/**
 * Which DPGs are due for renewal: recognition lasts one year from the review date, and renewal opens
 * 45 days before it ends. Pure: the CLI reads the files and passes today's date.
 */

export const DEFAULT_WINDOW = '45d';

export interface RenewalWindow {
  /** As written: "45d", "6w", "2m". */
  text: string;
  amount: number;
  unit: 'd' | 'w' | 'm';
}

/** A DPG whose recognition ends within the window or has ended. */
interface Renewal {
  file: string;
  name: string;
  reviewDate: string;
  /** review.date + 1 year (YYYY-MM-DD). */
  expires: string;
  /** Days from today to the expiry; negative when overdue. */
  daysLeft: number;
  /** `later`: the recognition ends after the window, and the DPG is listed for what it owes. */
  status: 'expired' | 'due' | 'later';
  /**
   * What it owes at this renewal: requirements a later version of the Standard than the one it was
   * assessed under introduced, by indicator and rule (see docs/standard-versions.md).
   */
  dueAtRenewal: DueAtRenewal[];
}

/** A DPG (or a file) for which no expiry can be computed. */
interface RenewalProblem {
  file: string;
  name?: string;
  problem: string;
}

export interface RenewalReport {
  /** Today (YYYY-MM-DD, UTC). */
  today: string;
  window: string;
  /** The last expiry date the window includes. */
  until: string;
  /** Number of DPGs (stage dpg) among the files. */
  dpgCount: number;
  renewals: Renewal[];
  /** DPGs whose recognition ends after the window but which already owe answers at that renewal. */
  later: Renewal[];
  problems: RenewalProblem[];
}

/** Parses `45d`, `6w`, `2m` (or a bare number of days); a UsageError for anything else. */
export function parseWindow(text: string): RenewalWindow {
  const match = /^\s*(\d{1,4})\s*(d|w|m)?\s*$/i.exec(text);
  if (!match) {
    throw new UsageError(`--within must be a number of days, weeks or months such as 45d, 6w or 2m, not "${text}".`);
  }
  const unit = (match[2]?.toLowerCase() ?? 'd') as RenewalWindow['unit'];
  return { text: text.trim(), amount: Number(match[1]), unit };
}

export function windowEnd(today: Date, window: RenewalWindow): Date {
  const day = utcDay(today);
  if (window.unit === 'm') return addMonths(day, window.amount);
  return addDays(day, window.amount * (window.unit === 'w' ? 7 : 1));
}

/** When recognition granted on `reviewDate` ends (see recognitionEnd). */
export function expiryOf(reviewDate: Date): Date {
  return recognitionEnd(reviewDate);
}

/**
 * The DPGs among `sources` whose recognition ends by the end of the window (or has ended), sorted by
 * expiry, plus the DPGs whose expiry cannot be computed. Files that are not nominations at all are
 * listed as problems, never dropped. With the validation `results` of the sources, each DPG carries what
 * it owes at its renewal, and DPGs renewing after the window that already owe something are listed too.
 */
export function findRenewals(
  sources: readonly SourceFile[],
  options: { now: Date; window: RenewalWindow; results?: readonly FileResult[] },
): RenewalReport {
  const resultByFile = new Map((options.results ?? []).map((r) => [r.file, r]));
  const today = utcDay(options.now);
  const until = windowEnd(today, options.window);
  const renewals: Renewal[] = [];
  const later: Renewal[] = [];
  const problems: RenewalProblem[] = [];
  let dpgCount = 0;
  for (const source of sources) {
    const loaded = loadNomination(source.file, source.content);
    if (loaded.data === undefined) {
      problems.push({ file: source.file, problem: 'cannot be read as a nomination (run dpg validate on it)' });
      continue;
    }
    const data = asRecord(loaded.data);
    if (data.stage !== 'dpg') continue;
    dpgCount++;
    const name = asString(data.name) ?? source.file;
    const written = asRecord(data.review).date;
    const reviewDate = parseCalendarDate(written);
    if (!reviewDate) {
      problems.push({
        file: source.file,
        name,
        problem:
          written === undefined
            ? 'no review date, so its expiry is unknown'
            : `review date ${JSON.stringify(written)} is not a date written YYYY-MM-DD`,
      });
      continue;
    }
    const expires = expiryOf(reviewDate);
    const result = resultByFile.get(source.file);
    const owed = result ? dueAtRenewal(result) : [];
    const daysLeft = daysBetween(today, expires);
    const entry = {
      file: source.file,
      name,
      reviewDate: formatCalendarDate(reviewDate),
      expires: formatCalendarDate(expires),
      daysLeft,
      dueAtRenewal: owed,
    };
    if (expires.getTime() <= until.getTime()) renewals.push({ ...entry, status: daysLeft < 0 ? 'expired' : 'due' });
    else if (owed.length) later.push({ ...entry, status: 'later' });
  }
  const byExpiry = (a: Renewal, b: Renewal) => a.expires.localeCompare(b.expires) || a.file.localeCompare(b.file);
  renewals.sort(byExpiry);
  later.sort(byExpiry);
  problems.sort((a, b) => a.file.localeCompare(b.file));
  return {
    today: formatCalendarDate(today),
    window: options.window.text,
    until: formatCalendarDate(until),
    dpgCount,
    renewals,
    later,
    problems,
  };
}

function whenText(r: Renewal): string {
  if (r.daysLeft < 0) return `expired ${r.expires}, ${-r.daysLeft} day${r.daysLeft === -1 ? '' : 's'} overdue`;
  if (r.daysLeft === 0) return `expires today (${r.expires})`;
  return `expires ${r.expires}, in ${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'}`;
}

function headline(report: RenewalReport): string {
  const overdue = report.renewals.filter((r) => r.status === 'expired').length;
  const owing = report.renewals.filter((r) => r.dueAtRenewal.length).length;
  if (!report.renewals.length)
    return `No DPG recognition ends by ${report.until} (${report.dpgCount} DPG${report.dpgCount === 1 ? '' : 's'} checked).`;
  const notes = [overdue ? `${overdue} overdue` : '', owing ? `${owing} owing answers` : ''].filter(Boolean);
  return (
    `${report.renewals.length} of ${report.dpgCount} DPG${report.dpgCount === 1 ? '' : 's'} to renew by ${report.until}` +
    `${notes.length ? ` (${notes.join(', ')})` : ''}.`
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "owes 2 answers that Standard 1.1.7 asks for (assessed under 1.1.6)", or "now" once overdue. */
function owesText(owed: readonly DueAtRenewal[]): string {
  const since = [...new Set(owed.map((d) => d.since))].join(', ');
  const assessed = [...new Set(owed.map((d) => d.assessedUnder))].join(', ');
  return `owes ${plural(owed.length, 'answer')} that Standard ${since} asks for (assessed under ${assessed})`;
}

/** The gaps of one DPG for the terminal: indicator, rule and what is asked, aligned. */
type Paints = ReturnType<typeof styles>;

function gapLines(owed: readonly DueAtRenewal[], indent: string, paint: Paints): string[] {
  if (!owed.length) return [];
  const width = Math.max(...owed.map((d) => d.rule.length));
  return [
    `${indent}${paint.warning(owesText(owed))}:`,
    ...owed.map((d) => `${indent}  ${(d.indicator ?? '–').padEnd(3)} ${paint.dim(d.rule.padEnd(width))}  ${showControls(d.message)}`),
  ];
}

function renewalLines(renewals: readonly Renewal[], paint: Paints): string[] {
  const lines: string[] = [];
  const files = renewals.map((r) => showLineStart(r.file));
  const width = Math.max(0, ...files.map((f) => f.length));
  renewals.forEach((r, i) => {
    const when = (r.daysLeft < 0 ? paint.error : r.status === 'later' ? paint.dim : paint.warning)(whenText(r));
    lines.push(`${files[i]!.padEnd(width)}  ${when}  ${showControls(r.name)} ${paint.dim(`(reviewed ${r.reviewDate})`)}`);
    lines.push(...gapLines(r.dueAtRenewal, '    ', paint));
  });
  return lines;
}

/** Text for the terminal: overdue in red, due soon in yellow, with `color`. */
export function formatRenewalsText(report: RenewalReport, options: { color?: boolean } = {}): string {
  const paint = styles(options.color);
  const lines = renewalLines(report.renewals, paint);
  if (lines.length) lines.push('');
  lines.push(headline(report));
  if (report.later.length) {
    lines.push(
      '',
      `Owing answers at a later renewal (${plural(report.later.length, 'DPG')}):`,
      ...renewalLines(report.later, paint).map((l) => `  ${l}`),
    );
  }
  if (report.problems.length) {
    lines.push('', paint.error('Expiry unknown:'));
    for (const p of report.problems)
      lines.push(`  ${showLineStart(p.file)}: ${p.name ? `${showControls(p.name)}: ` : ''}${showControls(p.problem)}`);
  }
  return lines.join('\n') + '\n';
}

/** Values from nominations, inert in Markdown (no HTML, links, mentions or table breaks) and on one line. */
function cell(text: string): string {
  return escapeMarkdownText(text);
}

function gapsMarkdown(renewals: readonly Renewal[]): string[] {
  const lines: string[] = [];
  for (const r of renewals.filter((x) => x.dueAtRenewal.length)) {
    lines.push(
      '',
      `#### ${cell(r.name)} (${cell(r.file)}), by ${r.expires}`,
      '',
      `${owesText(r.dueAtRenewal)[0]!.toUpperCase()}${owesText(r.dueAtRenewal).slice(1)}:`,
      '',
      '| Indicator | Rule | What is asked |',
      '| --- | --- | --- |',
      ...r.dueAtRenewal.map((d) => `| ${d.indicator ?? '–'} | ${cell(d.rule)} | ${cell(d.message)} |`),
    );
  }
  return lines;
}

export function formatRenewalsMarkdown(report: RenewalReport): string {
  const lines = [`## DPG renewals due by ${report.until}`, '', headline(report)];
  if (report.renewals.length) {
    lines.push('', '| DPG | File | Reviewed | Expires | Days left | Owes |', '| --- | --- | --- | --- | ---: | ---: |');
    for (const r of report.renewals) {
      lines.push(
        `| ${cell(r.name)} | ${cell(r.file)} | ${r.reviewDate} | ${r.expires} | ${r.daysLeft < 0 ? `**${r.daysLeft}** (overdue)` : r.daysLeft} | ${r.dueAtRenewal.length || '–'} |`,
      );
    }
  }
  const gaps = gapsMarkdown(report.renewals);
  if (gaps.length) lines.push('', '### Due at renewal', ...gaps);
  if (report.later.length) {
    lines.push(
      '',
      `### Owing answers at a later renewal`,
      '',
      `${plural(report.later.length, 'DPG')} renewing after ${report.until} already ${report.later.length === 1 ? 'owes' : 'owe'} answers:`,
      ...gapsMarkdown(report.later),
    );
  }
  if (report.problems.length) {
    lines.push('', '### Expiry unknown', '');
    for (const p of report.problems) lines.push(`- ${cell(p.file)}${p.name ? ` ${cell(p.name)}` : ''}: ${cell(p.problem)}`);
  }
  return lines.join('\n') + '\n';
}

export function formatRenewalsJson(report: RenewalReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
