import type { CoreRule } from '../types.js';

/** Reported by `dpg validate --changed` (src/cli/commands/validate.ts) when a recognised DPG's file is deleted. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'git/delisting-without-reason',
  indicator: null,
  description: 'A recognised DPG (stage: dpg) is delisted by keeping its file with stage: delisted and a dated reason, never by deleting the file.',
  defaultSeverity: 'error',
  messages: {
    deleted: 'This change deletes a recognised DPG (stage: dpg) without a recorded reason; restore the file and set `stage: delisted` with `delisting: { date: YYYY-MM-DD, reason: … }` instead.',
  },
};
