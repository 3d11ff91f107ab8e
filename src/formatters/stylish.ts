import { Chalk } from 'chalk';
import type { Diagnostic } from '../types.js';
import { docsUrl } from '../config.js';
import type { Formatter } from './types.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Terminal output grouped by file, ESLint-style, with a summary and the docs of the rules that fired. */
export const formatStylish: Formatter = (results, options) => {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const colour = { error: chalk.red, warning: chalk.yellow, info: chalk.blue };
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  const fired = new Set<string>();
  for (const result of results) {
    const shown = result.diagnostics.filter((d) => !options.quiet || d.severity === 'error');
    if (!shown.length) continue;
    lines.push(chalk.underline(result.file));
    const width = Math.max(...shown.map((d) => `${d.line}:${d.column}`.length));
    for (const d of shown) {
      if (d.severity === 'error') errors++;
      if (d.severity === 'warning') warnings++;
      if (d.fix && !d.waived) fixable++;
      fired.add(d.ruleId);
      lines.push(`  ${chalk.dim(`${d.line}:${d.column}`.padEnd(width))}  ${colour[d.severity](d.severity.padEnd(7))}  ${message(d)}  ${chalk.dim(d.ruleId)}`);
    }
    lines.push('');
  }
  if (errors + warnings === 0) {
    const checked = plural(results.length, 'file');
    return lines.join('\n') + (lines.length ? '' : '') + chalk.green(`✔ ${checked} checked, no problems`) + '\n';
  }
  const summary = `✖ ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(results.length, 'file')}`;
  lines.push((errors ? chalk.red.bold : chalk.yellow.bold)(summary));
  if (fixable) lines.push(chalk.dim(`  ${plural(fixable, 'problem')} can be fixed automatically with \`dpg fix\`.`));
  lines.push(chalk.dim('  Rule docs:'));
  for (const id of [...fired].sort()) lines.push(chalk.dim(`    ${id}: ${docsUrl(id, options)}`));
  return lines.join('\n') + '\n';

  function message(d: Diagnostic): string {
    const waived = d.waived ? chalk.dim(` (waived by ${d.waived.approvedBy}: ${d.waived.reason})`) : '';
    return d.message + waived;
  }
};
