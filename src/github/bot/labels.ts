import { INDICATOR_ORDER } from '../../core/indicators.js';
import type { FileResult, IndicatorId } from '../../core/types.js';
import type { GitHubClient, PullRequestRef } from '../client.js';
import { githubStep } from '../errors.js';
import type { Verdict } from './body.js';
import { ignoreNotFound } from './upsert.js';

export interface LabelSpec {
  name: string;
  /** Hex colour without '#'. */
  color: string;
  description: string;
}

export const VERDICT_LABELS: Record<Verdict, LabelSpec> = {
  pass: {
    name: 'dpg: checks passed',
    color: '0e8a16',
    description: 'The automated DPG checks found no errors; a human review is still needed.',
  },
  fail: { name: 'dpg: needs changes', color: 'd93f0b', description: 'The automated DPG checks found errors the nominator has to fix.' },
};

const INDICATOR_COLOR = 'fbca04';

const INDICATOR_LABEL_NAMES: Record<IndicatorId, string> = {
  '1': 'dpg: sdg relevance',
  '2': 'dpg: licence',
  '3': 'dpg: ownership',
  '4': 'dpg: platform independence',
  '5': 'dpg: documentation',
  '6': 'dpg: data extraction',
  '7': 'dpg: privacy',
  '8': 'dpg: standards',
  '9': 'dpg: do no harm',
  '9a': 'dpg: data privacy & security',
  '9b': 'dpg: content moderation',
  '9c': 'dpg: harassment protection',
};

/** One label per indicator, set while that indicator fails. */
export const INDICATOR_LABELS: Record<IndicatorId, LabelSpec> = Object.fromEntries(
  INDICATOR_ORDER.map((id) => [
    id,
    {
      name: INDICATOR_LABEL_NAMES[id],
      color: INDICATOR_COLOR,
      description: `Indicator ${id} of the DPG Standard fails the automated checks.`,
    },
  ]),
) as Record<IndicatorId, LabelSpec>;

/** Every label dpg sets; it removes only these, never labels people added. */
export const MANAGED_LABELS: readonly LabelSpec[] = [
  ...Object.values(VERDICT_LABELS),
  ...INDICATOR_ORDER.map((id) => INDICATOR_LABELS[id]),
];

export function failingIndicators(results: readonly FileResult[]): IndicatorId[] {
  return INDICATOR_ORDER.filter((id) => results.some((r) => r.indicators?.[id] === 'fail'));
}

export function desiredLabels(verdict: Verdict, failing: readonly IndicatorId[]): LabelSpec[] {
  return [VERDICT_LABELS[verdict], ...INDICATOR_ORDER.filter((id) => failing.includes(id)).map((id) => INDICATOR_LABELS[id])];
}

export interface LabelPlan {
  add: LabelSpec[];
  /** Names as they are on the pull request. */
  remove: string[];
}

/** The labels to add and remove so that the managed ones on the pull request are exactly `desired`. */
export function planLabels(current: readonly string[], desired: readonly LabelSpec[]): LabelPlan {
  const key = (name: string) => name.toLowerCase();
  const have = new Set(current.map(key));
  const want = new Set(desired.map((l) => key(l.name)));
  const managed = new Set(MANAGED_LABELS.map((l) => key(l.name)));
  return {
    add: desired.filter((l) => !have.has(key(l.name))),
    remove: current.filter((name) => managed.has(key(name)) && !want.has(key(name))),
  };
}

export interface LabelOutcome extends LabelPlan {
  /** Labels that did not exist in the repository yet. */
  created: string[];
  dryRun: boolean;
}

/** Adds and removes only what changes, creating missing labels in the repository first. */
export async function syncLabels(
  octokit: GitHubClient,
  pr: PullRequestRef,
  desired: readonly LabelSpec[],
  options: { dryRun?: boolean } = {},
): Promise<LabelOutcome> {
  const where = `${pr.owner}/${pr.repo}`;
  const target = { owner: pr.owner, repo: pr.repo };
  const current = await githubStep(`listing the labels of pull request #${pr.pull}`, where, () =>
    octokit.paginate(octokit.rest.issues.listLabelsOnIssue, { ...target, issue_number: pr.pull, per_page: 100 }),
  );
  const plan = planLabels(
    current.map((l) => l.name),
    desired,
  );
  const dryRun = options.dryRun ?? false;
  let created: string[] = [];
  if (plan.add.length) {
    const existing = await githubStep("listing the repository's labels", where, () =>
      octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...target, per_page: 100 }),
    );
    const names = new Set(existing.map((l) => l.name.toLowerCase()));
    const missing = plan.add.filter((l) => !names.has(l.name.toLowerCase()));
    created = missing.map((l) => l.name);
    if (!dryRun) {
      for (const label of missing) {
        await githubStep(`creating the label "${label.name}"`, where, () =>
          octokit.rest.issues.createLabel({ ...target, ...label }).catch((err: unknown) => {
            // 422: created meanwhile by a concurrent run.
            if ((err as { status?: unknown } | null)?.status === 422) return undefined;
            throw err;
          }),
        );
      }
    }
  }
  if (!dryRun) {
    if (plan.add.length) {
      await githubStep(`labelling pull request #${pr.pull}`, where, () =>
        octokit.rest.issues.addLabels({ ...target, issue_number: pr.pull, labels: plan.add.map((l) => l.name) }),
      );
    }
    for (const name of plan.remove) {
      await githubStep(`removing the label "${name}" from pull request #${pr.pull}`, where, () =>
        octokit.rest.issues.removeLabel({ ...target, issue_number: pr.pull, name }).catch(ignoreNotFound),
      );
    }
  }
  return { ...plan, created, dryRun };
}
