import { asArray } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

const NEEDS_REPOSITORY = ['software', 'ai-model'];

export const rule: FileRule = {
  kind: 'file',
  id: 'identity/repository-required',
  indicator: null,
  description: 'Software and AI models list at least one source repository.',
  defaultSeverity: 'error',
  messages: {
    missing:
      'A nomination in the category {category} must list where its source is published; add `repositories:` with at least one `- url: https://…` of a public repository.',
  },
  check(context) {
    const category = asArray(context.data.categories).find((c): c is string => typeof c === 'string' && NEEDS_REPOSITORY.includes(c));
    if (category === undefined || asArray(context.data.repositories).length > 0) return;
    const hasKey = context.data.repositories !== undefined;
    context.report({ path: hasKey ? '/repositories' : '/categories', at: 'key', messageId: 'missing', data: { category } });
  },
};
