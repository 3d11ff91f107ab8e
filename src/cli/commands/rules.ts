import { Option } from 'commander';
import { docsUrl, ruleSetting } from '../../config/config.js';
import { loadConfig } from '../../runner/files.js';
import { styles } from '../../formatters/stylish.js';
import { ALL_RULES } from '../../rules/index.js';
import { showControls } from '../../util/visible-text.js';
import { useColor, type RegisterCommand } from '../context.js';

interface RuleRow {
  id: string;
  indicator: string | null;
  severity: string;
  fixable: unknown;
  description: string;
  docs: string;
}

/** The rules as aligned text; severities coloured with `color` (error red, warn yellow, off dim). */
function formatRulesText(rows: readonly RuleRow[], options: { color?: boolean } = {}): string {
  const paint = styles(options.color);
  const severity = (s: string) =>
    s === 'error' ? paint.error : s === 'warn' || s === 'warning' ? paint.warning : s === 'off' ? paint.dim : (t: string) => t;
  const width = Math.max(...rows.map((r) => r.id.length));
  return rows
    .map((r) => {
      const indicator = r.indicator ? `#${r.indicator}` : '-';
      return (
        `${r.id.padEnd(width)}  ${indicator.padEnd(3)}  ${severity(r.severity)(r.severity.padEnd(7))}  ${r.fixable ? 'fix ' : '    '} ${showControls(r.description)}\n` +
        `${''.padEnd(width)}  ${paint.dim(showControls(r.docs))}\n`
      );
    })
    .join('');
}

export const registerRules: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('rules')
    .description('List every rule: id, indicator, severity (after dpg.config.yaml), description and docs.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--no-color', 'no colours in the text output')
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action((flags: { format: string; color?: boolean; config?: string }) => {
      const { config } = loadConfig(io.cwd, flags.config);
      const rows = ALL_RULES.map((rule) => ({
        id: rule.id,
        indicator: rule.indicator,
        severity: ruleSetting(rule, config).severity,
        defaultSeverity: rule.defaultSeverity,
        fixable: rule.fixable ?? null,
        description: rule.description,
        docs: docsUrl(rule.id, config),
      }));
      if (flags.format === 'json') {
        io.stdout(JSON.stringify(rows, null, 2) + '\n');
      } else {
        io.stdout(formatRulesText(rows, { color: useColor(flags.color, io) }));
      }
      setExitCode(0);
    });
};
