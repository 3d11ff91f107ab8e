import { Option } from 'commander';
import { UsageError } from '../../core/errors.js';
import { FORMATTERS } from '../../formatters/index.js';
import { loadConfig } from '../../runner/files.js';
import { parseNonNegativeInteger, type RegisterCommand } from '../context.js';
import { commentContext, markdownFormatterOptions, mergeResults, readResultsFile, type ReviewFlags } from '../shared/results.js';

interface ReportFlags extends ReviewFlags {
  format: string;
  results?: string;
  merge?: string[];
  config?: string;
  maxLength?: number;
}

export const registerReport: RegisterCommand = (program, { io, setExitCode }) => {
  program
    .command('report')
    .description('Format saved results (from `dpg validate --format json`) again: a Markdown report, or the pull-request comment.')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'comment', 'json']).default('markdown'))
    .option('--results <file>', 'results file written by `dpg validate --format json`')
    .option('--merge <files...>', 'several results files to merge (e.g. of `dpg validate --shard i/n`), instead of --results')
    .option('--sha <commit>', 'the commit the results describe (linked, and lines link to it)')
    .option('--repo <owner/name>', 'the repository, for links to files and lines')
    .option('--server-url <url>', 'GitHub web address (default: GITHUB_SERVER_URL or https://github.com)')
    .option('--summary-url <url>', 'where the full report is, linked when the comment has to be shortened (comment)')
    .option(
      '--max-length <n>',
      "longest comment to write (comment; default 64000, within GitHub's limit of 65536)",
      parseNonNegativeInteger('--max-length'),
    )
    .option('-c, --config <file>', 'configuration file (default: dpg.config.yaml in the working directory)')
    .action(async (flags: ReportFlags) => {
      const { config } = loadConfig(io.cwd, flags.config);
      if ((flags.results === undefined) === (flags.merge === undefined))
        throw new UsageError('Give the results with either --results <file> or --merge <files…>.');
      const { results, notes } = flags.merge
        ? mergeResults(flags.merge.map((source) => ({ source, results: readResultsFile(source, io.cwd) })))
        : readResultsFile(flags.results!, io.cwd);
      const context = { ...commentContext(flags, notes, io.env), ...(flags.maxLength !== undefined ? { maxLength: flags.maxLength } : {}) };
      const options = markdownFormatterOptions(config.docsBaseUrl, context);
      if (flags.format === 'json' && notes.length) io.stdout(JSON.stringify({ results, notes }, null, 2) + '\n');
      else if (flags.format === 'comment') {
        // The comment's code loads only for this format.
        const { renderComment } = await import('../../github/bot/body.js');
        io.stdout(renderComment(results, options, context).body);
      } else io.stdout(FORMATTERS[flags.format]!(results, options));
      // The validate step already failed on errors; reporting them is a success.
      setExitCode(0);
    });
};
