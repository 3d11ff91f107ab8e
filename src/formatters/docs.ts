import { docsUrl } from '../config/config.js';
import type { FormatterOptions } from './types.js';

const KNOWN = new WeakMap<FormatterOptions['rules'], Set<string>>();

/**
 * The docs page of a rule the tool has, or null. Rule ids in results are data (a results file from a
 * pull request's job): an id such as `../../x` must never become a link.
 */
export function ruleDocsUrl(ruleId: string, options: Pick<FormatterOptions, 'docsBaseUrl' | 'rules'>): string | null {
  let known = KNOWN.get(options.rules);
  if (!known) KNOWN.set(options.rules, (known = new Set(options.rules.map((r) => r.id))));
  return known.has(ruleId) ? docsUrl(ruleId, options) : null;
}
