import { Command, CommanderError } from 'commander';
import { UsageError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { registerBuild } from './commands/build.js';
import { registerComment } from './commands/comment.js';
import { registerRecheck } from './commands/recheck.js';
import { registerFix } from './commands/fix.js';
import { registerImport } from './commands/import.js';
import { registerNew } from './commands/new.js';
import { registerRenewals } from './commands/renewals.js';
import { registerStatus } from './commands/status.js';
import { registerReport } from './commands/report.js';
import { registerRules } from './commands/rules.js';
import { registerValidate } from './commands/validate.js';
import type { CliContext, RegisterCommand } from './context.js';
import type { CliIO } from '../core/io.js';

export const EXIT = { ok: 0, problems: 1, failure: 2 } as const;

const COMMANDS: RegisterCommand[] = [
  registerValidate,
  registerFix,
  registerRules,
  registerReport,
  registerComment,
  registerRecheck,
  registerImport,
  registerNew,
  registerRenewals,
  registerStatus,
  registerBuild,
];

/** Runs the CLI on `argv` (without node and script) and returns the exit status; never throws. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const context: CliContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = new Command('dpg')
    .description('Validate, review and publish Digital Public Good nominations.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run dpg --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  program.configureHelp({ sortSubcommands: false });
  for (const register of COMMANDS) register(program, context);
  program.commands.forEach((c) => c.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).showHelpAfterError());

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with a CommanderError whose exitCode is 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    if (err instanceof UsageError) {
      io.stderr(`dpg: ${err.message}\n`);
      return EXIT.failure;
    }
    const detail = err instanceof Error ? err.message : String(err);
    io.stderr(
      `dpg: internal error: ${detail}\nThis is a bug in dpg; please report it with the command you ran${io.env.DPG_DEBUG ? '' : ' (set DPG_DEBUG=1 for a stack trace)'}.\n`,
    );
    if (io.env.DPG_DEBUG && err instanceof Error && err.stack) io.stderr(err.stack + '\n');
    return EXIT.failure;
  }
}
