import { createRequire } from 'node:module';
import type { Diagnostic } from '../core/types.js';
import { showControls, showLineStart } from '../util/visible-text.js';
import { ruleDocsUrl } from './docs.js';
import { isRecordResult } from './markdown.js';
import type { Formatter } from './types.js';

const require = createRequire(import.meta.url);

export type Paint = (text: string) => string;

/** The styles of the report: chalk's, or none; chalk (and the terminal detection it runs on loading) only with colour. */
export function styles(
  color: boolean | undefined,
): Record<'error' | 'warning' | 'info' | 'file' | 'dim' | 'ok' | 'errorSummary' | 'warningSummary', Paint> {
  if (!color) {
    const plain: Paint = (text) => text;
    return { error: plain, warning: plain, info: plain, file: plain, dim: plain, ok: plain, errorSummary: plain, warningSummary: plain };
  }
  const { Chalk } = require('chalk') as typeof import('chalk');
  const chalk = new Chalk({ level: 1 });
  return {
    error: chalk.red,
    warning: chalk.yellow,
    info: chalk.blue,
    file: chalk.underline,
    dim: chalk.dim,
    ok: chalk.green,
    errorSummary: chalk.red.bold,
    warningSummary: chalk.yellow.bold,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "17 files (12 nominations, 4 review records and reviewers.yaml)": what was checked besides nominations. */
function checkedFiles(results: Parameters<Formatter>[0]): string {
  const records = results.filter(isRecordResult);
  const reviewersFiles = records.filter((r) => !r.file.includes('reviews/'));
  const reviews = records.length - reviewersFiles.length;
  const others = [
    ...(reviews ? [plural(reviews, 'review record')] : []),
    ...reviewersFiles.map((r) => showControls(r.file.split('/').at(-1)!)),
  ];
  if (!others.length) return plural(results.length, 'file');
  const parts = [plural(results.length - records.length, 'nomination'), ...others];
  return `${plural(results.length, 'file')} (${parts.slice(0, -1).join(', ')} and ${parts.at(-1)})`;
}

/** Terminal output grouped by file, ESLint-style, with a summary and the docs of the rules that fired. */
export const formatStylish: Formatter = (results, options) => {
  const paint = styles(options.color);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  const fired = new Set<string>();
  for (const result of results) {
    const shown = result.diagnostics.filter((d) => !options.quiet || d.severity === 'error');
    if (!shown.length) continue;
    lines.push(paint.file(showLineStart(result.file)));
    const width = Math.max(...shown.map((d) => `${d.line}:${d.column}`.length));
    for (const d of shown) {
      if (d.severity === 'error') errors++;
      if (d.severity === 'warning') warnings++;
      if (d.fix && !d.waived) fixable++;
      fired.add(d.ruleId);
      lines.push(
        `  ${paint.dim(`${d.line}:${d.column}`.padEnd(width))}  ${paint[d.severity](d.severity.padEnd(7))}  ${message(d)}  ${paint.dim(showControls(d.ruleId))}`,
      );
    }
    lines.push('');
  }
  if (errors + warnings === 0) {
    // As ESLint's --quiet: nothing to say when there is no error, even if warnings were left out.
    if (options.quiet) return lines.join('\n');
    return lines.join('\n') + paint.ok(`✔ ${checkedFiles(results)} checked, no problems`) + '\n';
  }
  const summary = `✖ ${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${plural(results.length, 'file')}`;
  lines.push((errors ? paint.errorSummary : paint.warningSummary)(summary));
  if (fixable) lines.push(paint.dim(`  ${plural(fixable, 'problem')} can be fixed automatically with \`dpg fix\`.`));
  const docs = [...fired].sort().flatMap((id) => {
    const url = ruleDocsUrl(id, options);
    return url ? [`    ${id}: ${url}`] : [];
  });
  if (docs.length) lines.push(paint.dim('  Rule docs:'), ...docs.map(paint.dim));
  return lines.join('\n') + '\n';

  function message(d: Diagnostic): string {
    const waived = d.waived ? paint.dim(` (waived by ${showControls(d.waived.approvedBy)}: ${showControls(d.waived.reason)})`) : '';
    return showControls(d.message) + waived;
  }
};
