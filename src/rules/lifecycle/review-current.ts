import { asRecord, asString } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A YYYY-MM-DD calendar date as UTC midnight, or undefined when it is not a real date. */
export function parseCalendarDate(value: unknown): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asString(value) ?? '');
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

export function formatCalendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The day recognition ends: one year after the review date (a review on 29 February ends on 1 March). */
export function recognitionEnd(reviewDate: Date): Date {
  return new Date(Date.UTC(reviewDate.getUTCFullYear() + 1, reviewDate.getUTCMonth(), reviewDate.getUTCDate()));
}

/**
 * The calendar date in the earliest (UTC-12) and latest (UTC+14) time zones at `now`, so that a date a
 * maintainer wrote in their own time zone is never judged against another zone's calendar.
 */
export function calendarDatesAt(now: Date): { earliest: Date; latest: Date } {
  const dayOf = (ms: number) => new Date(Math.floor(ms / DAY_MS) * DAY_MS);
  return { earliest: dayOf(now.getTime() - 12 * 60 * 60 * 1000), latest: dayOf(now.getTime() + 14 * 60 * 60 * 1000) };
}

export const rule: FileRule = {
  kind: 'file',
  id: 'lifecycle/review-current',
  indicator: null,
  description: 'A recognised DPG was reviewed less than a year ago; recognition lasts one year from the review date.',
  defaultSeverity: 'warning',
  reads: ['stage', 'review'],
  messages: {
    expired: 'Recognition expired on {end} (one year after the review of {date}); renew it with a new review, or set stage: expired.',
  },
  check(context) {
    if (context.data.stage !== 'dpg') return;
    const date = asRecord(context.data.review).date;
    const reviewed = parseCalendarDate(date);
    if (!reviewed) return;
    const end = recognitionEnd(reviewed);
    if (end.getTime() <= calendarDatesAt(context.now).earliest.getTime()) {
      context.report({ path: '/review/date', messageId: 'expired', data: { end: formatCalendarDate(end), date: String(date) } });
    }
  },
};
