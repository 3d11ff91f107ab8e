import { workflowCommandData, workflowCommandProperty } from '../util/visible-text.js';
import { ruleDocsUrl } from './docs.js';
import type { Formatter } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands: one annotation per problem, shown on the pull request's files. */
export const formatGithub: Formatter = (results, options) => {
  const out: string[] = [];
  for (const result of results) {
    for (const d of result.diagnostics) {
      if (options.quiet && d.severity !== 'error') continue;
      const props = [
        `file=${workflowCommandProperty(result.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${workflowCommandProperty(d.ruleId)}`,
      ].join(',');
      const docs = ruleDocsUrl(d.ruleId, options);
      out.push(`::${LEVEL[d.severity]} ${props}::${workflowCommandData(`${d.message}${docs ? ` (${docs})` : ''}`)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
};
