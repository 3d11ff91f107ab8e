import { repositoryTargets } from '../../util/targets.js';
import type { OnlineRule } from '../types.js';

export const rule: OnlineRule = {
  kind: 'online',
  id: 'online/repository-archived',
  indicator: null,
  description: 'Listed GitHub repositories are not archived (read-only): a digital public good is maintained (checked with --online).',
  defaultSeverity: 'warning',
  messages: {
    archived:
      'GitHub marks {repository} as archived (read-only); list the repository where the solution is maintained now, or ask a reviewer to waive this with the reason.',
  },
  async check(context) {
    await Promise.all(
      repositoryTargets(context.data).map(async ({ path, github }) => {
        if (!github) return;
        const result = await context.githubRepository(github.owner, github.name);
        if (result.outcome === 'found' && result.archived)
          context.report({ path, messageId: 'archived', data: { repository: github.fullName } });
      }),
    );
  },
};
