import { UsageError } from '../../core/errors.js';
import type { RegisterCommand } from '../context.js';

interface NewFlags {
  answers?: string;
  name?: string;
  description?: string;
  website?: string;
  category: string[];
  license?: string;
  licenseUrl?: string;
  repository: string[];
  out?: string;
  dryRun?: boolean;
  config?: string;
  resume?: string | true;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export const registerNew: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('new')
    .description('Write a new nomination by answering the questions of the DPG Standard, or from an answers file (never replaces a file).')
    .argument('[name]', 'the name of the solution')
    .option('-a, --answers <file>', 'take the answers from a YAML or JSON file instead of asking (see docs/new.md)')
    .option('--name <name>', 'the name of the solution')
    .option('--description <text>', 'what the solution is and whom it serves')
    .option('--website <url>', 'its public website')
    .option('--category <category>', 'software, content, data, ai-model or standard (repeatable)', collect, [])
    .option('--license <spdx>', 'its licence, as an SPDX expression')
    .option('--license-url <url>', 'a public page that names the licence')
    .option('--repository <url>', 'a source repository (repeatable)', collect, [])
    .option('--resume [draft]', 'continue from a draft kept when dpg new was stopped (default: the only .dpg-new-*.draft.yaml)')
    .option('-o, --out <file>', 'where to write it (default: <registry>/<slug of the name>.yaml)')
    .option('--dry-run', 'print the nomination instead of writing it')
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action(async (operand: string | undefined, flags: NewFlags) => {
      // Loaded here: the prompt library and the wizard stay off the start-up path of other commands.
      const { runNew } = await import('../../new/run.js');
      if (operand !== undefined && flags.name !== undefined && operand !== flags.name) {
        throw new UsageError(`Give the name once: "${operand}" and --name "${flags.name}" differ.`);
      }
      setExitCode(
        await runNew(
          {
            name: operand ?? flags.name,
            answers: flags.answers,
            description: flags.description,
            website: flags.website,
            categories: flags.category,
            license: flags.license,
            licenseUrl: flags.licenseUrl,
            repositories: flags.repository,
            out: flags.out,
            dryRun: flags.dryRun,
            config: flags.config,
            resume: flags.resume,
            interactive: Boolean(process.stdin.isTTY),
          },
          io,
        ),
      );
    });
};
