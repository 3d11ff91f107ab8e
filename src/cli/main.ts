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

/** Every command, by the name it registers, in the order of the help. */
export const COMMANDS: ReadonlyArray<readonly [name: string, register: RegisterCommand]> = [
  ['validate', registerValidate],
  ['fix', registerFix],
  ['rules', registerRules],
  ['report', registerReport],
  ['comment', registerComment],
  ['recheck', registerRecheck],
  ['import', registerImport],
  ['new', registerNew],
  ['renewals', registerRenewals],
  ['status', registerStatus],
  ['build', registerBuild],
];

/**
 * The commands a run registers: only the one `argv` starts with, when it names one (its options, help and errors
 * need no other), so a validation does not build ten other commands' options first; else all of them, for the
 * program's help, `help <command>` and suggestions for a mistyped name.
 */
export function commandsFor(argv: readonly string[]): ReadonlyArray<readonly [name: string, register: RegisterCommand]> {
  const named = COMMANDS.find(([name]) => name === argv[0]);
  return named ? [named] : COMMANDS;
}

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
  for (const [, register] of commandsFor(argv)) register(program, context);
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
