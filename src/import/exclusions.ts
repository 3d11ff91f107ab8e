import { normaliseName } from '../util/normalise.js';

/**
 * The former registry kept why and when it excluded a nominee not in the record but in a Markdown
 * table of `excluded-nominees/README.md`: `Nominee | Exclusion Date | Reason`, dates written as
 * "Sept 3rd, 2020". Nothing here reads files.
 */

export interface Exclusion {
  /** The nominee as the log names it. */
  nominee: string;
  /** YYYY-MM-DD; undefined when the date cannot be read. */
  date?: string;
  /** The date as written. */
  writtenDate: string;
  reason?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "Sept 3rd, 2020", "May 03rd, 2022", "3 September 2020", "2020-09-03" → "2020-09-03". */
export function parseLogDate(written: string): string | undefined {
  const value = written.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  let year: number, month: number, day: number;
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else {
    const monthFirst = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(value);
    const dayFirst = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(value);
    const [monthName, dayText, yearText] = monthFirst
      ? [monthFirst[1]!, monthFirst[2]!, monthFirst[3]!]
      : dayFirst
        ? [dayFirst[2]!, dayFirst[1]!, dayFirst[3]!]
        : [];
    if (!monthName) return undefined;
    month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase()) + 1;
    if (!month) return undefined;
    [year, day] = [Number(yearText), Number(dayText)];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** The rows of the exclusion log's table (the first table whose header names a nominee and a date). */
export function parseExclusionLog(markdown: string): Exclusion[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const header = lines.findIndex(
    (l, i) => l.includes('|') && /nominee|name/i.test(l) && /date/i.test(l) && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? ''),
  );
  if (header < 0) return [];
  const titles = cells(lines[header]!).map((t) => t.toLowerCase());
  const column = (pattern: RegExp) => titles.findIndex((t) => pattern.test(t));
  const [nameAt, dateAt, reasonAt] = [column(/nominee|name/), column(/date/), column(/reason/)];
  const rows: Exclusion[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.includes('|')) break;
    const row = cells(line);
    const nominee = row[nameAt]?.trim();
    if (!nominee) continue;
    const writtenDate = row[dateAt]?.trim() ?? '';
    const reason = reasonAt >= 0 ? row.slice(reasonAt).join('|').trim().replace(/;\s*$/, '') : '';
    const date = parseLogDate(writtenDate);
    rows.push({ nominee, writtenDate, ...(date ? { date } : {}), ...(reason ? { reason } : {}) });
  }
  return rows;
}

/**
 * The log's row about a record, by its name or file name (compared without case or punctuation); a
 * row may name several nominees ("Aster - Stream & Aster - Platform").
 */
export function findExclusion(log: readonly Exclusion[], names: readonly string[]): Exclusion | undefined {
  const wanted = new Set(names.map(normaliseName).filter(Boolean));
  return log.find((row) => [row.nominee, ...row.nominee.split(/\s*(?:,|&|\band\b)\s*/)].some((n) => wanted.has(normaliseName(n))));
}
