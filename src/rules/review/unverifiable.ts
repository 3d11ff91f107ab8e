import type { CoreRule } from '../types.js';

/**
 * Reported by `dpg comment` when it cannot check a file the pull request changes in the registry, the
 * reviews folder or the configuration: what cannot be read or parsed fails the check instead of being skipped.
 */
export const rule: CoreRule = {
  kind: 'core',
  id: 'review/unverifiable',
  indicator: null,
  description:
    'Every file a pull request changes in the registry, the reviews folder or the configuration can be read and parsed by the pull-request bot; otherwise the check fails.',
  defaultSeverity: 'error',
  messages: {
    file: "could not verify {file}: {why}. The check fails until the file can be read at the pull request's head commit as a regular YAML file under 1 MB.",
    truncated:
      'could not verify this pull request: GitHub lists {listed} of its {changed} changed files (at most 3,000), so some changes cannot be checked. Split it into pull requests of fewer files.',
  },
};
