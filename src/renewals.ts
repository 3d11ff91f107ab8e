import { UsageError } from './config.js';
import type { SourceFile } from './engine/engine.js';
import { loadNomination } from './load/load.js';
import { escapeMarkdownText } from './formatters/markdown.js';
import { asRecord, asString } from './nomination.js';
import { showControls, showLineStart } from './util/visible-text.js';

/**
 * Which DPGs are due for renewal: recognition lasts one year from the review date, and renewal opens
 * 45 days before it ends. Pure: the CLI reads the files and passes today's date.
 */

export const DEFAULT_WINDOW = '45d';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RenewalWindow {
  /** As written: "45d", "6w", "2m". */
  text: string;
  amount: number;
  unit: 'd' | 'w' | 'm';
}

/** A DPG whose recognition ends within the window or has ended. */
export interface Renewal {
  file: string;
  name: string;
  reviewDate: string;
  /** review.date + 1 year (YYYY-MM-DD). */
  expires: string;
  /** Days from today to the expiry; negative when overdue. */
  daysLeft: number;
  status: 'expired' | 'due';
}

/** A DPG (or a file) for which no expiry can be computed. */
export interface RenewalProblem {
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

function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** `date` plus `months` calendar months, on the last day of the month when the day does not exist (Jan 31 + 1m = Feb 28). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

export function windowEnd(today: Date, window: RenewalWindow): Date {
  const day = utcDay(today);
  if (window.unit === 'm') return addMonths(day, window.amount);
  return new Date(day.getTime() + window.amount * (window.unit === 'w' ? 7 : 1) * DAY_MS);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD text as a UTC date, or undefined when it is not a real calendar date. */
function parseDay(value: unknown): Date | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return utcDay(value);
  const text = asString(value);
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && isoDay(date) === text ? date : undefined;
}

/** When recognition granted on `reviewDate` ends: one year later (29 February → 28 February). */
export function expiryOf(reviewDate: Date): Date {
  return addMonths(reviewDate, 12);
}

/**
 * The DPGs among `sources` whose recognition ends by the end of the window (or has ended), sorted by
 * expiry, plus the DPGs whose expiry cannot be computed. Files that are not nominations at all are
 * listed as problems, never dropped.
 */
export function findRenewals(sources: readonly SourceFile[], options: { now: Date; window: RenewalWindow }): RenewalReport {
  const today = utcDay(options.now);
  const until = windowEnd(today, options.window);
  const renewals: Renewal[] = [];
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
    const reviewDate = parseDay(written);
    if (!reviewDate) {
      problems.push({
        file: source.file, name,
        problem: written === undefined ? 'no review date, so its expiry is unknown' : `review date ${JSON.stringify(written)} is not a date written YYYY-MM-DD`,
      });
      continue;
    }
    const expires = expiryOf(reviewDate);
    if (expires.getTime() > until.getTime()) continue;
    const daysLeft = Math.round((expires.getTime() - today.getTime()) / DAY_MS);
    renewals.push({
      file: source.file, name, reviewDate: isoDay(reviewDate), expires: isoDay(expires), daysLeft,
      status: daysLeft < 0 ? 'expired' : 'due',
    });
  }
  renewals.sort((a, b) => a.expires.localeCompare(b.expires) || a.file.localeCompare(b.file));
  problems.sort((a, b) => a.file.localeCompare(b.file));
  return { today: isoDay(today), window: options.window.text, until: isoDay(until), dpgCount, renewals, problems };
}

function whenText(r: Renewal): string {
  if (r.daysLeft < 0) return `expired ${r.expires}, ${-r.daysLeft} day${r.daysLeft === -1 ? '' : 's'} overdue`;
  if (r.daysLeft === 0) return `expires today (${r.expires})`;
  return `expires ${r.expires}, in ${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'}`;
}

function headline(report: RenewalReport): string {
  const overdue = report.renewals.filter((r) => r.status === 'expired').length;
  if (!report.renewals.length) return `No DPG recognition ends by ${report.until} (${report.dpgCount} DPG${report.dpgCount === 1 ? '' : 's'} checked).`;
  return `${report.renewals.length} of ${report.dpgCount} DPG${report.dpgCount === 1 ? '' : 's'} to renew by ${report.until}` +
    `${overdue ? ` (${overdue} overdue)` : ''}.`;
}

export function formatRenewalsText(report: RenewalReport): string {
  const lines: string[] = [];
  const files = report.renewals.map((r) => showLineStart(r.file));
  const width = Math.max(0, ...files.map((f) => f.length));
  report.renewals.forEach((r, i) => lines.push(`${files[i]!.padEnd(width)}  ${whenText(r)}  ${showControls(r.name)} (reviewed ${r.reviewDate})`));
  if (lines.length) lines.push('');
  lines.push(headline(report));
  if (report.problems.length) {
    lines.push('', 'Expiry unknown:');
    for (const p of report.problems) lines.push(`  ${showLineStart(p.file)}: ${p.name ? `${showControls(p.name)}: ` : ''}${showControls(p.problem)}`);
  }
  return lines.join('\n') + '\n';
}

/** Values from nominations, inert in Markdown (no HTML, links, mentions or table breaks) and on one line. */
function cell(text: string): string {
  return escapeMarkdownText(text);
}

export function formatRenewalsMarkdown(report: RenewalReport): string {
  const lines = [`## DPG renewals due by ${report.until}`, '', headline(report)];
  if (report.renewals.length) {
    lines.push('', '| DPG | File | Reviewed | Expires | Days left |', '| --- | --- | --- | --- | ---: |');
    for (const r of report.renewals) {
      lines.push(`| ${cell(r.name)} | ${cell(r.file)} | ${r.reviewDate} | ${r.expires} | ${r.daysLeft < 0 ? `**${r.daysLeft}** (overdue)` : r.daysLeft} |`);
    }
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
