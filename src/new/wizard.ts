import {
  isAsked,
  isRequired,
  minimum,
  resolveChoices,
  resolveMessage,
  STEPS,
  type CheckEnv,
  type Choice,
  type Draft,
  type Group,
  type Question,
  type Scope,
  type Section,
  type Step,
} from './questions.js';
import { answerText, getPath, normaliseAnswer, pointerOf, setPath } from './values.js';

/** What a prompt returns when the person asks for the previous question. */
export const BACK: unique symbol = Symbol('back');
export type Back = typeof BACK;

/** What a prompt returns when the person asks to keep the answers in a draft and stop. */
export const SAVE: unique symbol = Symbol('save');
type Save = typeof SAVE;

/** How `Wizard.run` ends when the person asked to save and quit: the caller keeps the draft. */
export class SaveRequested extends Error {
  override readonly name = 'SaveRequested';
  constructor() {
    super('save and quit');
  }
}

/** The prompts the wizard needs; the CLI backs them with @inquirer/prompts, tests with a script. */
export interface Prompter {
  input(options: { message: string; default?: string; validate: (value: string) => string | true }): Promise<string | Back | Save>;
  select(options: { message: string; choices: readonly Choice[]; default?: Choice['value'] }): Promise<Choice['value'] | Back | Save>;
  checkbox(options: {
    message: string;
    choices: readonly Choice[];
    checked?: readonly unknown[];
    validate: (values: unknown[]) => string | true;
  }): Promise<unknown[] | Back | Save>;
  /** A yes/no question outside the nomination (keeping a draft); no way back. */
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
  /** A line of information (a section title, an answer taken from the command line). */
  say(text: string): void;
}

/** A finding of the validation engine, as the wizard needs it. */
export interface Finding {
  ruleId: string;
  severity: string;
  /** JSON pointer of the place it is about. */
  path: string;
  message: string;
}

export interface WizardChecks {
  env: CheckEnv;
  /** Every finding of the engine on the unfinished nomination. */
  inspect(draft: Draft): readonly Finding[];
  /** Every finding on the nomination as it will be written; `inspect` when not given. */
  inspectFinal?(draft: Draft): readonly Finding[];
}

const BOOLEAN_CHOICES: readonly Choice[] = [
  { value: true, name: 'yes' },
  { value: false, name: 'no' },
];

/** One question as it stands in the walk: where its answer goes, and whether it is answered. */
interface Slot {
  /** The JSON pointer of the answer; `<list>/-` for the first answer of a new list entry. */
  key: string;
  question: Question;
  scope: Scope;
  /** Where the rules' findings about the answer are; none for a choice of entries (the SDGs). */
  pointer?: string;
  /** Rules whose findings this question, not yet answered, will settle, and where they may be. */
  rules: readonly string[];
  ruleScope: string;
  section?: Section;
  done: boolean;
  entry?: { group: Group; list: Draft[]; mayEnd: boolean };
  keyed?: Group;
}

function within(path: string, pointer: string): boolean {
  return pointer === '' || path === pointer || path.startsWith(`${pointer}/`);
}

function display(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function entriesOf(draft: Draft, group: Group): Draft[] | undefined {
  const list = getPath(draft, group.path);
  return Array.isArray(list) ? (list as Draft[]) : undefined;
}

/**
 * The walk through the table of questions. The nomination is the state: which questions are asked
 * follows from the answers, so every step plans the questions afresh, drops the answers of questions
 * no longer asked, and asks the first one not answered yet. Going back asks the previous question
 * of the plan again, with its answer as the default; later answers stay, and those that no longer
 * pass their checks are asked again when the walk reaches them. Before returning, every finding of
 * the engine on the nomination as it will be written is put to the question it is about.
 */
export class Wizard {
  /** Which questions of each entry (or of the nomination) were answered, left empty included. */
  private readonly visited = new WeakMap<Draft, Set<string>>();
  private lastSection?: Section;

  constructor(
    readonly prompter: Prompter,
    readonly draft: Draft,
    private readonly checks: WizardChecks,
    private readonly steps: readonly Step[] = STEPS,
  ) {}

  private marks(item: Draft): Set<string> {
    let set = this.visited.get(item);
    if (!set) this.visited.set(item, (set = new Set()));
    return set;
  }

  private questionDone(question: Question, scope: Scope): boolean {
    if (!this.marks(scope.item).has(question.path.join('/'))) return false;
    const result = normaliseAnswer(question, getPath(scope.item, question.path), scope);
    if ('problem' in result) return false;
    if (result.value === undefined) return !isRequired(question, scope);
    return !question.check?.(result.value, scope, this.checks.env);
  }

  /** The questions that apply to the answers so far, in order; drops the answers of those that do not. */
  plan(): Slot[] {
    const { draft } = this;
    const root: Scope = { root: draft, item: draft };
    const slots: Slot[] = [];
    let section: Section | undefined;
    const drop = (question: Question, item: Draft) => {
      setPath(item, question.path, undefined);
      this.marks(item).delete(question.path.join('/'));
    };
    for (const step of this.steps) {
      if (step.type === 'section') {
        section = step;
        continue;
      }
      if (step.type === 'question') {
        if (!isAsked(step, root)) drop(step, draft);
        else
          slots.push({
            key: pointerOf(step.path),
            question: step,
            scope: root,
            pointer: pointerOf(step.path),
            rules: step.rules ?? [],
            ruleScope: '',
            section,
            done: this.questionDone(step, root),
          });
        continue;
      }
      const listPointer = pointerOf(step.path);
      if (!isAsked(step, root)) {
        setPath(draft, step.path, undefined);
        continue;
      }
      const list = entriesOf(draft, step) ?? [];
      if (step.keyedBy) {
        const chosen = this.marks(draft).has(listPointer) && list.length >= minimum(step, root);
        slots.push({
          key: listPointer,
          question: step.keyedBy,
          scope: root,
          rules: step.rules ?? [],
          ruleScope: '',
          section,
          done: chosen,
          keyed: step,
        });
      }
      list.forEach((entry, index) => {
        const scope = { root: draft, item: entry };
        for (const question of step.questions) {
          if (!isAsked(question, scope)) {
            drop(question, entry);
            continue;
          }
          const pointer = pointerOf([...step.path, index, ...question.path]);
          slots.push({
            key: pointer,
            question,
            scope,
            pointer,
            rules: question.rules ?? [],
            ruleScope: pointerOf([...step.path, index]),
            section,
            done: this.questionDone(question, scope),
          });
        }
      });
      if (step.keyedBy) continue;
      const fresh: Scope = { root: draft, item: {} };
      const first = step.questions.find((question) => isAsked(question, fresh))!;
      const mayEnd = list.length >= minimum(step, root);
      const closed = this.marks(draft).has(`${listPointer}/-`) && mayEnd && !step.check?.(list, root);
      slots.push({
        key: `${listPointer}/-`,
        question: first,
        scope: fresh,
        pointer: pointerOf([...step.path, list.length, ...first.path]),
        rules: [...(step.rules ?? []), ...(first.rules ?? [])],
        ruleScope: '',
        section,
        done: closed,
        entry: { group: step, list, mayEnd },
      });
    }
    return slots;
  }

  /** The keys of the questions answered so far, to resume from. */
  answered(): string[] {
    return this.plan()
      .filter((slot) => this.isMarked(slot))
      .map((slot) => slot.key);
  }

  /** Marks the questions of `keys` as answered (as `answered()` listed them), so the walk goes on after them. */
  resume(keys: readonly string[]): void {
    const wanted = new Set(keys);
    for (let changed = true; changed;) {
      changed = false;
      for (const slot of this.plan()) {
        if (!wanted.has(slot.key) || this.isMarked(slot)) continue;
        this.mark(slot);
        changed = true;
      }
    }
  }

  private isMarked(slot: Slot): boolean {
    if (slot.entry) return this.marks(this.draft).has(slot.key);
    if (slot.keyed) return this.marks(this.draft).has(slot.key);
    return this.marks(slot.scope.item).has(slot.question.path.join('/'));
  }

  private mark(slot: Slot): void {
    if (slot.entry || slot.keyed) this.marks(this.draft).add(slot.key);
    else this.marks(slot.scope.item).add(slot.question.path.join('/'));
  }

  /**
   * The findings that concern an answer: those about its place, except what questions still to be
   * answered will settle (a repository, once software is chosen) and missing keys (asked later).
   */
  private concerning(slot: Slot, plan: readonly Slot[], findings: readonly Finding[]): Finding[] {
    const pending = plan.filter((other) => !other.done && other.key !== slot.key);
    return findings.filter(
      (finding) =>
        finding.ruleId !== 'schema/required' &&
        slot.pointer !== undefined &&
        within(finding.path, slot.pointer) &&
        !pending.some((other) => other.rules.includes(finding.ruleId) && within(finding.path, other.ruleScope)),
    );
  }

  /** Why `raw` cannot be the answer of `slot`, or true. */
  private judge(slot: Slot, plan: readonly Slot[], raw: unknown, pinned: readonly Finding[]): string | true {
    const { question, scope } = slot;
    const result = normaliseAnswer(question, raw, scope);
    if ('problem' in result) return result.problem;
    if (result.value === undefined) {
      if (slot.entry?.mayEnd) {
        const problem = slot.entry.group.check?.(slot.entry.list, scope);
        if (problem) return problem;
      } else if (isRequired(question, scope)) {
        return 'An answer is needed.';
      }
      if (!pinned.length) return true;
    } else {
      const problem = question.check?.(result.value, scope, this.checks.env);
      if (problem) return problem;
      if (slot.pointer === undefined && !pinned.length) return true;
    }
    const ending = slot.entry !== undefined && result.value === undefined;
    const before = getPath(scope.item, question.path);
    if (!ending) setPath(scope.item, question.path, result.value);
    if (slot.entry && !ending) slot.entry.list.push(scope.item);
    const hadList = slot.entry ? getPath(this.draft, slot.entry.group.path) : undefined;
    if (slot.entry && !ending && hadList === undefined) setPath(this.draft, slot.entry.group.path, slot.entry.list);
    try {
      const findings = this.checks.inspect(this.draft);
      const still = pinned.find((p) => findings.some((f) => f.ruleId === p.ruleId && f.path === p.path));
      if (still) return still.message;
      return this.concerning(slot, plan, findings)[0]?.message ?? true;
    } finally {
      if (slot.entry && !ending) {
        slot.entry.list.pop();
        if (hadList === undefined) setPath(this.draft, slot.entry.group.path, undefined);
      }
      if (!ending) setPath(scope.item, question.path, before);
    }
  }

  private say(slot: Slot): void {
    if (slot.section && slot.section !== this.lastSection) {
      this.prompter.say(`\n${slot.section.title}\n${slot.section.intro}`);
      this.lastSection = slot.section;
    }
  }

  /** Asks one question; returns BACK when the person asked for the previous one. */
  private async ask(slot: Slot, plan: readonly Slot[], options: { again: boolean; pinned: readonly Finding[] }): Promise<Back | undefined> {
    const { prompter } = this;
    const { question, scope, entry } = slot;
    const given = entry
      ? undefined
      : slot.keyed
        ? entriesOf(this.draft, slot.keyed)?.map((e) => getPath(e, slot.question.path))
        : getPath(scope.item, question.path);
    if (!options.again && given !== undefined && !slot.keyed) {
      const verdict = this.judge(slot, plan, given, []);
      if (verdict === true) {
        const result = normaliseAnswer(question, given, scope);
        setPath(scope.item, question.path, 'value' in result ? result.value : given);
        if (!this.isMarked(slot)) {
          this.say(slot);
          prompter.say(`✔ ${resolveMessage(question, scope)} ${display(getPath(scope.item, question.path))}`);
        }
        this.mark(slot);
        return undefined;
      }
      this.say(slot);
      prompter.say(`✖ ${display(given)}: ${verdict}`);
    } else {
      this.say(slot);
    }
    const index = entry?.list.length ?? 0;
    if (entry && index > 0) prompter.say(`Another ${entry.group.noun}:`);
    const suffix = entry?.mayEnd ? (index === 0 ? ' (leave empty if there is none)' : ' (leave empty when done)') : '';
    const message = `${resolveMessage(question, scope)}${suffix}${question.hint ? ` (${question.hint})` : ''}`;
    const validate = (raw: unknown) => this.judge(slot, plan, raw, options.pinned);
    let raw: unknown;
    switch (question.kind) {
      case 'boolean':
        raw = await prompter.select({
          message,
          choices: BOOLEAN_CHOICES,
          default: typeof given === 'boolean' ? given : (question.default as boolean | undefined),
        });
        break;
      case 'select':
        raw = await prompter.select({ message, choices: resolveChoices(question, scope), default: given as Choice['value'] | undefined });
        break;
      case 'multi':
        raw = await prompter.checkbox({
          message,
          choices: resolveChoices(question, scope),
          checked: Array.isArray(given) ? given : [],
          validate,
        });
        break;
      default:
        raw = await prompter.input({ message, validate, default: given === undefined ? undefined : answerText(question, given) });
    }
    if (raw === BACK) return BACK;
    if (raw === SAVE) throw new SaveRequested();
    const result = normaliseAnswer(question, raw, scope);
    const value = 'value' in result ? result.value : undefined;
    if (slot.keyed) this.choose(slot.keyed, value);
    else if (entry && value === undefined) {
      if (!entry.list.length) setPath(this.draft, entry.group.path, undefined);
    } else if (entry) {
      setPath(scope.item, question.path, value);
      entry.list.push(scope.item);
      setPath(this.draft, entry.group.path, entry.list);
      this.marks(scope.item).add(question.path.join('/'));
      // The list grew, so the question that ends it is asked again after the new entry.
      this.marks(this.draft).delete(slot.key);
      return undefined;
    } else {
      setPath(scope.item, question.path, value);
    }
    this.mark(slot);
    return undefined;
  }

  /** The entries of a list chosen at once (the SDGs): those chosen before keep their answers. */
  private choose(group: Group, keys: unknown): void {
    const key = group.keyedBy!;
    const list = entriesOf(this.draft, group) ?? [];
    const chosen = Array.isArray(keys) ? keys : [];
    const entries = chosen.map(
      (k) => list.find((entry) => getPath(entry, key.path) === k) ?? (Object.fromEntries([[key.path[0]!, k]]) as Draft),
    );
    setPath(this.draft, group.path, entries.length ? entries : undefined);
  }

  /** The question an error of the finished nomination is about: the one answering its place, or the first inside it. */
  private slotFor(plan: readonly Slot[], finding: Finding): Slot | undefined {
    const holding = plan.filter((slot) => slot.pointer !== undefined && !slot.entry && within(finding.path, slot.pointer));
    if (holding.length) return holding.reduce((a, b) => (b.pointer!.length > a.pointer!.length ? b : a));
    return plan.find((slot) => slot.pointer !== undefined && !slot.entry && within(slot.pointer, finding.path));
  }

  /**
   * Asks every question of the table that applies, in order, with the follow-ups the answers call
   * for; answers already in the nomination (from the command line, or a draft) are checked and kept.
   * Returns the nomination. Cancelling a prompt rejects with the prompter's error; asking to save
   * and quit rejects with SaveRequested, the answers so far kept in `draft` and `answered()`.
   */
  async run(): Promise<Draft> {
    let again: string | undefined;
    let pinned: Finding[] = [];
    // Errors about a place no single answer holds (a list entry): asked about once, then left to the report.
    const shown = new Set<string>();
    for (;;) {
      const plan = this.plan();
      let index = again === undefined ? -1 : plan.findIndex((slot) => slot.key === again);
      if (index < 0) index = plan.findIndex((slot) => !slot.done);
      if (index < 0) {
        const errors = (this.checks.inspectFinal ?? this.checks.inspect)(this.draft).filter(
          (f) => f.severity === 'error' && !shown.has(`${f.ruleId} ${f.path}`),
        );
        const error = errors.find((e) => this.slotFor(plan, e) !== undefined);
        if (!error) return this.draft;
        const target = this.slotFor(plan, error)!;
        const about = errors.filter((e) => this.slotFor(plan, e) === target);
        for (const e of about) this.prompter.say(`✖ ${e.message}`);
        pinned = about.filter((e) => within(e.path, target.pointer!));
        for (const e of about) if (!pinned.includes(e)) shown.add(`${e.ruleId} ${e.path}`);
        again = target.key;
        continue;
      }
      const slot = plan[index]!;
      const outcome = await this.ask(slot, plan, { again: again === slot.key, pinned });
      again = undefined;
      pinned = [];
      if (outcome === BACK) {
        if (index === 0) this.prompter.say('This is the first question.');
        again = plan[Math.max(0, index - 1)]!.key;
      }
    }
  }
}

/** Runs the wizard on `draft` (see Wizard). */
export function runWizard(prompter: Prompter, draft: Draft, checks: WizardChecks, steps: readonly Step[] = STEPS): Promise<Draft> {
  return new Wizard(prompter, draft, checks, steps).run();
}
