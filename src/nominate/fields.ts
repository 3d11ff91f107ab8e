import { asArray } from '../core/nomination.js';
import {
  isAsked,
  isRequired,
  minimum,
  resolveChoices,
  resolveMessage,
  STEPS,
  type Choice,
  type Draft,
  type Group,
  type Question,
  type Scope,
  type Step,
} from '../new/questions.js';
import { answerText, getPath, setPath } from '../new/values.js';

/**
 * The fields of the nomination form, generated from the question table of `dpg new`: one field per
 * question that the answers so far make asked, one block per list entry. Rendered as HTML text, so
 * the same code runs in the browser and in tests; every value is escaped.
 */

export interface Binding {
  question: Question;
  /** Set for a question of a list entry. */
  group?: Group;
  index?: number;
  /** The keyed choice of a group (the SDGs). */
  keyed?: boolean;
}

export interface RenderedFields {
  html: string;
  /** Field id → the question it answers. */
  bindings: Map<string, Binding>;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The key of a question in the table: its group's path, then its own ("organizations/country"). */
function questionKey(question: Question, group?: Group): string {
  return [...(group?.path ?? []), ...question.path].join('/');
}

/** Every question of the table, with its key, whether asked or not. */
export function tableQuestions(steps: readonly Step[] = STEPS): Array<{ key: string; question: Question; group?: Group }> {
  const out: Array<{ key: string; question: Question; group?: Group }> = [];
  for (const step of steps) {
    if (step.type === 'question') out.push({ key: questionKey(step), question: step });
    else if (step.type === 'group') {
      if (step.keyedBy) out.push({ key: questionKey(step.keyedBy, step), question: step.keyedBy, group: step });
      for (const question of step.questions) out.push({ key: questionKey(question, step), question, group: step });
    }
  }
  return out;
}

/** The id of the field (or list) at a path of the nomination: `f-organizations-0-country`. */
export function fieldId(segments: ReadonlyArray<string | number>): string {
  return `f-${segments.map((s) => String(s).replace(/[^A-Za-z0-9_]/g, '_')).join('-')}`;
}

/** The segments of a dotted path as problems name answers (`licenses[0].spdx` → licenses, 0, spdx). */
export function dottedSegments(dotted: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const match of dotted.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return out;
}

function entriesOf(draft: Draft, group: Group): Draft[] {
  const list = getPath(draft, group.path);
  return Array.isArray(list) ? (list as Draft[]) : [];
}

function isEmptyEntry(entry: Draft): boolean {
  return Object.values(entry).every((v) => v === undefined || v === '' || (Array.isArray(v) && !v.length));
}

/**
 * Gives each list as many entries as it needs to be filled in (its minimum), and drops empty entries
 * beyond that, as when a list stops being needed, except those the nominator added (`added`).
 */
export function ensureEntries(draft: Draft, added: (entry: Draft) => boolean = () => false, steps: readonly Step[] = STEPS): void {
  const root: Scope = { root: draft, item: draft };
  for (const step of steps) {
    // A list that must be there but may be empty (countries of development) is answered by an empty field.
    if (
      step.type === 'question' &&
      step.min === 0 &&
      isAsked(step, root) &&
      isRequired(step, root) &&
      getPath(draft, step.path) === undefined
    ) {
      setPath(draft, step.path, []);
    }
    if (step.type !== 'group' || step.keyedBy) continue;
    const list = entriesOf(draft, step);
    const wanted = isAsked(step, root) ? minimum(step, root) : 0;
    let kept = list.filter((entry, index) => index < wanted || added(entry) || !isEmptyEntry(entry));
    while (kept.length < wanted) kept = [...kept, {}];
    setList(draft, step.path, kept);
  }
}

function setList(draft: Draft, path: readonly string[], list: Draft[]): void {
  let node = draft;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      if (!list.length) return;
      node[key] = {};
    }
    node = node[key] as Draft;
  }
  const last = path[path.length - 1]!;
  if (list.length) node[last] = list;
  else delete node[last];
}

function required(question: Question, scope: Scope): string {
  return isRequired(question, scope) ? ' <span class="required">(required)</span>' : ' <span class="optional">(optional)</span>';
}

function describedBy(id: string, hint: boolean): string {
  return `${hint ? `h-${id} ` : ''}e-${id}`;
}

function hintHtml(id: string, hint: string | undefined): string {
  return hint ? `<p class="hint" id="h-${id}">${escapeHtml(hint)}</p>` : '';
}

function errorSlot(id: string): string {
  return `<div class="field-error" id="e-${id}"></div>`;
}

function choicesHtml(
  id: string,
  type: 'radio' | 'checkbox',
  choices: readonly Choice[],
  selected: (value: Choice['value']) => boolean,
): string {
  return choices
    .map(
      (choice, i) =>
        `<div class="choice"><input type="${type}" id="${id}-${i}" name="${id}" value="${escapeHtml(String(choice.value))}"${selected(choice.value) ? ' checked' : ''}>` +
        ` <label for="${id}-${i}">${escapeHtml(choice.name)}${choice.description ? ` <span class="choice-note">— ${escapeHtml(choice.description)}</span>` : ''}</label></div>`,
    )
    .join('');
}

/** A hint that speaks of keys and Enter in a terminal is reworded for the browser. */
function browserHint(question: Question): string | undefined {
  if (question.kind === 'multi')
    return question.hint?.includes('space to select')
      ? question.hint.replace(/space to select, enter to confirm;?\s*/, '').trim() || undefined
      : question.hint;
  return question.hint;
}

function questionHtml(question: Question, scope: Scope, segments: ReadonlyArray<string | number>, key: string): string {
  const id = fieldId(segments);
  const value = getPath(scope.item, question.path);
  const message = escapeHtml(resolveMessage(question, scope));
  const hint = browserHint(question);
  const note = required(question, scope);
  const attrs = `data-question="${escapeHtml(key)}" aria-describedby="${describedBy(id, Boolean(hint))}"`;
  if (question.kind === 'boolean' || question.kind === 'select' || question.kind === 'multi') {
    const choices =
      question.kind === 'boolean'
        ? [
            { value: true, name: 'Yes' },
            { value: false, name: 'No' },
          ]
        : resolveChoices(question, scope);
    const chosen = asArray(value);
    const selected = question.kind === 'multi' ? (v: Choice['value']) => chosen.includes(v) : (v: Choice['value']) => v === value;
    return (
      `<fieldset class="field choices" id="${id}" tabindex="-1" ${attrs}><legend>${message}${note}</legend>${hintHtml(id, hint)}` +
      `${choicesHtml(id, question.kind === 'multi' ? 'checkbox' : 'radio', choices, selected)}${errorSlot(id)}</fieldset>`
    );
  }
  const text = value === undefined ? '' : answerText(question, value);
  const long = question.kind === 'text' && (question.maxLength === undefined || question.maxLength > 200);
  const type = question.kind === 'url' ? 'url' : 'text';
  const control = long
    ? `<textarea id="${id}" name="${id}" rows="3" ${attrs}>${escapeHtml(text)}</textarea>`
    : `<input type="${type}" id="${id}" name="${id}" value="${escapeHtml(text)}" ${attrs}${question.kind === 'url' ? ' inputmode="url" placeholder="https://"' : ''}>`;
  return `<div class="field"><label for="${id}">${message}${note}</label>${hintHtml(id, hint)}${control}${errorSlot(id)}</div>`;
}

function nounPlural(noun: string): string {
  return noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function groupHtml(group: Group, draft: Draft, bindings: Map<string, Binding>): string {
  const root: Scope = { root: draft, item: draft };
  const id = fieldId(group.path);
  const entries = entriesOf(draft, group);
  const parts: string[] = [
    `<fieldset class="group" id="${id}" tabindex="-1" aria-describedby="e-${id}"><legend>${escapeHtml(capital(nounPlural(group.noun)))}</legend>`,
  ];
  if (group.keyedBy) {
    const keyed = group.keyedBy;
    const segments = [...group.path, ...keyed.path];
    bindings.set(fieldId(segments), { question: keyed, group, keyed: true });
    const chosen = entries.map((e) => getPath(e, keyed.path));
    parts.push(
      questionHtml(
        { ...keyed, choices: resolveChoices(keyed, root) },
        { root: draft, item: { [keyed.path[0]!]: chosen } },
        segments,
        questionKey(keyed, group),
      ),
    );
  }
  entries.forEach((entry, index) => {
    const scope: Scope = { root: draft, item: entry };
    const title = group.keyedBy
      ? `SDG ${escapeHtml(getPath(entry, group.keyedBy.path))}`
      : `${escapeHtml(capital(group.noun))} ${index + 1}`;
    parts.push(`<div class="entry" id="${fieldId([...group.path, index])}" tabindex="-1"><h4>${title}</h4>`);
    for (const question of group.questions) {
      if (!isAsked(question, scope)) continue;
      const segments = [...group.path, index, ...question.path];
      bindings.set(fieldId(segments), { question, group, index });
      parts.push(questionHtml(question, scope, segments, questionKey(question, group)));
    }
    if (!group.keyedBy && entries.length > minimum(group, root)) {
      parts.push(
        `<button type="button" class="remove" data-remove="${escapeHtml(group.path.join('/'))}" data-index="${index}">Remove ${escapeHtml(group.noun)} ${index + 1}</button>`,
      );
    }
    parts.push('</div>');
  });
  if (!group.keyedBy)
    parts.push(
      `<button type="button" class="add" data-add="${escapeHtml(group.path.join('/'))}">Add ${entries.length ? 'another' : 'a'} ${escapeHtml(group.noun)}</button>`,
    );
  parts.push(`${errorSlot(id)}</fieldset>`);
  return parts.join('');
}

/** The form's fields for the answers so far. */
export function renderFields(draft: Draft, steps: readonly Step[] = STEPS): RenderedFields {
  const bindings = new Map<string, Binding>();
  const root: Scope = { root: draft, item: draft };
  const parts: string[] = [];
  let open = false;
  for (const step of steps) {
    if (step.type === 'section') {
      if (open) parts.push('</section>');
      parts.push(`<section class="form-section"><h3>${escapeHtml(step.title)}</h3><p class="intro">${escapeHtml(step.intro)}</p>`);
      open = true;
    } else if (step.type === 'question') {
      if (!isAsked(step, root)) continue;
      bindings.set(fieldId(step.path), { question: step });
      parts.push(questionHtml(step, root, step.path, questionKey(step)));
    } else if (isAsked(step, root)) {
      parts.push(groupHtml(step, draft, bindings));
    }
  }
  if (open) parts.push('</section>');
  return { html: parts.join('\n'), bindings };
}
