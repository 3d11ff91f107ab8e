import { docsUrl } from '../config.js';
import type { Formatter } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one annotation per problem, shown on the pull request's files. */
export const formatGithub: Formatter = (results, options) => {
  const out: string[] = [];
  for (const result of results) {
    for (const d of result.diagnostics) {
      if (options.quiet && d.severity !== 'error') continue;
      const props = [
        `file=${escapeProperty(result.file)}`,
        `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`,
        `title=${escapeProperty(d.ruleId)}`,
      ].join(',');
      out.push(`::${LEVEL[d.severity]} ${props}::${escapeData(`${d.message} (${docsUrl(d.ruleId, options)})`)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
};
