import type { RegisterCommand } from '../context.js';
import { runFix, type FixFlags } from '../shared/fix.js';
import { addReportOptions } from '../shared/report.js';

export const registerFix: RegisterCommand = (program, { io, setExitCode }) => {
  addReportOptions(
    program
      .command('fix')
      .description(
        "Apply the rules' automatic fixes (http→https, deprecated SPDX ids, country names), keeping comments and formatting, then report what remains.",
      )
      .argument('[paths...]', 'files, folders or globs to fix (default: every file in the registry folder)'),
  )
    .option('--dry-run', 'print the changes as a unified diff and write nothing')
    .action(async (operands: string[], flags: FixFlags) => {
      setExitCode(await runFix(operands, flags, io));
    });
};
