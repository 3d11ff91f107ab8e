import type { CoreRule } from '../types.js';

/** Reported by `dpg validate --changed` (src/cli/commands/validate.ts) for a nomination the branch deletes or renames away. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'git/deleted-nomination',
  indicator: null,
  description: 'A nomination deleted by the change: the record leaves the registry, so a reviewer should confirm it.',
  defaultSeverity: 'info',
  messages: {
    deleted:
      'This change deletes the nomination (stage: {stage}), so it leaves the registry; a reviewer should confirm the removal is intended.',
    renamed:
      'This change renames the nomination (stage: {stage}) to {to}: the record at this path leaves the registry and {to} is a new record; a reviewer should confirm.',
  },
};
