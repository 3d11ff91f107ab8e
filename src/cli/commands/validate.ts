import path from 'node:path';
import { Option } from 'commander';
import { UsageError } from '../../config.js';
import { validateSources } from '../../engine/engine.js';
import { FORMATTERS } from '../../formatters/index.js';
import { loadConfig, readSource, registryFiles, resolveOperands } from '../../registry/files.js';
import { ALL_RULES } from '../../rules/index.js';
import { VERSION } from '../../version.js';
import { parseNonNegativeInteger, useColor, type RegisterCommand } from '../context.js';

interface ValidateFlags {
  format: string;
  quiet?: boolean;
  maxWarnings?: number;
  color?: boolean;
  config?: string;
  output?: string;
}

export const registerValidate: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('validate')
    .description('Check nominations against the schema and the DPG Standard\'s rules (default: every file in the registry folder).')
    .argument('[paths...]', 'files, folders or globs to validate')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATTERS)).default('stylish'))
    .option('-q, --quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit with status 1 when there are more than n warnings', parseNonNegativeInteger('--max-warnings'))
    .option('--no-color', 'no colours in the output')
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action((operands: string[], flags: ValidateFlags) => {
      const { config, root } = loadConfig(io.cwd, flags.config);
      const registryDir = path.resolve(root, config.registry);
      const registry = registryFiles(registryDir);
      let targets: string[];
      if (operands.length) {
        targets = resolveOperands(operands, io.cwd);
      } else {
        if (!registry.length) throw new UsageError(`No nominations found in ${config.registry}/ (give files to validate, or set "registry" in dpg.config.yaml).`);
        targets = registry;
      }
      if (!targets.length) throw new UsageError('No nomination files (.yaml, .yml) to validate.');
      const targetSet = new Set(targets);
      const results = validateSources(targets.map((f) => readSource(f, io.cwd)), {
        config,
        now: io.now,
        context: registry.filter((f) => !targetSet.has(f)).map((f) => readSource(f, io.cwd)),
      });
      const output = FORMATTERS[flags.format]!(results, {
        color: useColor(flags.color, io),
        docsBaseUrl: config.docsBaseUrl,
        rules: ALL_RULES,
        version: VERSION,
        quiet: flags.quiet,
      });
      io.stdout(output);
      const errors = results.reduce((n, r) => n + r.errorCount, 0);
      const warnings = results.reduce((n, r) => n + r.warningCount, 0);
      let code = errors > 0 ? 1 : 0;
      if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
        io.stderr(`dpg: ${warnings} warnings, more than the ${flags.maxWarnings} allowed by --max-warnings.\n`);
        code = 1;
      }
      setExitCode(code);
    });
};
