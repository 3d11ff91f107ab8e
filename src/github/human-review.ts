import path from 'node:path';
import { CONFIG_FILE, type Config } from '../config/config.js';
import { validateSources, type SourceFile } from '../lint/engine.js';
import { addFindings, type SettleContext } from '../lint/finish.js';
import type { ChangeNote } from '../formatters/types.js';
import type { HumanReviewSection } from './bot/context.js';
import { loadNomination, type LoadedFile } from '../load/load.js';
import { readRegistryBytes } from '../load/read.js';
import { entryExists } from '../util/regular-file.js';
import { asRecord, asString } from '../core/nomination.js';
import { detectDecisions, describeDecision, type Decision } from '../review/decisions.js';
import { slugOf } from '../util/slug.js';
import { nominationSlugs, readLocalReviews, reviewPaths } from '../runner/reviews.js';
import { validateReviewSources, type ReviewRecord, type ReviewSource } from '../review/records.js';
import { matchGroups, principalName, type MatchedGroup, type Reviewers } from '../review/reviewers.js';
import { nominationStatus, type NominationStatus } from '../review/status.js';
import { isListedNomination, registryFiles, readSource, NOMINATION_EXTENSIONS } from '../runner/files.js';
import { rule as regularFileRule } from '../rules/registry/regular-file.js';
import { rule as decisionRule } from '../rules/review/decision.js';
import { rule as unverifiableRule } from '../rules/review/unverifiable.js';
import { FILE_START, formatMessage, problemDiagnostic, type CoreRule } from '../rules/types.js';
import type { Diagnostic, FileResult } from '../core/types.js';
import { isBotComment, type ExistingComment } from './bot/upsert.js';
import type { GitHubClient, PullRequestRef } from './client.js';
import { MaintainerDirectory, type MaintainerCheck, type ReviewerCheck } from './maintainers.js';
import { listPullFiles, readFileAt, readPullRequest, type PullFile } from './pull-files.js';
import { parseRequestedMarker, planReviewRequests, readReviewActivity, requestReviews, type RequestPlan } from './reviewer-requests.js';

export interface HumanReviewOptions {
  pr: PullRequestRef;
  /** The results to show (from the validate job's artifact); decision findings are added to them. */
  results: readonly FileResult[];
  config: Config;
  /** Folder of dpg.config.yaml in the checkout of the base branch. */
  configRoot: string;
  /** The configuration file (it may not exist): a pull request that changes it takes a decision. */
  configFile?: string;
  /** Root of the git repository of that checkout: GitHub names the pull request's files relative to it. */
  repositoryRoot: string;
  reviewers: Reviewers;
  /** The pull request's comments, for the bot's record of earlier requests. */
  comments: readonly ExistingComment[];
  botLogin?: string;
  now: Date;
  dryRun?: boolean;
  /** Reads team memberships (needs the organisation's members:read); the main client by default. */
  teamsClient?: GitHubClient;
}

interface DecisionOutcome {
  file: string;
  /** What the pull request changes, as people read it: `stage nominee → dpg`. */
  change: string;
  accepted: boolean;
  reason: string;
  /** The decision inside a nomination, when it is one. */
  decision?: Decision;
}

export interface HumanReviewOutcome {
  section: HumanReviewSection;
  results: FileResult[];
  /** Findings about the pull request as a whole (e.g. more files than GitHub lists). */
  notes: ChangeNote[];
  /** Everyone dpg has requested on the pull request so far (kept in the comment's hidden marker). */
  everRequested: string[];
  plan: RequestPlan;
  requested: string[];
  refused: Array<{ name: string; why: string }>;
  decisions: DecisionOutcome[];
}

/** A change only a maintainer may make: a decision in a nomination, a deleted DPG, a configuration change. */
interface GuardedChange {
  file: string;
  slug: string;
  /** The change in the rule's messages (`stage: dpg`). */
  change: string;
  /** The change in the decision list (`stage nominee → dpg`). */
  shown: string;
  needsReady: boolean;
  needsDelistingReason: boolean;
  location: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>;
  path: string;
  decision?: Decision;
  loaded?: LoadedFile;
}

const FIRST_LINE = { line: 1, column: 1, endLine: 1, endColumn: 1 };

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** `file` relative to the repository root, with forward slashes; undefined outside it. */
function repositoryPath(root: string, file: string): string | undefined {
  const relative = path.relative(root, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? toPosix(relative) : undefined;
}

/** A nomination as the checkout of the base branch holds it; undefined when it has none there. */
function baseVersion(root: string, file: string): unknown {
  const local = path.join(root, ...file.split('/'));
  return entryExists(local) ? loadNomination(file, readRegistryBytes(local)).data : undefined;
}

function prefixOf(root: string, dir: string): string {
  const relative = toPosix(path.relative(root, dir));
  return relative ? `${relative}/` : '';
}

function mergeGroups(groups: readonly MatchedGroup[]): MatchedGroup[] {
  const byName = new Map<string, MatchedGroup>();
  for (const g of groups) {
    const known = byName.get(g.name);
    if (!known) byName.set(g.name, { ...g, because: [...g.because] });
    else for (const b of g.because) if (!known.because.includes(b)) known.because.push(b);
  }
  return [...byName.values()];
}

function list(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * The human side of a pull request, computed from trusted sources only: reviewers.yaml and review
 * records from the base branch's checkout, the changed files from the API at the head commit, and
 * trusted code. Requests reviews from the matching Communities of Practice (each once), computes the
 * review status of the changed nominations, and checks every decision: accepted only when the author
 * or an approver of the head commit is a confirmed maintainer and, for a recognition, the status is ready.
 */
export async function prepareHumanReview(octokit: GitHubClient, options: HumanReviewOptions): Promise<HumanReviewOutcome> {
  const { pr, config, reviewers } = options;
  const root = options.repositoryRoot;
  const info = await readPullRequest(octokit, pr);
  const registryDir = path.resolve(options.configRoot, config.registry);
  const paths = reviewPaths(options.configRoot, config);
  const registryPrefix = prefixOf(root, registryDir);
  const reviewsPrefix = prefixOf(root, paths.reviewsDir);
  const listed = await listPullFiles(octokit, pr);
  const changeNotes: ChangeNote[] = [];
  const problems: Array<{ file: string; diagnostic: Diagnostic }> = [];
  const problem = (
    file: string,
    rule: CoreRule,
    messageId: string,
    data: Record<string, string>,
    at: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> = FIRST_LINE,
  ) => {
    // Not subject to severity settings: what cannot be verified fails the check.
    problems.push({
      file,
      diagnostic: { ...problemDiagnostic(rule, messageId, data, { ...FILE_START, ...at }, { indicator: null }), severity: 'error' },
    });
  };
  if (info.changedFiles > listed.length) {
    const changed = Number.isFinite(info.changedFiles) ? String(info.changedFiles) : 'an unknown number of';
    changeNotes.push({
      file: `pull request #${pr.pull}`,
      severity: 'error',
      message: formatMessage(unverifiableRule.messages.truncated!, { listed: listed.length, changed }),
    });
  }

  // Nominations as the registry listing and `validate --changed` see them (not in a hidden folder, a lower-case extension).
  const isNomination = (file: string) =>
    file.startsWith(registryPrefix) &&
    isListedNomination(file.slice(registryPrefix.length)) &&
    !(reviewsPrefix && file.startsWith(reviewsPrefix));
  const isReview = (file: string) => Boolean(reviewsPrefix) && file.startsWith(reviewsPrefix) && NOMINATION_EXTENSIONS.test(file);
  const reviewersPath = repositoryPath(root, paths.reviewersFile);
  const configPaths = new Set(
    [CONFIG_FILE, options.configFile && repositoryPath(root, options.configFile), reviewersPath]
      .filter((p): p is string => Boolean(p))
      .map((p) => p.toLowerCase()),
  );
  const added: string[] = [];
  const modified: string[] = [];
  const removed: string[] = [];
  const reviewFiles: string[] = [];
  const configChanges = new Map<string, PullFile['status']>();
  for (const f of listed) {
    for (const file of [f.path, ...(f.previousPath ? [f.previousPath] : [])]) {
      if (configPaths.has(file.toLowerCase()) && !configChanges.has(file)) configChanges.set(file, file === f.path ? f.status : 'removed');
    }
    if (f.status === 'unchanged') continue;
    if (f.status === 'removed') {
      if (isNomination(f.path)) removed.push(f.path);
      continue;
    }
    // A rename leaves the old name: from a listed name, that is a removal; the new name is a new record.
    if (f.status === 'renamed' && f.previousPath && isNomination(f.previousPath)) removed.push(f.previousPath);
    if (isNomination(f.path)) (f.status === 'modified' || f.status === 'changed' ? modified : added).push(f.path);
    else if (isReview(f.path)) reviewFiles.push(f.path);
  }

  /** A changed file at the head commit, or undefined after reporting why it cannot be checked. */
  const readHead = async (file: string): Promise<{ content: Uint8Array; loaded: LoadedFile } | undefined> => {
    const got = await readFileAt(octokit, pr, file, info.headSha);
    if (got.kind === 'symlink') return void problem(file, regularFileRule, 'symlink', { file });
    if (got.kind === 'other') return void problem(file, regularFileRule, 'notRegular', { file, kind: got.type });
    if (got.kind === 'unreadable') return void problem(file, unverifiableRule, 'file', { file, why: got.why });
    const loaded = loadNomination(file, got.content);
    if (loaded.data === undefined) {
      const first = loaded.diagnostics[0];
      const why = first ? `not valid YAML (${first.ruleId}, line ${first.line}: ${first.message})` : 'not a YAML document';
      return void problem(file, unverifiableRule, 'file', { file, why }, first ?? FIRST_LINE);
    }
    return { content: got.content, loaded };
  };

  const headSources: SourceFile[] = [];
  const headData = new Map<string, LoadedFile>();
  for (const file of [...added, ...modified]) {
    const head = await readHead(file);
    if (!head) continue;
    headSources.push({ file, content: head.content });
    headData.set(file, head.loaded);
  }
  // reviewers.yaml of the pull request is never used, but it must still be a file that can be checked.
  if (reviewersPath && configChanges.has(reviewersPath) && configChanges.get(reviewersPath) !== 'removed') await readHead(reviewersPath);
  const local = registryFiles(registryDir);
  const replaced = new Set([...added, ...modified, ...removed]);
  const context = local.map((f) => readSource(f, root)).filter((s) => !replaced.has(s.file));
  const automated = validateSources(headSources, { config, now: options.now, context });

  // Review records: the base branch's, plus the pull request's own review when its author wrote it.
  const base = readLocalReviews(paths, local, config, { cwd: root, now: options.now });
  const slugs = new Set([...nominationSlugs(local), ...headSources.map((s) => slugOf(s.file))]);
  const notes: string[] = [];
  const prSources: ReviewSource[] = [];
  for (const file of reviewFiles) {
    const head = await readHead(file);
    if (head) prSources.push({ file, content: head.content, relative: file.slice(reviewsPrefix.length) });
  }
  const author = info.author.toLowerCase();
  const sameReview = (a: ReviewRecord, b: ReviewRecord) =>
    a.slug.toLowerCase() === b.slug.toLowerCase() && a.reviewer.toLowerCase() === b.reviewer.toLowerCase();
  let records: ReviewRecord[] = [...base.records];
  for (const record of validateReviewSources(prSources, { nominations: slugs, config, now: options.now }).records) {
    if (record.reviewer.toLowerCase() !== author) {
      notes.push(
        `${record.file}: a review by @${record.reviewer} in a pull request by @${info.author} counts once merged; only the author's own review counts before that.`,
      );
      continue;
    }
    records = records.filter((r) => !sameReview(r, record));
    records.push(record);
  }

  // Who may count: reviewers listed in reviewers.yaml (teams confirmed by GitHub), never the nominator.
  const directory = new MaintainerDirectory(octokit, pr, reviewers, options.teamsClient);
  const shownSlugs = new Set(headSources.map((s) => slugOf(s.file).toLowerCase()));
  const proposed = new Set(added.map((f) => slugOf(f).toLowerCase()));
  const standing = new Map<string, ReviewerCheck>();
  for (const record of records) {
    const login = record.reviewer.toLowerCase();
    if (shownSlugs.has(record.slug.toLowerCase()) && record.valid && !standing.has(login))
      standing.set(login, await directory.reviewer(record.reviewer));
  }
  const excluded = (record: ReviewRecord): string | undefined => {
    if (author && record.reviewer.toLowerCase() === author && proposed.has(record.slug.toLowerCase())) {
      return `@${record.reviewer} opened the pull request that proposes this nomination, and a nominator's own review does not count`;
    }
    const check = standing.get(record.reviewer.toLowerCase());
    return check && !check.listed ? check.why : undefined;
  };

  const statuses = new Map<string, NominationStatus>();
  for (const [i, result] of automated.entries()) {
    statuses.set(
      result.file,
      nominationStatus(result, headData.get(headSources[i]!.file)?.data, records, { minReviews: config.review.minReviews, excluded }),
    );
  }

  // Reviewer requests.
  const groups = mergeGroups(headSources.flatMap((s) => matchGroups(headData.get(s.file)?.data, reviewers)));
  const activity = await readReviewActivity(octokit, pr, info.headSha);
  const earlier = options.comments
    .filter((c) => isBotComment(c, options.botLogin) || c.author?.toLowerCase() === options.botLogin?.toLowerCase())
    .flatMap((c) => parseRequestedMarker(c.body));
  const plan = planReviewRequests(groups, { owner: pr.owner, author: info.author, activity, everRequested: earlier });
  const sent = options.dryRun
    ? { requested: [...plan.users.map((u) => `@${u}`), ...plan.teams.map((t) => `@${pr.owner}/${t}`)], refused: [] }
    : await requestReviews(octokit, pr, plan);
  for (const refusal of sent.refused) notes.push(`GitHub refused a review request for ${refusal.name}: ${refusal.why}`);
  const everRequested = [
    ...new Set(
      [
        ...earlier,
        ...sent.requested,
        ...activity.requestedUsers.map((u) => `@${u}`),
        ...activity.requestedTeams.map((t) => `@${pr.owner}/${t}`),
      ].map((n) => n.toLowerCase()),
    ),
  ].sort();

  // Decisions: in the changed nominations, the deletion of a DPG, a change of the configuration.
  const guarded: GuardedChange[] = [];
  const addedSet = new Set(added);
  for (const file of [...added, ...modified]) {
    const loaded = headData.get(file);
    if (!loaded) continue;
    const before = addedSet.has(file) ? undefined : baseVersion(root, file);
    for (const decision of detectDecisions(file, before, loaded.data)) {
      guarded.push({
        file,
        slug: decision.slug,
        change: `${decision.field}: ${decision.to}`,
        shown: describeDecision(decision),
        needsReady: decision.needsReady,
        needsDelistingReason: decision.needsDelistingReason,
        location: loaded.locate(decision.path),
        path: decision.path,
        decision,
        loaded,
      });
    }
  }
  for (const file of removed) {
    if (asString(asRecord(baseVersion(root, file)).stage) !== 'dpg') continue;
    guarded.push({
      file,
      slug: slugOf(file),
      change: 'the removal of a recognised DPG (stage: dpg)',
      shown: 'stage dpg → file removed',
      needsReady: false,
      needsDelistingReason: false,
      location: FIRST_LINE,
      path: '',
    });
  }
  for (const [file, how] of configChanges) {
    guarded.push({
      file,
      slug: '',
      change: `a change of the registry configuration (${file} ${how})`,
      shown: `configuration ${how}`,
      needsReady: false,
      needsDelistingReason: false,
      location: FIRST_LINE,
      path: '',
    });
  }

  const actors = [...new Set([info.author, ...activity.approvedAtHead].filter(Boolean))];
  const outcomes: DecisionOutcome[] = [];
  const guard: Array<{ file: string; diagnostic: Diagnostic }> = [];
  for (const item of guarded) {
    const checks: MaintainerCheck[] = [];
    for (const actor of actors) checks.push(await directory.check(actor));
    const maintainer = checks.find((c) => c.confirmed);
    const status = statuses.get(item.file);
    const who = list(actors.map((a) => `@${a}`)) || 'nobody';
    let messageId: keyof typeof decisionRule.messages | undefined;
    let data: Record<string, string> = { change: item.change, slug: item.slug };
    if (!maintainer) {
      const unverifiable = checks.find((c) => c.unverifiable);
      messageId = unverifiable ? 'unconfirmed' : 'notMaintainer';
      data = { ...data, actors: who, verb: actors.length === 1 ? 'is' : 'are', why: unverifiable?.unverifiable ?? '' };
    } else if (item.needsReady && !status?.ready) {
      messageId = 'notReady';
      data = { ...data, missing: status?.missing.join('; ') || 'no review status' };
    } else if (item.needsDelistingReason) {
      const delisting = asRecord(asRecord(item.loaded?.data).delisting);
      if (!asString(delisting.date) || !asString(delisting.reason)?.trim()) messageId = 'noReason';
    }
    const shown = { file: item.file, change: item.shown, ...(item.decision ? { decision: item.decision } : {}) };
    if (messageId) {
      const diagnostic = problemDiagnostic(decisionRule, messageId, data, { path: item.path, ...item.location }, { indicator: null });
      outcomes.push({ ...shown, accepted: false, reason: diagnostic.message });
      guard.push({ file: item.file, diagnostic });
    } else {
      const ready = item.needsReady && status ? `; ready (${status.countedReviews} of ${status.minReviews} reviews)` : '';
      outcomes.push({ ...shown, accepted: true, reason: `taken by @${maintainer!.login}, a maintainer (${maintainer!.detail})${ready}` });
    }
  }

  let results = [...options.results];
  const add = (file: string, diagnostic: Diagnostic, context: SettleContext) => {
    if (!results.some((r) => r.file === file)) {
      const known = automated.find((r) => r.file === file);
      if (known) results = [...results, known];
    }
    results = addFindings(results, file, [diagnostic], context);
  };
  // Not subject to severity settings (no rules to settle by): what cannot be verified fails the check.
  for (const { file, diagnostic } of problems) add(file, diagnostic, { config, rules: [] });
  for (const { file, diagnostic } of guard) add(file, diagnostic, { config });

  const section: HumanReviewSection = {
    requested: groups.map((g) => ({ group: g.name, because: g.because, members: g.members.map(principalName) })),
    statuses: [...statuses.values()],
    decisions: outcomes.map((o) => ({ file: o.file, change: o.change, accepted: o.accepted, reason: o.reason })),
    notes,
    everRequested,
  };
  return {
    section,
    results,
    notes: changeNotes,
    everRequested,
    plan,
    requested: sent.requested,
    refused: sent.refused,
    decisions: outcomes,
  };
}
