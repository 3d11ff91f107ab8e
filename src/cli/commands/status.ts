import path from 'node:path';
import { Option } from 'commander';
import { UsageError } from '../../core/errors.js';
import { displayPath, loadConfig, readSource, registryFiles } from '../../runner/files.js';
import { didYouMean } from '../../util/suggest.js';
import type { RegisterCommand } from '../context.js';
import { readRegistryBytes } from '../../load/read.js';
import { entryExists } from '../../util/regular-file.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

export const registerStatus: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('status')
    .description('Automated and human verdicts of nominations side by side, what is missing, and whether each is ready for a decision (exit 0).')
    .argument('[slugs...]', 'nominations by file name without .yaml (default: every nomination)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action(async (slugs: string[], flags: { format: (typeof FORMATS)[number]; config?: string }) => {
      const { config, root } = loadConfig(io.cwd, flags.config);
      const registry = registryFiles(path.resolve(root, config.registry));
      const { slugOf } = await import('../../util/slug.js');
      const known = registry.map(slugOf);
      for (const slug of slugs) {
        if (!known.includes(slug)) throw new UsageError(`No nomination "${slug}" in ${config.registry}/.${didYouMean(slug, known)}`);
      }
      const selected = slugs.length ? registry.filter((f) => slugs.includes(slugOf(f))) : registry;
      if (!selected.length) throw new UsageError(`No nominations found in ${config.registry}/.`);
      const { validateSources } = await import('../../lint/engine.js');
      const { loadNomination } = await import('../../load/load.js');
      const { localReviewerExclusion, readLocalReviews, reviewPaths } = await import('../../review/local.js');
      const { nominationStatus } = await import('../../review/status.js');
      const { formatStatusJson, formatStatusMarkdown, formatStatusText } = await import('../../review/format.js');

      const sources = selected.map((f) => readSource(f, io.cwd));
      const chosen = new Set(selected);
      const results = validateSources(sources, { config, now: io.now, context: registry.filter((f) => !chosen.has(f)).map((f) => readSource(f, io.cwd)) });
      const paths = reviewPaths(root, config);
      const { records } = readLocalReviews(paths, registry, config, io);
      const shown = displayPath(paths.reviewersFile, io.cwd);
      const { loadReviewers } = await import('../../review/reviewers.js');
      const reviewers = entryExists(paths.reviewersFile) ? loadReviewers(shown, readRegistryBytes(paths.reviewersFile), config).reviewers : undefined;
      const excluded = localReviewerExclusion(reviewers, shown);
      const statuses = results.map((result, i) =>
        nominationStatus(result, loadNomination(sources[i]!.file, sources[i]!.content).data, records, { minReviews: config.review.minReviews, excluded, now: io.now }));
      const format = { text: formatStatusText, json: formatStatusJson, markdown: formatStatusMarkdown }[flags.format];
      io.stdout(format(statuses));
      setExitCode(0);
    });
};
