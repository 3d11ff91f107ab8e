import { linkTargets, otherHostRepositories } from '../../util/targets.js';
import type { OnlineRule } from '../types.js';

export const rule: OnlineRule = {
  kind: 'online',
  id: 'online/broken-link',
  indicator: null,
  description:
    'Every URL answers: none is gone (404, 410), on a host that does not exist, refusing connections or redirecting in a loop (checked with --online).',
  defaultSeverity: 'warning',
  messages: {
    broken: '"{url}" is broken ({reason}); replace it with a working address (or an archived copy), or remove it.',
  },
  async check(context) {
    const links = linkTargets(context.data).map((field) => ({ path: field.path, url: field.value, repository: false }));
    const repositories = otherHostRepositories(context.data).map((target) => ({ path: target.path, url: target.url, repository: true }));
    await Promise.all(
      [...links, ...repositories].map(async ({ path, url, repository }) => {
        const result = await context.checkLink(url);
        // A repository its host says is gone is online/repository-missing's to report.
        if (result.outcome !== 'broken' || (repository && result.gone)) return;
        context.report({ path, messageId: 'broken', data: { url, reason: result.reason } });
      }),
    );
  },
};
