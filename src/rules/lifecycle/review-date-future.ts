import { asRecord } from '../../core/nomination.js';
import type { FileRule } from '../types.js';
import { calendarDatesAt, formatCalendarDate, parseCalendarDate } from '../../core/dates.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'lifecycle/review-date-future',
  indicator: null,
  description: 'The review date is not in the future: it records a decision already taken.',
  defaultSeverity: 'error',
  reads: ['review'],
  messages: {
    future: 'The review date {date} is in the future (today is {today}); write the date the decision was taken.',
  },
  check(context) {
    const date = asRecord(context.data.review).date;
    const reviewed = parseCalendarDate(date);
    if (!reviewed) return;
    if (reviewed.getTime() > calendarDatesAt(context.now).latest.getTime()) {
      context.report({ path: '/review/date', messageId: 'future', data: { date: String(date), today: formatCalendarDate(context.now) } });
    }
  },
};
