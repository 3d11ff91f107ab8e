import { Option } from 'commander';
import type { RegisterCommand } from '../context.js';
import type { ImportFlags } from '../shared/import.js';

export const registerImport: RegisterCommand = (program, context) => {
  program
    .command('import')
    .description('Convert records of the former DPG registry (JSON) into nominations (YAML).')
    .argument(
      '<paths...>',
      "a folder in the former registry's layout (nominees/, digitalpublicgoods/), a folder of records, or record files",
    )
    .option('-o, --out <folder>', 'where to write the nominations (default: the registry folder, nominations/)')
    .option('--force', 'replace nominations that already exist')
    .option('--dry-run', 'convert and report, but write nothing')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option('--review-date <date>', 'review date (YYYY-MM-DD) to record on approved DPGs, which the old records lack')
    .option('--reviewer <handle>', 'reviewer to record on approved DPGs, which the old records lack')
    .option('--no-color', 'no colours in the text report')
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action(async (operands: string[], flags: ImportFlags) => {
      // The conversion is loaded only here, so that other commands start without it.
      const { runImport } = await import('../shared/import.js');
      await runImport(operands, flags, context);
    });
};
