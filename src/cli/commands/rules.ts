import { Option } from 'commander';
import { docsUrl, ruleSetting } from '../../config/config.js';
import { loadConfig } from '../../runner/files.js';
import { ALL_RULES } from '../../rules/index.js';
import { showControls } from '../../util/visible-text.js';
import type { RegisterCommand } from '../context.js';

export const registerRules: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('rules')
    .description('List every rule: id, indicator, severity (after dpg.config.yaml), description and docs.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action((flags: { format: string; config?: string }) => {
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
        const width = Math.max(...rows.map((r) => r.id.length));
        for (const r of rows) {
          const indicator = r.indicator ? `#${r.indicator}` : '-';
          io.stdout(`${r.id.padEnd(width)}  ${indicator.padEnd(3)}  ${r.severity.padEnd(7)}  ${r.fixable ? 'fix ' : '    '} ${showControls(r.description)}\n`);
          io.stdout(`${''.padEnd(width)}  ${showControls(r.docs)}\n`);
        }
      }
      setExitCode(0);
    });
};
