import { asArray } from '../core/nomination.js';
import {
  FIXED_ANSWERS,
  isAsked,
  isRequired,
  minimum,
  resolveMessage,
  STEPS,
  type CheckEnv,
  type Draft,
  type Group,
  type Question,
  type Scope,
  type Step,
} from './questions.js';
import { dottedPath, getPath, normaliseAnswer, setPath } from './values.js';

/** One bad answer: where (dotted path, e.g. `licenses[0].spdx`) and what is wrong. */
export interface AnswerProblem {
  path: string;
  message: string;
  /** Rules whose findings would repeat this problem. */
  rules?: readonly string[];
}

function isMapping(value: unknown): value is Draft {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function missing(question: Question, scope: Scope): string {
  return `needs an answer: ${resolveMessage(question, scope)}`;
}

/**
 * Checks an answers file (a nomination, possibly incomplete, in its own shape) question by question
 * against the table of `dpg new`: every question that must be answered is, and every answer has the
 * right kind. Returns the nomination with answers normalised (country aliases written as ISO 3166
 * names, lists given as one line split) and each problem found.
 */
export function checkAnswers(answers: unknown, env: CheckEnv, steps: readonly Step[] = STEPS): { draft: Draft; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  if (!isMapping(answers)) {
    return {
      draft: {},
      problems: [
        {
          path: '(answers)',
          message: "The answers must be a mapping of the nomination's keys (name, description, …), as in a nomination file.",
        },
      ],
    };
  }
  const draft = structuredClone(answers);
  for (const [key, value] of Object.entries(FIXED_ANSWERS)) {
    if (draft[key] !== undefined && draft[key] !== value) {
      problems.push({ path: key, message: `a new nomination has ${key}: ${String(value)}; leave ${key} out (maintainers change it).` });
    }
    draft[key] = value;
  }
  const root: Scope = { root: draft, item: draft };

  const checkQuestion = (question: Question, scope: Scope, prefix: Array<string | number>): void => {
    if (!isAsked(question, scope)) return;
    const segments = [...prefix, ...question.path];
    const result = normaliseAnswer(question, getPath(scope.item, question.path), scope);
    if ('problem' in result) {
      problems.push({ path: dottedPath(segments), message: result.problem });
      return;
    }
    if (result.value === undefined) {
      setPath(scope.item, question.path, undefined);
      if (isRequired(question, scope))
        problems.push({ path: dottedPath(segments), message: missing(question, scope), rules: question.rules });
      return;
    }
    setPath(scope.item, question.path, result.value);
    const problem = question.check?.(result.value, scope, env);
    if (problem) problems.push({ path: dottedPath(segments), message: problem });
  };

  const checkGroup = (group: Group): void => {
    if (!isAsked(group, root)) return;
    const where = dottedPath(group.path);
    const list = getPath(draft, group.path);
    const min = minimum(group, root);
    const fail = (message: string) => problems.push({ path: where, message, rules: group.rules });
    if (list === undefined || list === null) {
      const problem =
        min > 0
          ? `needs at least ${min === 1 ? 'one' : min} ${group.noun}: ${resolveMessage(group.keyedBy ?? group.questions[0]!, root)}`
          : group.check?.([], root);
      if (problem) fail(problem);
      return;
    }
    if (!Array.isArray(list)) {
      problems.push({ path: where, message: `write a list of ${group.noun} entries, not ${JSON.stringify(list)}.` });
      return;
    }
    if (list.length < min) fail(`list at least ${min === 1 ? 'one' : min} ${group.noun}.`);
    if (group.keyedBy) {
      const keyPath = group.keyedBy.path;
      const keys = list.map((entry) => getPath(entry, keyPath)).filter((k) => k !== undefined);
      const result = normaliseAnswer(group.keyedBy, keys, root);
      const problem = 'problem' in result ? result.problem : group.keyedBy.check?.(result.value, root, env);
      if (problem) fail(problem);
    }
    list.forEach((entry, index) => {
      if (!isMapping(entry)) {
        problems.push({
          path: dottedPath([...group.path, index]),
          message: `write the ${group.noun} as a mapping of its keys, not ${JSON.stringify(entry)}.`,
        });
        return;
      }
      const scope = { root: draft, item: entry };
      if (group.keyedBy && getPath(entry, group.keyedBy.path) === undefined) {
        problems.push({
          path: dottedPath([...group.path, index, ...group.keyedBy.path]),
          message: missing(group.keyedBy, scope),
          rules: group.rules,
        });
      }
      for (const question of group.questions) checkQuestion(question, scope, [...group.path, index]);
    });
    if (list.length >= min) {
      const problem = group.check?.(asArray(list).filter(isMapping), root);
      if (problem) fail(problem);
    }
  };

  for (const step of steps) {
    if (step.type === 'question') checkQuestion(step, root, []);
    else if (step.type === 'group') checkGroup(step);
  }
  return { draft, problems };
}

/**
 * Adds findings of the validation engine to `problems`, skipping those about a place already
 * reported (or a place containing it, such as the mapping a missing key belongs to) and those of
 * rules that repeat a reported problem.
 */
export function mergeFindings(
  problems: AnswerProblem[],
  findings: ReadonlyArray<{ path: string; message: string; ruleId: string }>,
): AnswerProblem[] {
  const reported = problems.map((p) => p.path);
  const repeated = new Set(problems.flatMap((p) => p.rules ?? []));
  const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  const out = [...problems];
  for (const finding of findings) {
    if (repeated.has(finding.ruleId)) continue;
    if (reported.some((p) => overlaps(p, finding.path) || overlaps(finding.path, p) || finding.path === '(the whole file)')) continue;
    out.push({ path: finding.path, message: finding.message });
    reported.push(finding.path);
  }
  return out;
}
