/** The one calendar model of recognition and renewal: dates are YYYY-MM-DD days at UTC midnight. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day of `date`. */
export function utcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** A YYYY-MM-DD calendar date (or a Date) as UTC midnight, or undefined when it is not a real date. */
export function parseCalendarDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : utcDay(value);
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

export function formatCalendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `date` plus `months` calendar months, on the last day of the month when the day does not exist (Jan 31 + 1m = Feb 28). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

/** The day recognition ends: the anniversary of the review date, clamped to the month's end (29 February → 28 February). */
export function recognitionEnd(reviewDate: Date): Date {
  return addMonths(reviewDate, 12);
}

/** Whole days from `from` to `to` (both UTC days). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

/** `date` plus `days` days. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/**
 * The calendar date in the earliest (UTC-12) and latest (UTC+14) time zones at `now`, so that a date a
 * maintainer wrote in their own time zone is never judged against another zone's calendar.
 */
export function calendarDatesAt(now: Date): { earliest: Date; latest: Date } {
  const dayOf = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS);
  return { earliest: dayOf(now.getTime() - 12 * 60 * 60 * 1000), latest: dayOf(now.getTime() + 14 * 60 * 60 * 1000) };
}
