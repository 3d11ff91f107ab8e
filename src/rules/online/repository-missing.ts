import { repositoryTargets } from '../../util/targets.js';
import type { OnlineRule } from '../types.js';

export const rule: OnlineRule = {
  kind: 'online',
  id: 'online/repository-missing',
  indicator: null,
  description: 'Every listed repository exists publicly: GitHub knows it, or its host does not answer 404 or 410 (checked with --online).',
  defaultSeverity: 'error',
  messages: {
    github:
      'GitHub has no public repository {repository} (404): it was deleted, renamed or made private; give the URL of the public repository.',
    gone: 'The repository "{url}" is gone ({reason}); give the URL of the public repository.',
  },
  async check(context) {
    await Promise.all(
      repositoryTargets(context.data).map(async ({ path, url, github }) => {
        if (github) {
          const result = await context.githubRepository(github.owner, github.name);
          if (result.outcome === 'missing') context.report({ path, messageId: 'github', data: { repository: github.fullName } });
          return;
        }
        const result = await context.checkLink(url);
        // Only the host's own answer counts: a failed DNS lookup or connection may be the network's fault.
        if (result.outcome === 'broken' && result.gone) context.report({ path, messageId: 'gone', data: { url, reason: result.reason } });
      }),
    );
  },
};
