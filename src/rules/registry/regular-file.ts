import type { CoreRule } from '../types.js';

/**
 * Reported wherever dpg reads a registry file (the listing, `validate --changed`, `dpg build`, `dpg fix`,
 * the comment job): a symbolic link, device, pipe or folder is never followed or read as a nomination,
 * a review record or reviewers.yaml.
 */
export const rule: CoreRule = {
  kind: 'core',
  id: 'registry/regular-file',
  indicator: null,
  description: 'Nominations, review records and reviewers.yaml are regular files: not symbolic links, devices, pipes or folders.',
  defaultSeverity: 'error',
  messages: {
    symlink: '{file} is a symbolic link; a registry file must be a regular file. Replace the link by the file itself.',
    notRegular: '{file} is a {kind}, not a regular file; a registry file must be a regular file holding YAML.',
  },
};
