import { calendarDatesAt, formatCalendarDate, parseCalendarDate, recognitionEnd } from '../../core/dates.js';
import { asRecord } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

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
