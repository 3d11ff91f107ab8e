import path from 'node:path';
import { Option } from 'commander';
import { UsageError } from '../../core/errors.js';
import { displayPath, loadConfig, readSource, registryFiles } from '../../runner/files.js';
import { didYouMean } from '../../util/suggest.js';
import { useColor, type RegisterCommand } from '../context.js';
import { readRegistryBytes } from '../../load/read.js';
import { entryExists } from '../../util/regular-file.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

export const registerStatus: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('status')
    .description(
      'Automated and human verdicts of nominations side by side, what is missing, and whether each is ready for a decision (exit 0).',
    )
    .argument('[nominations...]', 'nominations by slug (file name without .yaml) or path (default: every nomination)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('--no-color', 'no colours in the text output')
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action(async (slugs: string[], flags: { format: (typeof FORMATS)[number]; color?: boolean; config?: string }) => {
      const { config, root } = loadConfig(io.cwd, flags.config);
      const registry = registryFiles(path.resolve(root, config.registry));
      const { slugOf } = await import('../../util/slug.js');
      const known = registry.map(slugOf);
      // An operand is a slug, or a path to a nomination file of the registry (what tab completion gives).
      const wanted = slugs.map((operand) => {
        if (known.includes(operand)) return operand;
        if (/\.ya?ml$/i.test(operand) || operand.includes('/') || operand.includes(path.sep)) {
          const file = registry.find((f) => f === path.resolve(io.cwd, operand));
          if (file) return slugOf(file);
          throw new UsageError(
            `${operand} is not a nomination of ${config.registry}/ (give a slug or a file in that folder).${didYouMean(path.basename(operand).replace(/\.ya?ml$/i, ''), known)}`,
          );
        }
        throw new UsageError(`No nomination "${operand}" in ${config.registry}/.${didYouMean(operand, known)}`);
      });
      const selected = wanted.length ? registry.filter((f) => wanted.includes(slugOf(f))) : registry;
      if (!selected.length) throw new UsageError(`No nominations found in ${config.registry}/.`);
      const { validateSources } = await import('../../lint/engine.js');
      const { loadNomination } = await import('../../load/load.js');
      const { localReviewerExclusion, readLocalReviews, reviewPaths } = await import('../../runner/reviews.js');
      const { nominationStatus } = await import('../../review/status.js');
      const { formatStatusJson, formatStatusMarkdown, formatStatusText } = await import('../../formatters/status.js');

      const sources = selected.map((f) => readSource(f, io.cwd));
      const chosen = new Set(selected);
      const results = validateSources(sources, {
        config,
        now: io.now,
        context: registry.filter((f) => !chosen.has(f)).map((f) => readSource(f, io.cwd)),
      });
      const paths = reviewPaths(root, config);
      const { records } = readLocalReviews(paths, registry, config, io);
      const shown = displayPath(paths.reviewersFile, io.cwd);
      const { loadReviewers } = await import('../../review/reviewers.js');
      const reviewers = entryExists(paths.reviewersFile)
        ? loadReviewers(shown, readRegistryBytes(paths.reviewersFile), config).reviewers
        : undefined;
      const excluded = localReviewerExclusion(reviewers, shown);
      const statuses = results.map((result, i) =>
        nominationStatus(result, loadNomination(sources[i]!.file, sources[i]!.content).data, records, {
          minReviews: config.review.minReviews,
          excluded,
          now: io.now,
        }),
      );
      const format = {
        text: () => formatStatusText(statuses, { color: useColor(flags.color, io) }),
        json: () => formatStatusJson(statuses),
        markdown: () => formatStatusMarkdown(statuses),
      }[flags.format];
      io.stdout(format());
      setExitCode(0);
    });
};
