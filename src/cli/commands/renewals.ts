import path from 'node:path';
import { Option } from 'commander';
import { UsageError } from '../../core/errors.js';
import { loadConfig, readSource, registryFiles, resolveOperands } from '../../runner/files.js';
import {
  DEFAULT_WINDOW,
  findRenewals,
  formatRenewalsJson,
  formatRenewalsMarkdown,
  formatRenewalsText,
  parseWindow,
  type RenewalReport,
} from '../../renewals/renewals.js';
import { useColor, type RegisterCommand } from '../context.js';

const FORMATS: Record<string, (report: RenewalReport, options: { color: boolean }) => string> = {
  text: formatRenewalsText,
  json: (report) => formatRenewalsJson(report),
  markdown: (report) => formatRenewalsMarkdown(report),
};

export const registerRenewals: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('renewals')
    .description('List DPGs whose one-year recognition ends within a window or has ended (exit 0 whatever is due).')
    .argument('[paths...]', 'files, folders or globs (default: every file in the registry folder)')
    .option('-w, --within <window>', 'how far ahead to look: days, weeks or months, e.g. 45d, 6w, 2m', DEFAULT_WINDOW)
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATS)).default('text'))
    .option('--no-color', 'no colours in the text output')
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action(async (operands: string[], flags: { within: string; format: string; color?: boolean; config?: string }) => {
      const window = parseWindow(flags.within);
      const { config, root } = loadConfig(io.cwd, flags.config);
      const files = operands.length ? resolveOperands(operands, io.cwd) : registryFiles(path.resolve(root, config.registry));
      if (!files.length) {
        throw new UsageError(
          operands.length ? 'No nomination files (.yaml, .yml) in the paths given.' : `No nominations found in ${config.registry}/.`,
        );
      }
      const sources = files.map((f) => readSource(f, io.cwd));
      const { validateSources } = await import('../../lint/engine.js');
      // What each DPG owes at its renewal comes from validation, as dpg validate reports it.
      const results = validateSources(sources, { config, now: io.now });
      const report = findRenewals(sources, { now: io.now, window, results });
      io.stdout(FORMATS[flags.format]!(report, { color: useColor(flags.color, io) }));
      // What is due is information, not a failure; scripts read --format json.
      setExitCode(0);
    });
};
