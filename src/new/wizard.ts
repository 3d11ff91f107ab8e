import {
  isAsked, isRequired, minimum, resolveChoices, resolveMessage, STEPS,
  type CheckEnv, type Choice, type Draft, type Group, type Question, type Scope, type Step,
} from './questions.js';
import { getPath, normaliseAnswer, pointerOf, setPath } from './values.js';

/** The prompts the wizard needs; the CLI backs them with @inquirer/prompts, tests with a script. */
export interface Prompter {
  input(options: { message: string; default?: string; validate: (value: string) => string | true }): Promise<string>;
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
  select(options: { message: string; choices: readonly Choice[]; default?: string | number }): Promise<string | number>;
  checkbox(options: { message: string; choices: readonly Choice[]; validate: (values: unknown[]) => string | true }): Promise<unknown[]>;
  /** A line of information (a section title, an answer taken from the command line). */
  say(text: string): void;
}

/** The findings of the rules about the value at a JSON pointer of the unfinished nomination. */
export type RuleProbe = (draft: Draft, pointer: string) => string[];

interface Asking {
  prompter: Prompter;
  env: CheckEnv;
  probe: RuleProbe;
  draft: Draft;
}

function display(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/**
 * Why `raw` cannot be the answer, or true. `endList` decides whether leaving it empty ends a list
 * (it returns why not, or true).
 */
function judge(asking: Asking, question: Question, scope: Scope, segments: Array<string | number> | undefined, raw: unknown, endList?: () => string | true): string | true {
  const result = normaliseAnswer(question, raw, scope);
  if ('problem' in result) return result.problem;
  if (result.value === undefined) {
    if (endList) return endList();
    return isRequired(question, scope) ? 'An answer is needed.' : true;
  }
  const problem = question.check?.(result.value, scope, asking.env);
  if (problem) return problem;
  if (!segments) return true;
  const before = getPath(scope.item, question.path);
  setPath(scope.item, question.path, result.value);
  try {
    return asking.probe(asking.draft, pointerOf(segments))[0] ?? true;
  } finally {
    setPath(scope.item, question.path, before);
  }
}

/**
 * Asks one question (or takes the answer already given, when it is valid); returns whether it was
 * left empty. `segments` locates the answer for the rules; without it only the question's own checks apply.
 */
async function ask(asking: Asking, question: Question, scope: Scope, segments: Array<string | number> | undefined, options: { suffix?: string; endList?: () => string | true } = {}): Promise<boolean> {
  if (!isAsked(question, scope)) return false;
  const { prompter } = asking;
  const message = `${resolveMessage(question, scope)}${options.suffix ?? ''}${question.hint ? ` (${question.hint})` : ''}`;
  const given = getPath(scope.item, question.path);
  if (given !== undefined) {
    const verdict = judge(asking, question, scope, segments, given);
    if (verdict === true) {
      const result = normaliseAnswer(question, given, scope);
      setPath(scope.item, question.path, 'value' in result ? result.value : given);
      prompter.say(`✔ ${resolveMessage(question, scope)} ${display(getPath(scope.item, question.path))}`);
      return false;
    }
    prompter.say(`✖ ${display(given)}: ${verdict}`);
  }
  const validate = (raw: unknown) => judge(asking, question, scope, segments, raw, options.endList);
  let raw: unknown;
  switch (question.kind) {
    case 'boolean':
      raw = await prompter.confirm({ message, default: typeof question.default === 'boolean' ? question.default : undefined });
      break;
    case 'select':
      raw = await prompter.select({ message, choices: resolveChoices(question, scope) });
      break;
    case 'multi':
      raw = await prompter.checkbox({ message, choices: resolveChoices(question, scope), validate });
      break;
    default:
      raw = await prompter.input({ message, validate });
  }
  const result = normaliseAnswer(question, raw, scope);
  const value = 'value' in result ? result.value : undefined;
  setPath(scope.item, question.path, value);
  return value === undefined;
}

async function askGroup(asking: Asking, group: Group): Promise<void> {
  const root: Scope = { root: asking.draft, item: asking.draft };
  if (!isAsked(group, root)) return;
  const given = getPath(asking.draft, group.path);
  const list: Draft[] = Array.isArray(given) ? given.filter((e): e is Draft => e !== null && typeof e === 'object' && !Array.isArray(e)) : [];
  setPath(asking.draft, group.path, list);

  if (group.keyedBy) {
    const key = group.keyedBy;
    const holder: Draft = {};
    const keys = list.map((entry) => getPath(entry, key.path)).filter((k) => k !== undefined);
    if (keys.length) setPath(holder, key.path, keys);
    // The entries do not exist yet, so the rules have nothing to say about the choice.
    await ask(asking, key, { root: asking.draft, item: holder }, undefined);
    const chosen = (getPath(holder, key.path) as unknown[] | undefined) ?? [];
    const entries = chosen.map((k) => list.find((entry) => getPath(entry, key.path) === k) ?? Object.fromEntries([[key.path[0]!, k]]) as Draft);
    list.splice(0, list.length, ...entries);
    for (const [index, entry] of list.entries()) {
      for (const question of group.questions) await ask(asking, question, { root: asking.draft, item: entry }, [...group.path, index, ...question.path]);
    }
    return;
  }

  for (let index = 0; ; index++) {
    const min = minimum(group, root);
    const isNew = index >= list.length;
    if (isNew) list.push({});
    const entry = list[index]!;
    const scope = { root: asking.draft, item: entry };
    // Leaving the first question asked empty ends the list.
    const [first, ...rest] = group.questions.filter((question) => isAsked(question, scope));
    const mayEnd = isNew && index >= min;
    const endList = mayEnd ? () => group.check?.(list.slice(0, index), root) ?? true : undefined;
    const suffix = mayEnd ? (index === 0 ? ' (leave empty if there is none)' : ' (leave empty when done)') : '';
    if (index > 0 && isNew) asking.prompter.say(`Another ${group.noun}:`);
    const empty = await ask(asking, first!, scope, [...group.path, index, ...first!.path], { suffix, endList });
    if (empty && mayEnd) {
      list.splice(index, 1);
      break;
    }
    for (const question of rest) await ask(asking, question, scope, [...group.path, index, ...question.path]);
  }
  if (!list.length) setPath(asking.draft, group.path, undefined);
}

/**
 * Asks every question of the table that applies, in order, with the follow-ups the answers call
 * for; answers already in `draft` (from the command line) are checked and kept. Returns the
 * nomination. Cancelling a prompt rejects with the prompter's error.
 */
export async function runWizard(prompter: Prompter, draft: Draft, env: CheckEnv, probe: RuleProbe, steps: readonly Step[] = STEPS): Promise<Draft> {
  const asking: Asking = { prompter, env, probe, draft };
  const root: Scope = { root: draft, item: draft };
  for (const step of steps) {
    if (step.type === 'section') prompter.say(`\n${step.title}\n${step.intro}`);
    else if (step.type === 'group') await askGroup(asking, step);
    else await ask(asking, step, root, [...step.path]);
  }
  return draft;
}
