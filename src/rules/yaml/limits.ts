import type { CoreRule } from '../types.js';

/** Reported by the loader (src/load/load.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'yaml/limits',
  indicator: null,
  description: 'The file must stay within the size, nesting and alias limits that protect the validator.',
  defaultSeverity: 'error',
  messages: {
    tooLarge: 'File is {size} bytes, above the limit of {limit} bytes; a nomination should be a few kilobytes. Split or shorten it.',
    depth: 'Nesting is deeper than the limit of {limit} levels.',
    aliases: 'Too many alias dereferences (limit {limit}); anchors and aliases may not expand into a huge document.',
    unreadable: 'The document could not be read: {reason}',
    oversizedBase:
      'The version of this file at the merge-base {base} is {size} bytes, above the limit of {max} bytes; it was not read, so this change is judged as if the file were new.',
  },
};
