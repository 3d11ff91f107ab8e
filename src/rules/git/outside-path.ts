import type { CoreRule } from '../types.js';

/** Reported by `dpg validate --changed` (src/cli/commands/validate.ts) for each changed file that is not a nomination. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'git/outside-path',
  indicator: null,
  description: 'A nomination pull request changes only nominations, unless a path is listed in allowedPaths of dpg.config.yaml.',
  defaultSeverity: 'warning',
  messages: {
    outside:
      'This change touches {file}, outside the registry folder {registry}/; send it in a separate pull request, or list the path in allowedPaths of dpg.config.yaml.',
    notNomination:
      'This change touches {file}, which is in the registry folder {registry}/ but is not a nomination (a .yaml or .yml file, the extension in lower case, outside hidden folders); remove or rename it, or list the path in allowedPaths of dpg.config.yaml.',
  },
};
