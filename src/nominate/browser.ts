/// <reference lib="dom" />
import { DEFAULT_CONFIG, type Config } from '../config/config.js';
import { CATEGORY_LABELS, ELIGIBILITY_QUESTIONS, judgeEligibility, type EligibilityAnswer } from './eligibility.js';
import { checkForm, githubNewFileUrl, type FormProblem, type FormSettings } from './check.js';
import { dottedSegments, ensureEntries, escapeHtml, fieldId, renderFields, type Binding } from './fields.js';
import { FIXED_ANSWERS, resolveChoices, type Draft, type Scope } from '../new/questions.js';
import { getPath, normaliseAnswer, setPath, splitList } from '../new/values.js';

/**
 * The nomination form in the browser: the eligibility check, then the questions of `dpg new`,
 * checked on the page by the validation engine itself. Nothing is sent anywhere; the draft stays in
 * this browser's localStorage until the nominator downloads the file or takes it to GitHub.
 */

interface PageSettings {
  config: Partial<Config>;
  registry: string;
  existingSlugs: string[];
  /** "owner/name" of the registry on GitHub, when the site knows it. */
  repository?: string;
  branch?: string;
}

interface Stored {
  version: 1;
  eligibility: { categories: string[]; answers: Record<string, EligibilityAnswer> };
  eligible: boolean;
  draft: Draft;
}

const STORAGE_KEY = 'dpg-nominate-draft';

// The engine measures file sizes with Node's Buffer; a page has TextEncoder instead.
const scope = globalThis as { Buffer?: unknown };
scope.Buffer ??= { byteLength: (text: string) => new TextEncoder().encode(text).length };

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}.`);
  return element as T;
}

function readSettings(): PageSettings {
  const parsed = JSON.parse(byId('nominate-settings').textContent ?? '{}') as PageSettings;
  return { ...parsed, existingSlugs: Array.isArray(parsed.existingSlugs) ? parsed.existingSlugs : [] };
}

function load(): Stored | undefined {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    const stored = text ? (JSON.parse(text) as Stored) : undefined;
    return stored?.version === 1 && stored.draft && typeof stored.draft === 'object' ? stored : undefined;
  } catch {
    return undefined;
  }
}

const page = readSettings();
const settings: FormSettings = {
  config: { ...DEFAULT_CONFIG, ...page.config },
  registry: page.registry || 'nominations',
  existingSlugs: page.existingSlugs,
};
const repository = page.repository && /^[\w.-]+\/[\w.-]+$/.test(page.repository) ? page.repository : undefined;

const stored = load();
const state: Stored = stored ?? { version: 1, eligibility: { categories: [], answers: {} }, eligible: false, draft: { ...FIXED_ANSWERS } };
let bindings = new Map<string, Binding>();
/** Entries added with an "Add" button: kept while empty, unlike those the form made for a list's minimum. */
const added = new WeakSet<Draft>();
let submitted = false;

function save(): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Storage may be full or disabled; the form works without a kept draft.
  }
}

// ---- Step 1: eligibility -------------------------------------------------------------------------

function renderEligibility(): void {
  const { categories, answers } = state.eligibility;
  const kinds =
    Object.entries(CATEGORY_LABELS)
      .map(
        ([value, label], i) =>
          `<div class="choice"><input type="checkbox" id="elig-cat-${i}" name="elig-categories" value="${value}"${categories.includes(value) ? ' checked' : ''}> <label for="elig-cat-${i}">${escapeHtml(label)}</label></div>`,
      )
      .join('') +
    `<div class="choice"><input type="checkbox" id="elig-cat-none" name="elig-categories" value="none"${categories.includes('none') ? ' checked' : ''}> <label for="elig-cat-none">None of these</label></div>`;
  const questions = ELIGIBILITY_QUESTIONS.map((q) => {
    const options = (['yes', 'no', 'unsure'] as const)
      .map(
        (a) =>
          `<div class="choice"><input type="radio" id="elig-${q.id}-${a}" name="elig-${q.id}" value="${a}"${answers[q.id] === a ? ' checked' : ''}> <label for="elig-${q.id}-${a}">${a === 'unsure' ? 'Not sure' : a === 'yes' ? 'Yes' : 'No'}</label></div>`,
      )
      .join('');
    return (
      `<fieldset class="field choices" id="elig-${q.id}" tabindex="-1" aria-describedby="h-elig-${q.id} e-elig-${q.id}"><legend>${escapeHtml(q.message)} <span class="indicator">(indicator ${escapeHtml(q.indicator)})</span></legend>` +
      `<p class="hint" id="h-elig-${q.id}">${escapeHtml(q.hint)}</p>${options}<div class="field-error" id="e-elig-${q.id}"></div></fieldset>`
    );
  }).join('');
  byId('eligibility-fields').innerHTML =
    `<fieldset class="field choices" id="elig-categories" tabindex="-1" aria-describedby="e-elig-categories"><legend>What kind of solution is it? <span class="indicator">(choose all that apply)</span></legend>${kinds}<div class="field-error" id="e-elig-categories"></div></fieldset>${questions}`;
}

function readEligibility(): void {
  const form = byId<HTMLFormElement>('eligibility');
  state.eligibility.categories = [...form.querySelectorAll<HTMLInputElement>('input[name="elig-categories"]:checked')].map((i) => i.value);
  for (const q of ELIGIBILITY_QUESTIONS) {
    const checked = form.querySelector<HTMLInputElement>(`input[name="elig-${q.id}"]:checked`);
    if (checked) state.eligibility.answers[q.id] = checked.value as EligibilityAnswer;
  }
  save();
}

function showSummary(target: HTMLElement, items: Array<{ href: string; text: string }>, title: string): void {
  target.innerHTML = `<h2 id="${target.id}-title">${escapeHtml(title)}</h2><ul>${items.map((i) => `<li><a href="#${escapeHtml(i.href)}">${escapeHtml(i.text)}</a></li>`).join('')}</ul>`;
  target.hidden = false;
  target.focus();
}

function submitEligibility(event: Event): void {
  event.preventDefault();
  readEligibility();
  const verdict = judgeEligibility(state.eligibility);
  const summary = byId('eligibility-summary');
  const outcome = byId('eligibility-outcome');
  for (const slot of byId('eligibility').querySelectorAll('.field-error')) slot.textContent = '';
  outcome.hidden = true;
  summary.hidden = true;
  if (verdict.unanswered.length) {
    const items = verdict.unanswered.map((id) => {
      const text =
        id === 'categories' ? 'Choose what kind of solution it is.' : `Answer: ${ELIGIBILITY_QUESTIONS.find((q) => q.id === id)!.message}`;
      byId(`e-elig-${id}`).innerHTML = `<p class="problem">${escapeHtml(text)}</p>`;
      return { href: `elig-${id}`, text };
    });
    showSummary(summary, items, `${items.length} question${items.length === 1 ? '' : 's'} to answer`);
    return;
  }
  if (!verdict.eligible) {
    state.eligible = false;
    save();
    outcome.innerHTML =
      '<h2 id="eligibility-outcome-title">It cannot be nominated yet</h2><p>The DPG Standard asks for what the answers say is missing:</p>' +
      `<ul>${verdict.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul><p>Change your answers above if one was a mistake.</p>`;
    outcome.hidden = false;
    outcome.focus();
    return;
  }
  state.eligible = true;
  const draftCategories = getPath(state.draft, ['categories']);
  if (!Array.isArray(draftCategories) || !draftCategories.length)
    state.draft.categories = state.eligibility.categories.filter((c) => c !== 'none');
  save();
  showNomination(true);
}

// ---- Step 2: the nomination ----------------------------------------------------------------------

function showNomination(focus: boolean): void {
  byId('step-eligibility').hidden = true;
  byId('step-nomination').hidden = false;
  const unsure = judgeEligibility(state.eligibility).unsure;
  const note = byId('eligibility-note');
  note.hidden = !unsure.length;
  note.textContent = unsure.length
    ? `You were not sure about: ${unsure.map((id) => ELIGIBILITY_QUESTIONS.find((q) => q.id === id)!.message).join(' ')} The questions below ask for the evidence; reviewers will look at it.`
    : '';
  renderNomination();
  if (focus) byId('step-nomination-title').focus();
}

function renderNomination(): void {
  const active = document.activeElement?.id;
  ensureEntries(state.draft, (entry) => added.has(entry));
  const rendered = renderFields(state.draft);
  bindings = rendered.bindings;
  byId('nomination-fields').innerHTML = rendered.html;
  if (active) document.getElementById(active)?.focus();
  if (submitted) validate(false);
}

function scopeOf(binding: Binding): Scope {
  if (!binding.group || binding.index === undefined) return { root: state.draft, item: state.draft };
  const list = getPath(state.draft, binding.group.path);
  return { root: state.draft, item: ((Array.isArray(list) ? list[binding.index] : undefined) as Draft) ?? {} };
}

/** The value a field holds, shaped as the nomination holds it; what cannot be normalised is kept as written, for the engine to report. */
function fieldValue(id: string, binding: Binding, scope: Scope): unknown {
  const { question } = binding;
  const form = byId<HTMLFormElement>('nomination');
  if (question.kind === 'boolean' || question.kind === 'select') {
    const checked = form.querySelector<HTMLInputElement>(`input[name="${id}"]:checked`);
    if (!checked) return undefined;
    if (question.kind === 'boolean') return checked.value === 'true';
    return resolveChoices(question, scope).find((c) => String(c.value) === checked.value)?.value;
  }
  if (question.kind === 'multi') {
    const values = [...form.querySelectorAll<HTMLInputElement>(`input[name="${id}"]:checked`)].map((i) => i.value);
    const choices = resolveChoices(question, scope);
    return values.map((v) => choices.find((c) => String(c.value) === v)?.value ?? v);
  }
  const raw = byId<HTMLInputElement | HTMLTextAreaElement>(id).value;
  if (question.kind === 'list' || question.kind === 'urls' || question.kind === 'countries') {
    const result = normaliseAnswer(question, raw, scope);
    return 'value' in result ? result.value : splitList(raw, question.separator);
  }
  return raw.trim() === '' ? undefined : raw.trim();
}

function update(target: HTMLElement): boolean {
  const id = target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox') ? target.name : target.id;
  const binding = bindings.get(id);
  if (!binding) return false;
  const scope = scopeOf(binding);
  const value = fieldValue(id, binding, scope);
  if (binding.keyed && binding.group?.keyedBy) {
    // Choosing the SDGs makes one entry per goal; the answers of goals kept stay.
    const keyPath = binding.group.keyedBy.path;
    const old = (getPath(state.draft, binding.group.path) ?? []) as Draft[];
    const goals = (Array.isArray(value) ? value : []).slice().sort((a, b) => Number(a) - Number(b));
    const list = goals.map((goal) => old.find((e) => getPath(e, keyPath) === goal) ?? { [keyPath[0]!]: goal });
    setPath(state.draft, binding.group.path, list.length ? list : undefined);
  } else {
    setPath(scope.item, binding.question.path, Array.isArray(value) && !value.length && binding.question.min !== 0 ? undefined : value);
  }
  save();
  return true;
}

function onInput(event: Event): void {
  const target = event.target as HTMLElement;
  if (target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox')) return;
  update(target);
}

function onChange(event: Event): void {
  const target = event.target as HTMLElement;
  if (!update(target)) return;
  // What is asked follows from the answers: a choice may open or close questions.
  if (target instanceof HTMLInputElement && (target.type === 'radio' || target.type === 'checkbox')) renderNomination();
  else if (submitted) validate(false);
}

function onClick(event: Event): void {
  const button = (event.target as HTMLElement).closest('button');
  if (!button) return;
  const add = button.dataset.add;
  const remove = button.dataset.remove;
  if (add === undefined && remove === undefined) return;
  const path = (add ?? remove)!.split('/');
  const list = [...((getPath(state.draft, path) ?? []) as Draft[])];
  if (add !== undefined) {
    const entry: Draft = {};
    added.add(entry);
    list.push(entry);
  } else list.splice(Number(button.dataset.index), 1);
  setPath(state.draft, path, list.length ? list : undefined);
  save();
  renderNomination();
  if (add !== undefined) {
    const entry = document.getElementById(fieldId([...path, list.length - 1]));
    entry?.querySelector<HTMLElement>('input, textarea')?.focus();
  }
}

/** The element a problem is shown at: its field, else the nearest list or entry containing it. */
function placeOf(path: string): string | undefined {
  const segments = dottedSegments(path);
  for (let n = segments.length; n > 0; n--) {
    const id = fieldId(segments.slice(0, n));
    if (document.getElementById(`e-${id}`)) return id;
  }
  return undefined;
}

function problemHtml(problem: FormProblem): string {
  return (
    `<p class="problem ${problem.severity}"${problem.ruleId ? ` data-rule="${escapeHtml(problem.ruleId)}"` : ''}>` +
    `${problem.severity === 'warning' ? '<span class="severity">Warning:</span> ' : ''}<span class="message">${escapeHtml(problem.message)}</span>` +
    `${problem.ruleId ? ` <code class="rule">${escapeHtml(problem.ruleId)}</code>` : ''}</p>`
  );
}

function validate(focusSummary: boolean): void {
  const result = checkForm(state.draft, settings, new Date());
  const form = byId('nomination');
  for (const slot of form.querySelectorAll('.field-error')) slot.innerHTML = '';
  for (const field of form.querySelectorAll('[aria-invalid]')) field.removeAttribute('aria-invalid');
  const items: Array<{ href: string; text: string }> = [];
  for (const problem of result.problems) {
    const id = placeOf(problem.path);
    if (id) {
      byId(`e-${id}`).insertAdjacentHTML('beforeend', problemHtml(problem));
      if (problem.severity === 'error') byId(id).setAttribute('aria-invalid', 'true');
    }
    if (problem.severity === 'error') items.push({ href: id ?? 'nomination', text: `${problem.path}: ${problem.message}` });
  }
  const summary = byId('nomination-summary');
  const output = byId('nomination-output');
  if (items.length) {
    output.hidden = true;
    if (focusSummary)
      showSummary(summary, items, `${items.length} answer${items.length === 1 ? '' : 's'} need${items.length === 1 ? 's' : ''} attention`);
    else if (!summary.hidden)
      summary.querySelector('ul')!.innerHTML = items
        .map((i) => `<li><a href="#${escapeHtml(i.href)}">${escapeHtml(i.text)}</a></li>`)
        .join('');
    return;
  }
  summary.hidden = true;
  if (focusSummary && result.yaml && result.file && result.slug) showOutput(result.yaml, result.file, result.slug);
}

let downloadUrl: string | undefined;

function showOutput(yaml: string, file: string, slug: string): void {
  byId('yaml-file-name').textContent = file;
  byId('yaml-text').textContent = yaml;
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
  const download = byId<HTMLAnchorElement>('download');
  download.href = downloadUrl;
  download.download = `${slug}.yaml`;
  const github = byId<HTMLAnchorElement>('open-github');
  const githubNote = byId('github-note');
  if (repository) {
    github.href = githubNewFileUrl(repository, page.branch || 'main', file, yaml);
    github.hidden = false;
    githubNote.textContent = `Opens GitHub's page for adding ${file} to ${repository}, filled in: sign in, then propose the file; GitHub makes a fork and a pull request for you.`;
  } else {
    github.hidden = true;
    githubNote.textContent = `Download the file and add it as ${file} in a pull request to the registry's repository.`;
  }
  const output = byId('nomination-output');
  output.hidden = false;
  byId('nomination-output-title').focus();
}

function submitNomination(event: Event): void {
  event.preventDefault();
  submitted = true;
  validate(true);
}

function startOver(): void {
  if (!confirm('Remove the answers kept in this browser and start again?')) return;
  localStorage.removeItem(STORAGE_KEY);
  location.reload();
}

renderEligibility();
byId('eligibility').addEventListener('submit', submitEligibility);
byId('eligibility').addEventListener('change', readEligibility);
const nomination = byId('nomination');
nomination.addEventListener('input', onInput);
nomination.addEventListener('change', onChange);
nomination.addEventListener('click', onClick);
nomination.addEventListener('submit', submitNomination);
byId('back-to-eligibility').addEventListener('click', () => {
  byId('step-nomination').hidden = true;
  byId('step-eligibility').hidden = false;
  byId('step-eligibility-title').focus();
});
byId('start-over').addEventListener('click', startOver);
if (state.eligible && judgeEligibility(state.eligibility).eligible) showNomination(false);
