import { createHash } from 'node:crypto';
import type { Severity } from '../core/types.js';
import { ruleDocsUrl } from './docs.js';
import type { Formatter } from './types.js';

const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * A GitLab code-quality report (a JSON list of issues), shown in merge requests. The fingerprint identifies
 * an issue across runs: the file, rule, JSON pointer and message, and how many times the same ones came before.
 */
export const formatGitlab: Formatter = (results, options) => {
  const seen = new Map<string, number>();
  const issues = results.flatMap((result) =>
    result.diagnostics
      .filter((d) => !options.quiet || d.severity === 'error')
      .map((d) => {
        const identity = JSON.stringify([result.file, d.ruleId, d.path, d.message]);
        const occurrence = seen.get(identity) ?? 0;
        seen.set(identity, occurrence + 1);
        const docs = ruleDocsUrl(d.ruleId, options);
        return {
          type: 'issue',
          check_name: d.ruleId,
          description: d.waived ? `${d.message} (waived by ${d.waived.approvedBy}: ${d.waived.reason})` : d.message,
          ...(docs ? { content: { body: `See ${docs}` } } : {}),
          categories: ['Style'],
          severity: SEVERITY[d.severity],
          fingerprint: createHash('sha256').update(`${identity}#${occurrence}`).digest('hex'),
          location: {
            path: result.file,
            positions: { begin: { line: d.line, column: d.column }, end: { line: d.endLine, column: d.endColumn } },
          },
        };
      }),
  );
  return JSON.stringify(issues, null, 2) + '\n';
};
