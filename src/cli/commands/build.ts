import { Option } from 'commander';
import type { RegisterCommand } from '../context.js';

export const registerBuild: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('build')
    .description(
      'Publish the registry: validate every nomination, then write the JSON API and the static website (exit 1 when an approved record fails).',
    )
    .option('-o, --out <folder>', 'output folder (replaced by each build)', 'site')
    .addOption(new Option('--compat <format>', "also export the records in a former registry's layout").choices(['dpga']))
    .option('--site-url <url>', 'public address of the site (e.g. https://org.github.io/registry/), for absolute links in the Atom feed')
    .option('--force', 'replace an output folder that is not empty and holds no earlier build')
    .option('--no-color', 'no colours in the output')
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action(async (flags: { out: string; compat?: 'dpga'; siteUrl?: string; force?: boolean; color?: boolean; config?: string }) => {
      // The site builder and the changelog's git code load only when building.
      const { runBuild } = await import('../shared/build.js');
      setExitCode(await runBuild(flags, io));
    });
};
