import { ruleSetting, type Config } from '../config/config.js';
import { validateSources } from '../lint/engine.js';
import { checkAnswers, mergeFindings } from '../new/answers.js';
import { renderNomination } from '../new/output.js';
import type { CheckEnv, Draft } from '../new/questions.js';
import { dottedPointer } from '../new/values.js';
import { rule as maxGoalsRule } from '../rules/sdg/max-goals.js';
import { slugify } from '../util/slug.js';

/**
 * The checks of the nomination form: the answers against the question table of `dpg new`, then the
 * nomination as it will be written through the validation engine — the same schema and rules as
 * `dpg validate`, so a message in the browser is the one the CLI gives.
 */

export interface FormSettings {
  config: Config;
  /** The registry folder, relative to the repository root ("nominations"). */
  registry: string;
  /** Slugs of the nominations the registry holds already. */
  existingSlugs: readonly string[];
}

export interface FormProblem {
  /** Dotted path of the answer (`licenses[0].spdx`), as `dpg new` names answers. */
  path: string;
  message: string;
  /** The rule of `dpg validate` that reports it; none for a question left unanswered. */
  ruleId?: string;
  severity: 'error' | 'warning';
}

export interface FormResult {
  draft: Draft;
  problems: FormProblem[];
  /** The file's path in the repository, once the name gives one. */
  file?: string;
  slug?: string;
  /** The nomination file, once it has a name. */
  yaml?: string;
}

function maxGoals(config: Config): number {
  const setting = ruleSetting(maxGoalsRule, config);
  const max = setting.options.max;
  return setting.severity === 'off' || typeof max !== 'number' ? 17 : max;
}

function formEnv(settings: FormSettings): CheckEnv {
  const existing = new Set(settings.existingSlugs);
  return {
    nameProblem(name) {
      const slug = slugify(name);
      if (!slug) return `"${name}" has no Latin letters or digits to name its file after; add its Latin-script name.`;
      return existing.has(slug)
        ? `${settings.registry}/${slug}.yaml already exists; this solution may be nominated already. Choose another name, or edit that file.`
        : undefined;
    },
    maxGoals: maxGoals(settings.config),
  };
}

/** Where the schema reference of a nomination points from the registry folder. */
function schemaRef(registry: string): string {
  const depth = registry.split('/').filter((s) => s && s !== '.').length;
  return `${'../'.repeat(depth)}schemas/nomination.schema.json`;
}

export function checkForm(answers: Draft, settings: FormSettings, now: Date): FormResult {
  const checked = checkAnswers(answers, formEnv(settings));
  const draft = checked.draft;
  const slug = typeof draft.name === 'string' ? slugify(draft.name) : '';
  if (!slug) return { draft, problems: checked.problems.map((p) => ({ path: p.path, message: p.message, severity: 'error' })) };
  const file = `${settings.registry}/${slug}.yaml`;
  const yaml = renderNomination(draft, schemaRef(settings.registry));
  const [result] = validateSources([{ file, content: yaml }], { config: settings.config, now });
  const findings = (result?.diagnostics ?? [])
    .filter((d) => d.severity !== 'info')
    .map((d) => ({ path: dottedPointer(d.path), message: d.message, ruleId: d.ruleId, severity: d.severity as 'error' | 'warning' }));
  // A rule's finding on an answer, or on an item of a list answer, says what the table's "not a
  // country" says and names the rule, as `dpg validate` will.
  const specific = findings.filter((f) => f.ruleId !== 'schema/required').map((f) => f.path);
  const covers = (finding: string, answer: string) =>
    finding === answer || (finding.startsWith(`${answer}[`) && /^\[\d+\]$/.test(finding.slice(answer.length)));
  const answerProblems = checked.problems.filter((p) => !specific.some((f) => covers(f, p.path)));
  const merged = mergeFindings(answerProblems, findings);
  const byMessage = new Map(findings.map((f) => [`${f.path}\n${f.message}`, f]));
  const problems = merged.map((p): FormProblem => {
    const finding = byMessage.get(`${p.path}\n${p.message}`);
    return finding ? { ...finding } : { path: p.path, message: p.message, severity: 'error' };
  });
  return { draft, problems, file, slug, yaml };
}

/** GitHub's page for adding a file to the registry, with the nomination filled in. */
export function githubNewFileUrl(repository: string, branch: string, file: string, content: string): string {
  return `https://github.com/${repository}/new/${encodeURIComponent(branch)}?filename=${encodeURIComponent(file).replace(/%2F/g, '/')}&value=${encodeURIComponent(content)}`;
}
