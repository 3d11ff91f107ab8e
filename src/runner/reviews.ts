import path from 'node:path';
import type { Config } from '../config/config.js';
import { addToResult } from '../lint/finish.js';
import { loadNomination } from '../load/load.js';
import { readRegistryBytes } from '../load/read.js';
import type { CliIO } from '../core/io.js';
import type { ChangedNominations } from './git/changed.js';
import { decisionDiagnostic } from './git/results.js';
import { displayPath, registryFiles } from './files.js';
import type { FileResult } from '../core/types.js';
import { pathBelow } from '../util/paths.js';
import { entryExists } from '../util/regular-file.js';
import { slugOf } from '../util/slug.js';
import { detectDecisions } from '../review/decisions.js';
import { validateReviewSources, type ReviewRecord, type ReviewSource, type ReviewValidation } from '../review/records.js';
import { listedReviewerByName, listedTeams, loadReviewers, type Reviewers } from '../review/reviewers.js';

export interface ReviewPaths {
  /** Absolute path of reviewers.yaml (it may not exist). */
  reviewersFile: string;
  /** Absolute path of the reviews folder (it may not exist). */
  reviewsDir: string;
}

export function reviewPaths(root: string, config: Config): ReviewPaths {
  return { reviewersFile: path.resolve(root, config.review.reviewersFile), reviewsDir: path.resolve(root, config.review.reviewsDir) };
}

export function isInside(file: string, dir: string): boolean {
  return pathBelow(file, dir) !== undefined;
}

function reviewSource(file: string, reviewsDir: string, cwd: string, content?: Uint8Array | string): ReviewSource {
  return {
    file: displayPath(file, cwd),
    content: content ?? readRegistryBytes(file),
    relative: path.relative(reviewsDir, file).split(path.sep).join('/'),
  };
}

/** The slugs of the registry's nominations. */
export function nominationSlugs(registry: readonly string[]): Set<string> {
  return new Set(registry.map((f) => slugOf(f)));
}

/** Reads every review record of the reviews folder: the records, and their validation results. */
export function readLocalReviews(
  paths: ReviewPaths,
  registry: readonly string[],
  config: Config,
  io: Pick<CliIO, 'cwd' | 'now'>,
): ReviewValidation {
  const sources = registryFiles(paths.reviewsDir).map((f) => reviewSource(f, paths.reviewsDir, io.cwd));
  return validateReviewSources(sources, { nominations: nominationSlugs(registry), config, now: io.now });
}

/**
 * `dpg validate` with review records: review files among the targets are checked as review records,
 * reviewers.yaml as the reviewers file, and the whole registry (no operands) also covers the reviews
 * folder and reviewers.yaml. `validateNominations` checks the remaining targets with the engine.
 */
export function validateWithReviews(
  operands: readonly string[],
  resolved: { config: Config; root: string; registry: readonly string[]; targets: readonly string[] },
  io: Pick<CliIO, 'cwd' | 'now'>,
  validateNominations: (targets: string[]) => FileResult[],
): FileResult[] {
  const { config, registry } = resolved;
  const paths = reviewPaths(resolved.root, config);
  const isReviewers = (f: string) => path.resolve(f) === paths.reviewersFile;
  const reviewTargets = resolved.targets.filter((f) => isInside(f, paths.reviewsDir));
  const nominations = resolved.targets.filter((f) => !isInside(f, paths.reviewsDir) && !isReviewers(f));
  const whole = operands.length === 0;
  const results = nominations.length ? validateNominations(nominations) : [];
  const reviewFiles = whole ? registryFiles(paths.reviewsDir) : reviewTargets;
  const sources = reviewFiles.map((f) => reviewSource(f, paths.reviewsDir, io.cwd));
  if (sources.length)
    results.push(...validateReviewSources(sources, { nominations: nominationSlugs(registry), config, now: io.now }).results);
  if ((whole || resolved.targets.some(isReviewers)) && entryExists(paths.reviewersFile)) {
    results.push(loadReviewers(displayPath(paths.reviewersFile, io.cwd), readRegistryBytes(paths.reviewersFile), config).result);
  }
  return results;
}

/**
 * `dpg validate --changed` with review records and decisions: changed review records and reviewers.yaml
 * are validated (not reported as outside the registry), and each changed nomination whose stage or review
 * date the change sets gets a git/decision finding.
 */
export function withReviewChanges(
  results: readonly FileResult[],
  changes: ChangedNominations,
  context: {
    config: Config;
    /** The folder of dpg.config.yaml. */
    configRoot: string;
    /** The registry's nominations, when asked (absolute paths). */
    registry: () => readonly string[];
    /** A path git gives (from the repository root) as an absolute path. */
    absolute: (file: string) => string;
    io: Pick<CliIO, 'cwd' | 'now'>;
  },
): FileResult[] {
  const { config, io, absolute } = context;
  const paths = reviewPaths(context.configRoot, config);
  // A deleted review record stays a git/outside-path finding: a reviewer should confirm the withdrawal.
  const reviewFiles = changes.outside.map(absolute).filter((f) => isInside(f, paths.reviewsDir) && /\.ya?ml$/i.test(f) && entryExists(f));
  const reviewersChanged = changes.outside.map(absolute).some((f) => f === paths.reviewersFile);
  const handled = new Set([...reviewFiles, ...(reviewersChanged ? [paths.reviewersFile] : [])].map((f) => displayPath(f, io.cwd)));

  // The changed nominations by name as reported: where each is, its content at the merge-base (none when added
  // or unreadable there), and where a renamed or copied one came from.
  const heads = new Map<string, { file: string; before?: string; origin?: string }>();
  for (const file of changes.added) {
    const origin = changes.origins[file];
    heads.set(displayPath(absolute(file), io.cwd), { file, ...(origin ? { origin: `${origin.kind} from ${origin.from}` } : {}) });
  }
  for (const [file, before] of Object.entries(changes.previous)) heads.set(displayPath(absolute(file), io.cwd), { file, before });
  const out = results
    .filter((r) => !(handled.has(r.file) && r.diagnostics.every((d) => d.ruleId === 'git/outside-path')))
    .map((result) => {
      const head = heads.get(result.file);
      if (!head) return result;
      let content: Uint8Array;
      try {
        content = readRegistryBytes(absolute(head.file));
      } catch {
        return result;
      }
      const loaded = loadNomination(result.file, content);
      // A nomination added with a stage other than nominee is a decision too.
      const before = head.before === undefined ? undefined : loadNomination(head.file, head.before).data;
      const found = detectDecisions(result.file, before, loaded.data, head.origin).map((decision) => decisionDiagnostic(decision, loaded));
      // A decision is the change's, not the file's: the file's own waivers do not apply to it.
      return addToResult(result, found, { config });
    });
  const sources = reviewFiles.map((f) => reviewSource(f, paths.reviewsDir, io.cwd));
  if (sources.length)
    out.push(...validateReviewSources(sources, { nominations: nominationSlugs(context.registry()), config, now: io.now }).results);
  if (reviewersChanged && entryExists(paths.reviewersFile)) {
    out.push(loadReviewers(displayPath(paths.reviewersFile, io.cwd), readRegistryBytes(paths.reviewersFile), config).result);
  }
  return out;
}

/**
 * Why a review record does not count, as far as the files tell (no GitHub): its reviewer must be listed
 * in reviewers.yaml by name; membership of a listed team is confirmed only by `dpg comment`, through GitHub.
 * Without a usable reviewers.yaml nobody is listed.
 */
export function localReviewerExclusion(
  reviewers: Reviewers | undefined,
  reviewersFile: string,
): (record: ReviewRecord) => string | undefined {
  return (record) => {
    if (!reviewers) return `${reviewersFile} is missing or has errors, so no reviewer is listed`;
    if (listedReviewerByName(record.reviewer, reviewers)) return undefined;
    return listedTeams(reviewers).length
      ? `@${record.reviewer} is not listed by name in ${reviewersFile}; membership of a listed team is confirmed only on the pull request, through GitHub`
      : `@${record.reviewer} is not listed in ${reviewersFile}`;
  };
}
