import { linkTargets, repositoryTargets } from '../../util/targets.js';
import type { OnlineRule } from '../types.js';

export const rule: OnlineRule = {
  kind: 'online',
  id: 'online/unverified-link',
  indicator: null,
  description:
    'URLs and repositories that could not be checked (login or bot wall, rate limit, timeout, TLS error, server error, private address): a person should open them.',
  defaultSeverity: 'info',
  messages: {
    link: 'Could not check "{url}" ({reason}); open it in a browser to confirm it works.',
    repository: 'Could not check the GitHub repository {repository} ({reason}); open "{url}" to confirm it exists and is maintained.',
  },
  async check(context) {
    const links = linkTargets(context.data).map((field) => ({ path: field.path, url: field.value }));
    const repositories = repositoryTargets(context.data);
    await Promise.all([
      ...[...links, ...repositories.filter((r) => !r.github)].map(async ({ path, url }) => {
        const result = await context.checkLink(url);
        if (result.outcome === 'unverified') context.report({ path, messageId: 'link', data: { url, reason: result.reason } });
      }),
      ...repositories.map(async ({ path, url, github }) => {
        if (!github) return;
        const result = await context.githubRepository(github.owner, github.name);
        if (result.outcome === 'unverified')
          context.report({ path, messageId: 'repository', data: { url, repository: github.fullName, reason: result.reason } });
      }),
    ]);
  },
};
