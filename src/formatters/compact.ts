import { showControls, showLineStart } from '../util/visible-text.js';
import type { Formatter } from './types.js';

/** One line per problem, `file:line:col: severity: message [rule]`, as compilers print them (editors and grep read it). */
export const formatCompact: Formatter = (results, options) => {
  const lines: string[] = [];
  for (const result of results) {
    for (const d of result.diagnostics) {
      if (options.quiet && d.severity !== 'error') continue;
      const waived = d.waived ? ` (waived by ${d.waived.approvedBy}: ${d.waived.reason})` : '';
      lines.push(
        `${showLineStart(result.file)}:${d.line}:${d.column}: ${d.severity}: ${showControls(d.message + waived)} [${showControls(d.ruleId)}]`,
      );
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
};
