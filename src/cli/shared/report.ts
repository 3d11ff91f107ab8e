import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Config } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import { FORMATTERS } from '../../formatters/index.js';
import { registryFiles, loadConfig, resolveOperands } from '../../runner/files.js';
import { ALL_RULES } from '../../rules/index.js';
import type { FileResult } from '../../core/types.js';
import { writeFileAtomically } from '../../util/atomic-write.js';
import { VERSION } from '../../core/version.js';
import type { CliIO } from '../../core/io.js';
import { parseNonNegativeInteger, useColor } from '../context.js';

/** The output options `validate` and `fix` share. */
export interface ReportFlags {
  format: string;
  quiet?: boolean;
  maxWarnings?: number;
  color?: boolean;
  config?: string;
  /** Write the chosen format to this file, and stylish to the terminal (-o, --output-file). */
  outputFile?: string;
}

export interface Targets {
  config: Config;
  /** Every nomination of the registry folder (absolute paths). */
  registry: string[];
  /** The folder of the configuration file (the working directory without one). */
  root: string;
  /** The files to check (absolute paths): the operands, or the whole registry without any. */
  targets: string[];
}

/** Resolves the configuration and the files named on the command line (the registry when none are). */
export function resolveTargets(operands: readonly string[], configFile: string | undefined, io: CliIO): Targets {
  const { config, root } = loadConfig(io.cwd, configFile);
  const registry = registryFiles(path.resolve(root, config.registry));
  let targets: string[];
  if (operands.length) {
    targets = resolveOperands(operands, io.cwd);
  } else {
    if (!registry.length)
      throw new UsageError(`No nominations found in ${config.registry}/ (give files to validate, or set "registry" in dpg.config.yaml).`);
    targets = registry;
  }
  if (!targets.length) throw new UsageError('No nomination files (.yaml, .yml) to validate.');
  return { config, registry, targets, root };
}

/** Prints the results in the chosen format and returns the exit status (0 clean, 1 problems). */
export function reportResults(results: readonly FileResult[], flags: ReportFlags, config: Config, io: CliIO): number {
  const options = (color: boolean) => ({ color, docsBaseUrl: config.docsBaseUrl, rules: ALL_RULES, version: VERSION, quiet: flags.quiet });
  if (flags.outputFile !== undefined) {
    writeOutputFile(flags.outputFile, FORMATTERS[flags.format]!([...results], options(false)), io);
    io.stdout(FORMATTERS.stylish!([...results], options(useColor(flags.color, io))));
  } else {
    io.stdout(FORMATTERS[flags.format]!([...results], options(useColor(flags.color, io))));
  }
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  let code = errors > 0 ? 1 : 0;
  if (flags.maxWarnings !== undefined && warnings > flags.maxWarnings) {
    io.stderr(`dpg: ${warnings} warnings, more than the ${flags.maxWarnings} allowed by --max-warnings.\n`);
    code = 1;
  }
  return code;
}

/** Writes the report to `file` (from the working directory), creating its folders as ESLint does; a folder there is a usage error. */
function writeOutputFile(file: string, text: string, io: CliIO): void {
  const target = path.resolve(io.cwd, file);
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`--output-file ${file} is a folder; give a file name.`);
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomically(target, text);
  } catch (err) {
    throw new UsageError(`Cannot write --output-file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
  }
}

/** The options both commands accept, so `validate --fix` and `fix` read the same flags. */
export function addReportOptions(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATTERS)).default('stylish'))
    .option('-o, --output-file <file>', 'write the report in --format to this file, and print the stylish report too')
    .option('-q, --quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit with status 1 when there are more than n warnings', parseNonNegativeInteger('--max-warnings'))
    .option('--no-color', 'no colours in the output')
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)');
}
