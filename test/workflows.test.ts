import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

interface Job {
  permissions?: unknown;
  steps: Step[];
  strategy?: { matrix?: Record<string, unknown> };
}

interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

const ROOT = new URL('../', import.meta.url);
const read = (file: string): unknown => parse(readFileSync(fileURLToPath(new URL(file, ROOT)), 'utf8'));
const WORKFLOW_FILES = [
  '.github/workflows/validate.yml',
  '.github/workflows/comment.yml',
  '.github/workflows/test.yml',
  '.github/workflows/recheck.yml',
];
/** Deploys to Pages, so its deploy job (only) has job-level write permissions; the step checks apply to it too. */
const PUBLISH_FILE = '.github/workflows/publish.yml';
const workflow = (name: string) => read(`.github/workflows/${name}.yml`) as Workflow;
const action = () => read('action.yml') as Action;

const stepsOf = (w: Workflow): Step[] => Object.values(w.jobs).flatMap((j) => j.steps);
const ALL_STEPS: Array<{ file: string; step: Step }> = [
  ...[...WORKFLOW_FILES, PUBLISH_FILE].flatMap((file) => stepsOf(read(file) as Workflow).map((step) => ({ file, step }))),
  ...action().runs.steps.map((step) => ({ file: 'action.yml', step })),
];
const runs = (steps: Step[]): string => steps.map((s) => s.run ?? '').join('\n');
const uses = (steps: Step[], name: string): Step[] => steps.filter((s) => s.uses?.split('@')[0] === name);

/**
 * Contexts a pull request's author controls (titles, bodies, branch names, commit messages, artifacts'
 * metadata). Interpolated into a `run:` script they become shell code.
 */
const UNTRUSTED_CONTEXT = new RegExp(
  [
    String.raw`github\.event\.(pull_request|issue|comment|review|review_comment|discussion)\.(title|body)`,
    String.raw`github\.event\.pull_request\.head\.(ref|label|repo)`,
    String.raw`github\.event\.workflow_run\.(head_branch|head_commit|display_title|pull_requests|head_repository)`,
    String.raw`github\.event\.(commits|head_commit)`,
    String.raw`github\.(head_ref|base_ref)`,
    String.raw`inputs\.`,
    String.raw`steps\.[\w-]+\.outputs`,
  ].join('|'),
);

/** The `${{ … }}` expressions of a script that read untrusted context. */
function untrustedInterpolations(script: string): string[] {
  return [...script.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[0]).filter((e) => UNTRUSTED_CONTEXT.test(e));
}

describe('workflow safety checks', () => {
  it.each([
    { name: 'a pull request title', script: 'echo "${{ github.event.pull_request.title }}"', expected: 1 },
    { name: 'a head branch name', script: 'git log ${{github.head_ref}}', expected: 1 },
    { name: 'a workflow_run branch', script: 'echo ${{ github.event.workflow_run.head_branch }}', expected: 1 },
    { name: 'an action input', script: 'dpg --base ${{ inputs.base }}', expected: 1 },
    { name: 'an environment variable', script: 'echo "$PR_TITLE"', expected: 0 },
    { name: 'the run id', script: 'echo ${{ github.run_id }}', expected: 0 },
  ])('the untrusted-context check flags $name: $expected', ({ script, expected }) => {
    expect(untrustedInterpolations(script)).toHaveLength(expected);
  });

  it.each(
    ALL_STEPS.filter(({ step }) => step.run).map(({ file, step }) => ({
      where: `${file}: ${step.name ?? step.run!.split('\n')[0]}`,
      step,
    })),
  )('no ${{ }} in the script of $where', ({ step }) => {
    // Values reach scripts through env: only; then even trusted values cannot turn into shell code.
    expect(untrustedInterpolations(step.run!)).toEqual([]);
    expect(step.run).not.toContain('${{');
  });

  it('pins every action by a major version tag', () => {
    const pinned = ALL_STEPS.filter(({ step }) => step.uses).map(({ step }) => step.uses!);
    expect(pinned.length).toBeGreaterThan(0);
    for (const ref of pinned) expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+|[0-9a-f]{40})$/);
  });

  it('never keeps the checkout token in the workspace', () => {
    const checkouts = ALL_STEPS.filter(({ step }) => step.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBe(WORKFLOW_FILES.length + 1);
    for (const { step } of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
  });

  it.each(WORKFLOW_FILES)('%s has no privileged pull_request_target trigger and no job-level permissions', (file) => {
    const w = read(file) as Workflow;
    expect(Object.keys(w.on)).not.toContain('pull_request_target');
    expect(w.permissions).toBeDefined();
    for (const job of Object.values(w.jobs)) expect(job.permissions).toBeUndefined();
  });
});

describe('validate.yml', () => {
  const w = workflow('validate');
  const steps = stepsOf(w);

  it('runs on pull requests with a read-only token', () => {
    expect(Object.keys(w.on)).toEqual(['pull_request']);
    expect(w.permissions).toEqual({ contents: 'read' });
  });

  it('checks out full history without keeping credentials', () => {
    const [checkout] = uses(steps, 'actions/checkout');
    expect(checkout!.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
  });

  it('installs with npm ci and validates the changed nominations as annotations', () => {
    expect(runs(steps)).toMatch(/^npm ci\b/m);
    const validate = steps.find((s) => s.run?.includes('dpg validate --changed') && s.run.includes('--format github'));
    expect(validate?.run).toContain('--base "origin/$BASE_REF"');
    expect(validate?.if).toBeUndefined();
  });

  it('saves the JSON results, pull request number and head commit, and the job summary, even after a failure', () => {
    const save = steps.find((s) => s.run?.includes('--format json'))!;
    expect(save.run).toMatch(/> "\$RESULTS_DIR\/results\.json"/);
    expect(save.run).toContain('"$RESULTS_DIR/pr-number"');
    expect(save.run).toContain('"$RESULTS_DIR/head-sha"');
    expect(save.if).toMatch(/always\(\)/);
    const summary = steps.find((s) => s.run?.includes('$GITHUB_STEP_SUMMARY'))!;
    expect(summary.run).toMatch(/^npx dpg report --results "\$RESULTS_DIR\/results\.json" --format markdown --sha "\$HEAD_SHA"/);
    expect(summary.if).toMatch(/always\(\)/);
    const job = Object.values(w.jobs)[0]!;
    expect(job).toMatchObject({
      env: { PR_NUMBER: '${{ github.event.pull_request.number }}', HEAD_SHA: '${{ github.event.pull_request.head.sha }}' },
    });
  });

  it('uploads the results with if: always()', () => {
    const [upload] = uses(steps, 'actions/upload-artifact');
    expect(upload!.if).toBe('always()');
    expect(upload!.with).toMatchObject({ name: 'dpg-results', path: '${{ runner.temp }}/dpg-results/' });
  });
});

describe('comment.yml', () => {
  const w = workflow('comment');
  const steps = stepsOf(w);

  it('runs after the validate workflow completes', () => {
    expect(w.on).toEqual({ workflow_run: { workflows: [workflow('validate').name], types: ['completed'] } });
  });

  it('has exactly the write permissions the comment, labels and check run need', () => {
    expect(w.permissions).toEqual({ 'pull-requests': 'write', checks: 'write', issues: 'write', actions: 'read', contents: 'read' });
  });

  it('checks out only the default branch, never the pull request', () => {
    const checkouts = uses(steps, 'actions/checkout');
    expect(checkouts).toHaveLength(1);
    expect(checkouts[0]!.with?.ref).toBe('${{ github.event.repository.default_branch }}');
    const everything = JSON.stringify(steps);
    expect(everything).not.toMatch(/pull_request\.head|refs\/pull|head_branch|head_repository/);
    expect(runs(steps)).not.toMatch(/git (checkout|fetch|switch|worktree)/);
  });

  it('downloads the artifact of the triggering run', () => {
    const [download] = uses(steps, 'actions/download-artifact');
    expect(download!.with).toMatchObject({
      name: 'dpg-results',
      'run-id': '${{ github.event.workflow_run.id }}',
      'github-token': '${{ github.token }}',
    });
  });

  it('validates the artifact data before passing it to dpg comment', () => {
    const check = steps.find((s) => s.id === 'pr')!;
    expect(check.run).toContain('^[0-9]{1,10}$');
    expect(check.run).toContain('^[0-9a-f]{40}$');
    const comment = steps.find((s) => s.run?.includes('dpg comment'))!;
    expect(comment.run).toBe(
      'npx dpg comment --repo "$REPOSITORY" --pr "$PR_NUMBER" --report "$RESULTS_DIR/results.json" --sha "$HEAD_SHA" --summary-url "$SUMMARY_URL"',
    );
    expect(comment.env).toMatchObject({
      PR_NUMBER: '${{ steps.pr.outputs.number }}',
      HEAD_SHA: '${{ steps.pr.outputs.sha }}',
      GITHUB_TOKEN: '${{ github.token }}',
    });
    expect(steps.indexOf(check)).toBeLessThan(steps.indexOf(comment));
  });
});

describe('test.yml', () => {
  const w = workflow('test');

  it('tests every supported Node.js line on pushes and pull requests', () => {
    expect(Object.keys(w.on).sort()).toEqual(['pull_request', 'push']);
    expect(w.permissions).toEqual({ contents: 'read' });
    const job = Object.values(w.jobs)[0]!;
    expect(job.strategy?.matrix?.['node-version']).toEqual(['20.x', '22.x', '24.x']);
    expect(runs(job.steps).split('\n').filter(Boolean)).toEqual(['npm ci --no-audit --no-fund', 'npm test']);
  });
});

describe('pull-request validation', () => {
  // Only --changed reads the configuration from the base branch; any other validation would take the pull request's.
  it.each([
    { file: 'validate.yml', steps: stepsOf(workflow('validate')) },
    { file: 'action.yml', steps: action().runs.steps.filter((s) => s.if?.includes("inputs.mode == 'validate'")) },
  ])('$file validates with --changed only', ({ steps }) => {
    const calls = runs(steps)
      .split('\n')
      .filter((line) => /\bvalidate\b/.test(line) && !/^\s*#/.test(line));
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call).toMatch(/validate --changed/);
  });
});

describe('action.yml', () => {
  const a = action();

  it('is a composite action with the validate and comment modes', () => {
    expect(a.runs.using).toBe('composite');
    expect(Object.keys(a.inputs)).toEqual(expect.arrayContaining(['mode', 'base', 'format', 'token']));
    expect(a.inputs.format!.default).toBe('github');
    const script = runs(a.runs.steps);
    expect(script).toContain('args=(validate --changed)');
    expect(script).toContain('comment --repo "$REPOSITORY" --pr "$pr"');
    expect(script).toContain('^[0-9a-f]{40}$');
  });

  it('hands the optional members token to the comment step only', () => {
    expect(a.inputs['members-token']!.default).toBe('');
    const withMembers = a.runs.steps.filter((s) => s.env?.GITHUB_MEMBERS_TOKEN !== undefined);
    expect(withMembers.map((s) => s.name)).toEqual(['Comment, label and annotate']);
    expect(withMembers[0]!.env!.GITHUB_MEMBERS_TOKEN).toBe('${{ inputs.members-token }}');
  });
});

describe('publish.yml', () => {
  const w = workflow('publish');
  const jobs = Object.entries(w.jobs) as Array<[string, Job & { needs?: string; environment?: { name: string }; 'runs-on'?: string }]>;
  const build = w.jobs.build!;
  const deploy = w.jobs.deploy as Job & { needs?: string; environment?: { name: string } };

  it('runs on pushes to main that touch the registry, the config or the schemas, and by hand', () => {
    expect(w.on).toEqual({
      push: { branches: ['main'], paths: ['nominations/**', 'dpg.config.yaml', 'schemas/**'] },
      workflow_dispatch: null,
    });
  });

  it('has minimal permissions: read for the workflow, Pages and OIDC only on the deploy job', () => {
    expect(w.permissions).toEqual({ contents: 'read' });
    expect(jobs.map(([name]) => name)).toEqual(['build', 'deploy']);
    expect(build.permissions).toBeUndefined();
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy.needs).toBe('build');
    expect(deploy.environment?.name).toBe('github-pages');
  });

  it('never cancels a deployment under way', () => {
    expect((w as Workflow & { concurrency?: unknown }).concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false });
  });

  it('builds from full history with dpg build and deploys with the official Pages actions', () => {
    expect(uses(build.steps, 'actions/checkout')[0]!.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    expect(runs(build.steps)).toMatch(/^npm ci\b/m);
    const step = build.steps.find((s) => s.run?.includes('dpg build'))!;
    expect(step.run).toBe('npx dpg build --out site --site-url "$SITE_URL/"');
    expect(step.env).toEqual({ SITE_URL: '${{ steps.pages.outputs.base_url }}' });
    expect(uses(build.steps, 'actions/configure-pages')).toHaveLength(1);
    expect(uses(build.steps, 'actions/upload-pages-artifact')[0]!.with).toEqual({ path: 'site' });
    expect(deploy.steps.map((s) => s.uses?.split('@')[0])).toEqual(['actions/deploy-pages']);
  });
});
