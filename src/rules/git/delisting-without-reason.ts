import type { CoreRule } from '../types.js';

/** Reported by `dpg validate --changed` (src/cli/commands/validate.ts) when a recognised DPG's file is deleted or renamed away. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'git/delisting-without-reason',
  indicator: null,
  description:
    'A recognised DPG (stage: dpg) is delisted by keeping its file with stage: delisted and a dated reason, never by deleting the file.',
  defaultSeverity: 'error',
  messages: {
    renamed:
      'This change renames a recognised DPG (stage: dpg) to {to}, which removes the record at this path without a recorded reason; a renamed file is a new record whose stage a maintainer sets. Keep this file, or delist it with `stage: delisted` and `delisting: { date: YYYY-MM-DD, reason: … }` first.',
    deleted:
      'This change deletes a recognised DPG (stage: dpg) without a recorded reason; restore the file and set `stage: delisted` with `delisting: { date: YYYY-MM-DD, reason: … }` instead.',
  },
};
