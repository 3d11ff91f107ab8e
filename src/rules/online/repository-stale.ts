import { repositoryTargets } from '../../util/targets.js';
import type { OnlineRule } from '../types.js';

const DAY_MS = 86_400_000;

export const rule: OnlineRule = {
  kind: 'online',
  id: 'online/repository-stale',
  indicator: null,
  description: 'Listed GitHub repositories were pushed to within the last two years (checked with --online).',
  defaultSeverity: 'warning',
  defaultOptions: { maxAgeDays: 730 },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      maxAgeDays: {
        type: 'integer',
        minimum: 1,
        maximum: 36_500,
        description: 'Days since the last push after which a repository is reported as stale.',
      },
    },
  },
  messages: {
    stale:
      'The last push to {repository} was on {date}, {days} days ago (more than {maxAgeDays}); list the repository where the solution is maintained now, or ask a reviewer to judge whether it is still maintained.',
  },
  async check(context) {
    const maxAgeDays = Number(context.options.maxAgeDays);
    await Promise.all(
      repositoryTargets(context.data).map(async ({ path, github }) => {
        if (!github) return;
        const result = await context.githubRepository(github.owner, github.name);
        const pushed = result.pushedAt ? Date.parse(result.pushedAt) : NaN;
        if (result.outcome !== 'found' || Number.isNaN(pushed)) return;
        const days = Math.floor((context.now.getTime() - pushed) / DAY_MS);
        if (days > maxAgeDays) {
          context.report({
            path,
            messageId: 'stale',
            data: { repository: github.fullName, date: result.pushedAt!.slice(0, 10), days, maxAgeDays },
          });
        }
      }),
    );
  },
};
