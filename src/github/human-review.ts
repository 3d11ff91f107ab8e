import path from 'node:path';
import { ruleSetting, type Config } from '../config.js';
import { validateSources, type SourceFile } from '../engine/engine.js';
import type { HumanReviewSection } from '../formatters/types.js';
import { loadNomination } from '../load/load.js';
import { readRegistryBytes } from '../load/read.js';
import { entryExists } from '../util/regular-file.js';
import { asRecord, asString } from '../nomination.js';
import { detectDecisions, describeDecision, type Decision } from '../review/decisions.js';
import { slugOf } from '../util/slug.js';
import { nominationSlugs, readLocalReviews, reviewPaths } from '../review/local.js';
import { validateReviewSources, type ReviewRecord } from '../review/records.js';
import { listedMaintainerUser, matchGroups, principalName, type MatchedGroup, type Reviewers } from '../review/reviewers.js';
import { nominationStatus, type NominationStatus } from '../review/status.js';
import { isListedNomination, registryFiles, readSource, NOMINATION_EXTENSIONS } from '../registry/files.js';
import { rule as decisionRule } from '../rules/review/decision.js';
import { formatMessage } from '../rules/types.js';
import type { Diagnostic, FileResult } from '../types.js';
import type { GitHubClient } from './client.js';
import { isReviewComment, type ExistingComment, type PullRequestRef } from './comment.js';
import { MaintainerDirectory, type MaintainerCheck } from './maintainers.js';
import { listPullFiles, readFileAt, readPullRequest } from './pull-files.js';
import { parseRequestedMarker, planReviewRequests, readReviewActivity, requestReviews, type RequestPlan } from './reviewer-requests.js';

export interface HumanReviewOptions {
  pr: PullRequestRef;
  /** The results to show (from the validate job's artifact); decision findings are added to them. */
  results: readonly FileResult[];
  config: Config;
  /** Folder of dpg.config.yaml in the checkout of the base branch. */
  configRoot: string;
  /** Root of that checkout: pull request paths are relative to it. */
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

export interface DecisionOutcome {
  decision: Decision;
  accepted: boolean;
  reason: string;
}

export interface HumanReviewOutcome {
  section: HumanReviewSection;
  results: FileResult[];
  /** Everyone dpg has requested on the pull request so far (kept in the comment's hidden marker). */
  everRequested: string[];
  plan: RequestPlan;
  requested: string[];
  refused: Array<{ name: string; why: string }>;
  decisions: DecisionOutcome[];
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
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

/** Whether `login` is a user member (by name, not through a team) of a reviewer group. */
function listedReviewer(reviewers: Reviewers, login: string): boolean {
  const groups = [...reviewers.groups, ...(reviewers.defaultGroup ? [reviewers.defaultGroup] : [])];
  return groups.some((g) => g.members.some((m) => m.kind === 'user' && m.login.toLowerCase() === login.toLowerCase()));
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
  const info = await readPullRequest(octokit, pr);
  const registryDir = path.resolve(options.configRoot, config.registry);
  const paths = reviewPaths(options.configRoot, config);
  const registryPrefix = prefixOf(options.repositoryRoot, registryDir);
  const reviewsPrefix = prefixOf(options.repositoryRoot, paths.reviewsDir);
  const files = (await listPullFiles(octokit, pr)).filter((f) => f.status !== 'removed');
  // Nominations as the registry listing and `validate --changed` see them (not in a hidden folder, a lower-case extension).
  const changedNominations = files.filter((f) => f.path.startsWith(registryPrefix) && isListedNomination(f.path.slice(registryPrefix.length)) && !f.path.startsWith(reviewsPrefix));
  const changedReviews = files.filter((f) => reviewsPrefix && f.path.startsWith(reviewsPrefix) && NOMINATION_EXTENSIONS.test(f.path));

  const headSources: SourceFile[] = [];
  for (const file of changedNominations) {
    const content = await readFileAt(octokit, pr, file.path, info.headSha);
    if (content) headSources.push({ file: file.path, content });
  }
  const local = registryFiles(registryDir);
  const replaced = new Set(changedNominations.flatMap((f) => [f.path, ...(f.previousPath ? [f.previousPath] : [])]));
  const context = local.map((f) => readSource(f, options.repositoryRoot)).filter((s) => !replaced.has(s.file));
  const automated = validateSources(headSources, { config, now: options.now, context });
  const headData = new Map(headSources.map((s) => [s.file, loadNomination(s.file, s.content)]));

  // Review records: the base branch's, plus the pull request's own review when its author wrote it.
  const base = readLocalReviews(paths, local, config, { cwd: options.repositoryRoot, now: options.now });
  const slugs = new Set([...nominationSlugs(local), ...headSources.map((s) => slugOf(s.file))]);
  const notes: string[] = [];
  const prSources = [];
  for (const file of changedReviews) {
    const content = await readFileAt(octokit, pr, file.path, info.headSha);
    if (content) prSources.push({ file: file.path, content, relative: file.path.slice(reviewsPrefix.length) });
  }
  const records: ReviewRecord[] = [...base.records];
  for (const record of validateReviewSources(prSources, { nominations: slugs, config, now: options.now }).records) {
    if (record.reviewer.toLowerCase() !== info.author.toLowerCase()) {
      notes.push(`${record.file}: a review by @${record.reviewer} in a pull request by @${info.author} counts once merged; only the author's own review counts before that.`);
      continue;
    }
    // Anyone can write a review file; before it is merged, it counts only from a reviewer or maintainer listed by name.
    if (!listedReviewer(reviewers, info.author) && !listedMaintainerUser(info.author, reviewers)) {
      notes.push(`${record.file}: @${info.author} is not listed by name in reviewers.yaml, so this review counts only once merged.`);
      continue;
    }
    const at = records.findIndex((r) => r.slug === record.slug && r.reviewer.toLowerCase() === record.reviewer.toLowerCase());
    if (at >= 0) records.splice(at, 1, record);
    else records.push(record);
  }

  const statuses = new Map<string, NominationStatus>();
  for (const [i, result] of automated.entries()) {
    statuses.set(result.file, nominationStatus(result, headData.get(headSources[i]!.file)?.data, records, { minReviews: config.review.minReviews }));
  }

  // Reviewer requests.
  const groups = mergeGroups(headSources.flatMap((s) => matchGroups(headData.get(s.file)?.data, reviewers)));
  const activity = await readReviewActivity(octokit, pr, info.headSha);
  const earlier = options.comments.filter((c) => isReviewComment(c, options.botLogin) || c.author?.toLowerCase() === options.botLogin?.toLowerCase())
    .flatMap((c) => parseRequestedMarker(c.body));
  const plan = planReviewRequests(groups, { owner: pr.owner, author: info.author, activity, everRequested: earlier });
  const sent = options.dryRun
    ? { requested: [...plan.users.map((u) => `@${u}`), ...plan.teams.map((t) => `@${pr.owner}/${t}`)], refused: [] }
    : await requestReviews(octokit, pr, plan);
  for (const refusal of sent.refused) notes.push(`GitHub refused a review request for ${refusal.name}: ${refusal.why}`);
  const everRequested = [...new Set([
    ...earlier,
    ...sent.requested,
    ...activity.requestedUsers.map((u) => `@${u}`),
    ...activity.requestedTeams.map((t) => `@${pr.owner}/${t}`),
  ].map((n) => n.toLowerCase()))].sort();

  // Decisions.
  const directory = new MaintainerDirectory(octokit, pr, reviewers, options.teamsClient);
  const actors = [...new Set([info.author, ...activity.approvedAtHead].filter(Boolean))];
  const outcomes: DecisionOutcome[] = [];
  const guard: Array<{ file: string; diagnostic: Diagnostic }> = [];
  const severity = ruleSetting(decisionRule, config).severity;
  for (const file of changedNominations) {
    const loaded = headData.get(file.path);
    if (!loaded || loaded.data === undefined) continue;
    const basePath = path.join(options.repositoryRoot, ...(file.previousPath ?? file.path).split('/'));
    const before = entryExists(basePath) ? loadNomination(file.path, readRegistryBytes(basePath)).data : undefined;
    for (const decision of detectDecisions(file.path, before, loaded.data)) {
      const checks: MaintainerCheck[] = [];
      for (const actor of actors) checks.push(await directory.check(actor));
      const maintainer = checks.find((c) => c.confirmed);
      const status = statuses.get(file.path);
      const change = `${decision.field}: ${decision.to}`;
      const who = list(actors.map((a) => `@${a}`));
      let messageId: keyof typeof decisionRule.messages | undefined;
      let data: Record<string, string> = { change, slug: decision.slug };
      if (!maintainer) {
        const unverifiable = checks.find((c) => c.unverifiable);
        messageId = unverifiable ? 'unconfirmed' : 'notMaintainer';
        data = { ...data, actors: who, verb: actors.length === 1 ? 'is' : 'are', why: unverifiable?.unverifiable ?? '' };
      } else if (decision.needsReady && !status?.ready) {
        messageId = 'notReady';
        data = { ...data, missing: status?.missing.join('; ') || 'no review status' };
      } else if (decision.needsDelistingReason) {
        const delisting = asRecord(asRecord(loaded.data).delisting);
        if (!asString(delisting.date) || !asString(delisting.reason)?.trim()) messageId = 'noReason';
      }
      if (messageId) {
        const message = formatMessage(decisionRule.messages[messageId]!, data);
        outcomes.push({ decision, accepted: false, reason: message });
        if (severity !== 'off') {
          guard.push({ file: file.path, diagnostic: { ruleId: decisionRule.id, indicator: null, severity, message, path: decision.path, ...loaded.locate(decision.path) } });
        }
      } else {
        const ready = decision.needsReady && status ? `; ready (${status.countedReviews} of ${status.minReviews} reviews)` : '';
        outcomes.push({ decision, accepted: true, reason: `taken by @${maintainer!.login}, a maintainer (${maintainer!.detail})${ready}` });
      }
    }
  }

  const results = options.results.map((r) => ({ ...r, diagnostics: [...r.diagnostics] }));
  for (const { file, diagnostic } of guard) {
    let target = results.find((r) => r.file === file);
    if (!target) {
      target = { ...automated.find((r) => r.file === file)!, diagnostics: [...automated.find((r) => r.file === file)!.diagnostics] };
      results.push(target);
    }
    target.diagnostics.push(diagnostic);
    target.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  for (const r of results) {
    r.errorCount = r.diagnostics.filter((d) => d.severity === 'error').length;
    r.warningCount = r.diagnostics.filter((d) => d.severity === 'warning').length;
  }

  const section: HumanReviewSection = {
    requested: groups.map((g) => ({ group: g.name, because: g.because, members: g.members.map(principalName) })),
    statuses: [...statuses.values()],
    decisions: outcomes.map((o) => ({ file: o.decision.file, change: describeDecision(o.decision), accepted: o.accepted, reason: o.reason })),
    notes,
    everRequested,
  };
  return { section, results, everRequested, plan, requested: sent.requested, refused: sent.refused, decisions: outcomes };
}
