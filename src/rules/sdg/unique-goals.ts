import { asArray, asRecord } from '../../core/nomination.js';
import { joinPointer } from '../../core/pointer.js';
import type { FileRule } from '../types.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'sdg/unique-goals',
  indicator: '1',
  description: 'Each SDG is listed once, with all its evidence in one entry.',
  defaultSeverity: 'error',
  messages: {
    duplicate: "SDG {goal} is listed twice (first as entry {first} of sdgs); merge this entry's evidence into the first one and remove it.",
  },
  check(context) {
    const firstIndex = new Map<number, number>();
    asArray(context.data.sdgs).forEach((entry, index) => {
      const goal = asRecord(entry).goal;
      if (typeof goal !== 'number') return;
      const first = firstIndex.get(goal);
      if (first === undefined) firstIndex.set(goal, index);
      else context.report({ path: joinPointer('/sdgs', index, 'goal'), messageId: 'duplicate', data: { goal, first: first + 1 } });
    });
  },
};
