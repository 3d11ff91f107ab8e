import { CURRENT_STANDARD_VERSION } from '../core/standard-versions.js';
import { possibleParts, requiredParts } from '../licenses/approval.js';
import { CATEGORY_PARTS, PART_POLICIES } from '../licenses/policy.js';
import { asArray, asRecord, type Category, type LicensedPart } from '../core/nomination.js';
import { personalDataReason } from '../rules/privacy/pii-requirements.js';
import { PLACEHOLDER_EVIDENCE } from '../rules/sdg/evidence-required.js';
import { SDG_TITLES, sdgTitle } from '../core/sdgs.js';

/**
 * The questions of `dpg new`, as data: each names the schema path it fills, its prompt, the kind of
 * answer, when it is asked (mirroring the schema's if/then conditions and the rules' requirements)
 * and whether it must be answered. The interactive wizard and the answers-file mode both walk this
 * table, so they ask for, and check, exactly the same things.
 */

export type Draft = Record<string, unknown>;

export interface Scope {
  /** The nomination being written. */
  root: Draft;
  /** The list entry being written (an organisation, a licence), or the root. */
  item: Draft;
}

type Kind =
  | 'text' // one non-empty line
  | 'url'
  | 'urls' // several URLs
  | 'list' // several texts
  | 'country'
  | 'countries'
  | 'spdx'
  | 'boolean'
  | 'select' // one of the choices
  | 'multi'; // some of the choices

export interface Choice {
  value: string | number | boolean;
  name: string;
  description?: string;
}

export interface Question {
  type: 'question';
  /** Where the answer goes, relative to the scope's item. */
  path: readonly string[];
  kind: Kind;
  message: string | ((scope: Scope) => string);
  /** How to write the answer, shown after the question (e.g. "separate with commas"). */
  hint?: string;
  /** Asked only when this holds; otherwise the answer is not needed. */
  when?: (scope: Scope) => boolean;
  /** Must be answered (when asked). Optional questions can be left empty. */
  required: boolean | ((scope: Scope) => boolean);
  choices?: readonly Choice[] | ((scope: Scope) => readonly Choice[]);
  /** Fewest items of a list answer; 0 lets an empty list be the answer. */
  min?: number;
  maxLength?: number;
  /** Items of a `list` answer are separated by this; "," also gives way to ";" when the answer holds one. */
  separator?: ',' | ';';
  /** The answer offered when the prompt opens (interactive mode only). */
  default?: unknown;
  /** A check beyond the kind's (the rules of the Standard are checked as well, by the engine). */
  check?: (value: unknown, scope: Scope, env: CheckEnv) => string | undefined;
  /** Rules whose findings say the same as this question's "not answered". */
  rules?: readonly string[];
}

export interface Group {
  type: 'group';
  /** Where the list goes, from the root. */
  path: readonly string[];
  /** One entry, in plain words ("organisation"). */
  noun: string;
  /** Fewest entries. */
  min: number | ((scope: Scope) => number);
  when?: (scope: Scope) => boolean;
  /**
   * When set, the entries are chosen at once by this question (the SDGs), which fills this key of
   * each entry; the other questions are then asked per entry. Otherwise entries are added one by
   * one, and leaving the first question empty ends the list.
   */
  keyedBy?: Question;
  questions: readonly Question[];
  /** A requirement of the whole list (an owner, a licence for every part). */
  check?: (entries: readonly Draft[], scope: Scope) => string | undefined;
  /** Rules whose findings say the same as this list's problems. */
  rules?: readonly string[];
}

export interface Section {
  type: 'section';
  title: string;
  /** A line of plain-language help printed under the title. */
  intro: string;
}

export type Step = Question | Group | Section;

/** What checks need from outside the answers. */
export interface CheckEnv {
  /** Why the nomination cannot be named this (its file exists already), if it cannot. */
  nameProblem(name: string): string | undefined;
  /** The most SDGs a nomination may claim (`sdg/max-goals`). */
  maxGoals: number;
}

const CATEGORY_CHOICES: readonly Choice[] = [
  { value: 'software', name: 'software', description: 'Open-source software (needs a repository and an OSI-approved licence)' },
  { value: 'content', name: 'content', description: 'Open content: text, images, courses, books (Creative Commons licences)' },
  { value: 'data', name: 'data', description: 'An open data set (Open Definition licences such as CC-BY-4.0 or ODbL-1.0)' },
  { value: 'ai-model', name: 'ai-model', description: 'An open AI model (open licences for its code and its weights)' },
  { value: 'standard', name: 'standard', description: 'An open standard (its specification under an open licence)' },
];

const ROLE_CHOICES: readonly Choice[] = [
  { value: 'owner', name: 'owner', description: 'holds the rights to the solution' },
  { value: 'maintainer', name: 'maintainer' },
  { value: 'funder', name: 'funder' },
  { value: 'implementer', name: 'implementer' },
  { value: 'developer', name: 'developer' },
];

const PART_DESCRIPTIONS: Record<LicensedPart, string> = {
  code: 'the source code',
  content: 'the content',
  data: 'the data',
  model: 'the AI model weights',
  specification: 'the text of the specification',
};

function ladder(subject: string): readonly Choice[] {
  return [
    { value: 'none', name: `none — ${subject} is not collected, not stored, not distributed` },
    { value: 'collected', name: `collected — ${subject} is collected, but not stored and not distributed` },
    { value: 'stored', name: `stored — ${subject} is collected and stored, but not distributed` },
    { value: 'distributed', name: `distributed — ${subject} is collected, stored and distributed (published or shared)` },
  ];
}

function categoriesOf(root: Draft): Category[] {
  return asArray(root.categories).filter((c): c is Category => typeof c === 'string' && Object.hasOwn(CATEGORY_PARTS, c));
}

function at(root: Draft, ...keys: string[]): unknown {
  let node: unknown = root;
  for (const key of keys) node = asRecord(node)[key];
  return node;
}

const needsRepository = ({ root }: Scope) => categoriesOf(root).some((c) => c === 'software' || c === 'ai-model');
const ownsEverything = ({ root }: Scope) => at(root, 'ownership', 'ownsAllComponents') !== false;
const hasClosedComponents = ({ root }: Scope) => at(root, 'platformIndependence', 'hasClosedComponents') === true;
const handlesNonPii = ({ root }: Scope) => at(root, 'dataExtraction', 'handlesNonPii') === true;
const collectsPii = ({ root }: Scope) => {
  const level = at(root, 'doNoHarm', 'dataPrivacySecurity', 'piiHandling');
  return typeof level === 'string' && level !== 'none';
};
const sharesPii = ({ root }: Scope) => at(root, 'doNoHarm', 'dataPrivacySecurity', 'thirdPartySharing') === true;
const handlesPersonalData = ({ root }: Scope) => personalDataReason(root) !== undefined;
const isAiModel = ({ root }: Scope) => categoriesOf(root).includes('ai-model');
const handlesContent = ({ root }: Scope) => {
  const level = at(root, 'doNoHarm', 'inappropriateContent', 'contentHandling');
  return typeof level === 'string' && level !== 'none';
};
const usersInteract = ({ root }: Scope) => at(root, 'doNoHarm', 'harassmentProtection', 'userInteraction') === true;

function solutionName(root: Draft): string {
  return typeof root.name === 'string' && root.name ? root.name : 'the solution';
}

const PII_RULES = ['privacy/pii-requirements'];

/**
 * The check of an answer reviewers judge as evidence: the placeholders `sdg/evidence-required`
 * refuses for the SDGs ("yes", "n/a", "TBD") are no answer to these questions either.
 */
function placeholderProblem(value: unknown): string | undefined {
  return typeof value === 'string' && PLACEHOLDER_EVIDENCE.test(value.trim())
    ? `"${value.trim()}" is a placeholder, not an answer reviewers can judge; say in a sentence or two what is done (links welcome).`
    : undefined;
}

const LIST_HINT = 'separate with commas, or with semicolons when a name contains a comma';

function evidencedItems(path: readonly string[], noun: string, first: string): Group {
  return {
    type: 'group',
    path,
    noun,
    min: 0,
    questions: [
      { type: 'question', path: ['name'], kind: 'text', message: first, required: true },
      {
        type: 'question',
        path: ['evidenceUrl'],
        kind: 'url',
        required: false,
        message: ({ item }) => `Evidence that "${String(item.name)}" is followed: a validator result, test suite or documentation page`,
        hint: 'URL; leave empty to explain in words instead',
      },
      {
        type: 'question',
        path: ['evidenceText'],
        kind: 'text',
        check: placeholderProblem,
        message: ({ item }) => `How is "${String(item.name)}" followed?`,
        rules: ['standards/evidence-required'],
        required: ({ item }) => item.evidenceUrl === undefined,
        hint: 'optional when you gave a URL',
      },
    ],
  };
}

export const STEPS: readonly Step[] = [
  { type: 'section', title: 'About the solution', intro: 'Who and what the solution is.' },
  {
    type: 'question',
    path: ['name'],
    kind: 'text',
    required: true,
    maxLength: 200,
    message: 'What is the name of the solution, as its owners write it?',
    check: (value, _scope, env) => env.nameProblem(String(value)),
  },
  {
    type: 'question',
    path: ['aliases'],
    kind: 'list',
    required: false,
    min: 0,
    message: 'Other names it is known by (acronyms, former names)',
    hint: `optional; ${LIST_HINT}`,
  },
  {
    type: 'question',
    path: ['description'],
    kind: 'text',
    required: true,
    maxLength: 2000,
    message: ({ root }) => `Describe ${solutionName(root)} in one or two sentences: what is it, and whom does it serve?`,
  },
  { type: 'question', path: ['website'], kind: 'url', required: true, message: 'Its public website', hint: 'https://…' },
  {
    type: 'question',
    path: ['logo'],
    kind: 'text',
    required: false,
    rules: ['identity/logo'],
    message:
      'Its logo, for the published website: an https URL of the image, or an image file in the registry folder such as logos/name.png',
    hint: 'optional',
  },
  {
    type: 'question',
    path: ['categories'],
    kind: 'multi',
    required: true,
    min: 1,
    choices: CATEGORY_CHOICES,
    message: 'What kind of digital public good is it?',
    hint: 'space to select, enter to confirm; a solution may be several',
  },
  {
    type: 'group',
    path: ['repositories'],
    noun: 'repository',
    rules: ['identity/repository-required'],
    min: (scope) => (needsRepository(scope) ? 1 : 0),
    questions: [
      {
        type: 'question',
        path: ['url'],
        kind: 'url',
        required: true,
        message: "The URL of a source repository (the repository itself, not the organisation's page)",
      },
      {
        type: 'question',
        path: ['name'],
        kind: 'text',
        required: false,
        message: 'A short label for this repository',
        hint: 'optional, e.g. "main" or "mobile app"',
      },
    ],
  },
  {
    type: 'group',
    path: ['organizations'],
    noun: 'organisation',
    min: 1,
    rules: ['ownership/owner-listed'],
    questions: [
      { type: 'question', path: ['name'], kind: 'text', required: true, message: 'The name of an organisation involved with the solution' },
      {
        type: 'question',
        path: ['website'],
        kind: 'url',
        required: false,
        message: ({ item }) => `The website of ${String(item.name)}`,
        hint: 'optional',
      },
      {
        type: 'question',
        path: ['roles'],
        kind: 'multi',
        required: true,
        min: 1,
        choices: ROLE_CHOICES,
        message: ({ item }) => `What does ${String(item.name)} do for the solution?`,
        hint: 'space to select, enter to confirm',
      },
      {
        type: 'question',
        path: ['country'],
        kind: 'country',
        rules: ['ownership/owner-country'],
        required: ({ item }) => asArray(item.roles).includes('owner'),
        message: ({ item }) => `In which country is ${String(item.name)} registered?`,
        hint: 'its English name, e.g. Kenya; needed for the owner',
      },
    ],
    check: (entries) =>
      entries.some((e) => asArray(e.roles).includes('owner'))
        ? undefined
        : 'No organisation has the role "owner"; add the organisation that owns the solution (for people without an organisation, enter their names as one entry).',
  },
  {
    type: 'question',
    path: ['sectors'],
    kind: 'list',
    required: true,
    min: 1,
    message: 'Which sectors does it serve?',
    hint: `e.g. Health, Education, Agriculture; ${LIST_HINT}`,
  },
  {
    type: 'question',
    path: ['countries', 'development'],
    kind: 'countries',
    required: true,
    min: 0,
    message: 'In which countries is it developed?',
    hint: `${LIST_HINT}; may be left empty`,
  },
  {
    type: 'question',
    path: ['countries', 'deployment'],
    kind: 'countries',
    required: true,
    min: 0,
    message: 'In which countries is it deployed or used?',
    hint: `${LIST_HINT}; may be left empty`,
  },

  {
    type: 'section',
    title: 'Indicator 1 — Relevance to the SDGs',
    intro: 'Claim only the goals the solution demonstrably serves, each with evidence.',
  },
  {
    type: 'group',
    path: ['sdgs'],
    noun: 'SDG',
    min: 1,
    rules: ['sdg/max-goals'],
    keyedBy: {
      type: 'question',
      path: ['goal'],
      kind: 'multi',
      required: true,
      min: 1,
      choices: SDG_TITLES.map((title, index) => ({ value: index + 1, name: `${index + 1}. ${title}` })),
      message: 'Which Sustainable Development Goals does it contribute to?',
      hint: 'space to select, enter to confirm',
      check: (value, _scope, env) => {
        const count = asArray(value).length;
        return count > env.maxGoals
          ? `${count} goals are selected, more than ${env.maxGoals}; keep the goals whose targets the solution demonstrably serves.`
          : undefined;
      },
    },
    questions: [
      // The link first: the text is then required only without one, and checked as the rule checks it.
      {
        type: 'question',
        path: ['evidenceUrl'],
        kind: 'url',
        required: false,
        message: ({ item }) =>
          `SDG ${String(item.goal)} (${sdgTitle(Number(item.goal)) ?? '?'}): a public page showing the contribution (case study, report, evaluation)`,
        hint: 'optional; leave empty to explain in words instead',
      },
      {
        type: 'question',
        path: ['evidenceText'],
        kind: 'text',
        required: ({ item }) => item.evidenceUrl === undefined,
        rules: ['sdg/evidence-required'],
        message: ({ item }) => `SDG ${String(item.goal)}: how does the solution contribute to this goal's targets?`,
        hint: 'a sentence or two; optional when you gave a link',
      },
    ],
  },

  {
    type: 'section',
    title: 'Indicator 2 — Use of an approved open licence',
    intro: 'Software needs an OSI-approved licence; content Creative Commons BY, BY-SA or CC0 (no ND); data an Open Definition licence.',
  },
  {
    type: 'group',
    path: ['licenses'],
    noun: 'licence',
    min: 1,
    questions: [
      {
        type: 'question',
        path: ['covers'],
        kind: 'multi',
        min: 1,
        when: ({ root }) => possibleParts(categoriesOf(root)).length > 1,
        required: true,
        choices: ({ root }) =>
          possibleParts(categoriesOf(root)).map((part) => ({ value: part, name: part, description: PART_DESCRIPTIONS[part] })),
        message: 'Which parts of the solution does this licence cover?',
        hint: 'space to select, enter to confirm',
      },
      {
        type: 'question',
        path: ['spdx'],
        kind: 'spdx',
        required: true,
        message: 'Its SPDX licence identifier or expression',
        hint: 'e.g. Apache-2.0, GPL-3.0-or-later, CC-BY-4.0, MIT OR Apache-2.0',
      },
      {
        type: 'question',
        path: ['evidenceUrl'],
        kind: 'url',
        required: true,
        message: ({ item }) => `A public page that names ${String(item.spdx)}: the licence file in the repository, or a licence page`,
      },
    ],
    check: (entries, { root }) => {
      const categories = categoriesOf(root);
      const covered = new Set<LicensedPart>();
      for (const entry of entries) {
        const parts = entry.covers === undefined ? requiredParts(categories) : asArray(entry.covers);
        for (const part of parts) covered.add(part as LicensedPart);
      }
      const missing = requiredParts(categories).find((part) => !covered.has(part));
      if (!missing) return undefined;
      const { label, requirement } = PART_POLICIES[missing];
      return `No licence covers the ${label} yet; add one that covers ${missing} (${requirement}).`;
    },
  },

  { type: 'section', title: 'Indicator 3 — Clear ownership', intro: 'Who owns the solution, and the evidence of it.' },
  {
    type: 'question',
    path: ['ownership', 'ownerType'],
    kind: 'select',
    required: true,
    choices: [
      { value: 'organization', name: 'an organisation' },
      { value: 'individuals', name: 'individuals (no organisation owns it)' },
    ],
    message: 'Who owns the solution?',
  },
  {
    type: 'question',
    path: ['ownership', 'evidenceUrls'],
    kind: 'urls',
    required: true,
    min: 1,
    message: 'Links to the copyright notice, trademark, terms of service or other proof of ownership',
    hint: 'separate several with spaces',
  },
  {
    type: 'question',
    path: ['ownership', 'ownsAllComponents'],
    kind: 'boolean',
    required: true,
    default: true,
    message: 'Does the owner own all the code, content and data (for AI models: the training data and the code)?',
  },
  {
    type: 'question',
    path: ['ownership', 'redistributionEvidence'],
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: (scope) => !ownsEverything(scope),
    message: 'What gives the owner the right to redistribute what it does not own (contributor licence agreements, licensing agreements)?',
    hint: 'include links',
  },

  {
    type: 'section',
    title: 'Indicator 4 — Platform independence',
    intro: 'What the solution depends on, and whether anything closed locks users in.',
  },
  {
    type: 'question',
    path: ['platformIndependence', 'coreDependencies'],
    kind: 'list',
    required: true,
    min: 1,
    message: 'Its core dependencies: languages, frameworks, databases',
    hint: `e.g. Java, PostgreSQL; ${LIST_HINT}`,
  },
  {
    type: 'question',
    path: ['platformIndependence', 'hasClosedComponents'],
    kind: 'boolean',
    required: true,
    default: false,
    message: 'Does any mandatory closed-source component create a proprietary dependency?',
  },
  {
    type: 'question',
    path: ['platformIndependence', 'openAlternatives'],
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: hasClosedComponents,
    message: 'Which open alternatives replace the closed components, and how (with minimal configuration changes)?',
  },

  {
    type: 'section',
    title: 'Indicator 5 — Documentation',
    intro: 'Enough for a stranger to launch and run it (data: a data dictionary; AI: a model card).',
  },
  {
    type: 'question',
    path: ['documentation', 'urls'],
    kind: 'urls',
    required: true,
    min: 1,
    message: 'Links to the documentation',
    hint: 'separate several with spaces',
  },
  {
    type: 'question',
    path: ['documentation', 'notes'],
    kind: 'text',
    required: false,
    message: 'Anything reviewers should know about the documentation?',
    hint: 'optional',
  },

  {
    type: 'section',
    title: 'Indicator 6 — Mechanism for extracting data and content',
    intro: 'Whether non-personal data can be exported in open formats.',
  },
  {
    type: 'question',
    path: ['dataExtraction', 'handlesNonPii'],
    kind: 'boolean',
    required: true,
    default: true,
    message: 'Does the solution collect, use or generate non-personal data or content?',
  },
  {
    type: 'question',
    path: ['dataExtraction', 'mechanism'],
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: handlesNonPii,
    message: 'How can that data and content be exported and imported in non-proprietary formats (downloads, open APIs)?',
  },
  {
    type: 'question',
    path: ['dataExtraction', 'formats'],
    kind: 'list',
    required: false,
    min: 0,
    when: handlesNonPii,
    message: 'Which open formats are offered?',
    hint: `optional, e.g. CSV, JSON; ${LIST_HINT}`,
  },

  {
    type: 'section',
    title: 'Indicator 7 and 9a — Privacy and personal data',
    intro: 'Personal data (PII) is anything that identifies a person: names, phone numbers, e-mail addresses, locations, voices.',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'dataPrivacySecurity', 'piiHandling'],
    kind: 'select',
    required: true,
    choices: ladder('personal data'),
    message: 'How far does the solution handle personal data (PII)?',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'dataPrivacySecurity', 'piiTypes'],
    kind: 'list',
    required: true,
    min: 1,
    when: collectsPii,
    message: 'Which types of personal data?',
    hint: `e.g. Name, Phone number; ${LIST_HINT}`,
  },
  {
    type: 'question',
    path: ['doNoHarm', 'dataPrivacySecurity', 'thirdPartySharing'],
    kind: 'boolean',
    required: true,
    default: false,
    when: collectsPii,
    message: 'Is personal data shared with third parties?',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'dataPrivacySecurity', 'sharingCircumstances'],
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: sharesPii,
    message: 'With whom is it shared, and in which circumstances?',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'dataPrivacySecurity', 'safeguards'],
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: collectsPii,
    message: 'How are the privacy, security and integrity of personal data ensured?',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'dataPrivacySecurity', 'trainingDataPii'],
    rules: ['harm/ai-training-data'],
    kind: 'boolean',
    required: true,
    default: false,
    when: isAiModel,
    message: "Does the model's training data contain personal data?",
  },
  {
    type: 'question',
    path: ['privacy', 'laws'],
    kind: 'list',
    required: true,
    min: 1,
    message: 'Which privacy, domestic and international laws does it comply with?',
    hint: `e.g. GDPR; ${LIST_HINT}`,
  },
  {
    type: 'question',
    path: ['privacy', 'evidenceUrls'],
    kind: 'urls',
    required: handlesPersonalData,
    min: 1,
    rules: ['privacy/evidence-required'],
    message: 'Links to the privacy policy or terms of service showing it adheres to them',
    hint: 'separate several with spaces; needed when personal data is handled',
  },
  {
    type: 'question',
    path: ['privacy', 'adherenceSteps'],
    kind: 'list',
    required: false,
    min: 0,
    separator: ';',
    message: 'Steps taken to comply with these laws',
    hint: 'optional; separate steps with semicolons',
  },
  {
    type: 'question',
    path: ['privacy', 'piiRequirements', 'isMinimal'],
    rules: PII_RULES,
    kind: 'boolean',
    required: true,
    default: true,
    when: handlesPersonalData,
    message: '2025 privacy question 1 — Is the personal data collected the minimum the solution needs to function?',
  },
  {
    type: 'question',
    path: ['privacy', 'piiRequirements', 'minimisationExplanation'],
    rules: PII_RULES,
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: handlesPersonalData,
    message: ({ root }) =>
      at(root, 'privacy', 'piiRequirements', 'isMinimal') === false
        ? 'Why is more personal data collected than the minimum needed?'
        : 'Why is it the minimum needed?',
  },
  {
    type: 'question',
    path: ['privacy', 'piiRequirements', 'consentNotice'],
    rules: PII_RULES,
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: handlesPersonalData,
    message: '2025 privacy question 2 — How does the solution tell users that their personal data is being collected?',
  },
  {
    type: 'question',
    path: ['privacy', 'piiRequirements', 'policyUrl'],
    rules: PII_RULES,
    kind: 'url',
    required: true,
    when: handlesPersonalData,
    message:
      '2025 privacy question 3 — A privacy policy covering consent, the purposes of processing and how data-subject requests are handled',
    hint: 'URL',
  },
  {
    type: 'question',
    path: ['privacy', 'piiRequirements', 'processing'],
    rules: PII_RULES,
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: handlesPersonalData,
    message: '2025 privacy question 4 — In which parts of the solution is personal data processed, and which components can access it?',
  },
  {
    type: 'question',
    path: ['privacy', 'piiRequirements', 'deletion'],
    rules: PII_RULES,
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: handlesPersonalData,
    message: '2025 privacy question 5 — How can personal data be deleted, and how long is it kept?',
  },

  {
    type: 'section',
    title: 'Indicator 8 — Adherence to standards and best practices',
    intro: 'At least one open standard or best practice, each with evidence that it is followed.',
  },
  evidencedItems(['standards', 'openStandards'], 'open standard', 'Name an open standard the solution supports (e.g. HL7 FHIR, OpenAPI)'),
  {
    ...evidencedItems(
      ['standards', 'bestPractices'],
      'best practice',
      'Name a best practice or principle it follows (e.g. Principles for Digital Development)',
    ),
    rules: ['standards/evidence-required'],
    check: (entries: readonly Draft[], { root }: Scope) =>
      entries.length || asArray(at(root, 'standards', 'openStandards')).length
        ? undefined
        : 'List at least one open standard or best practice, e.g. the Principles for Digital Development.',
  },

  { type: 'section', title: 'Indicator 9 — Do no harm by design', intro: 'How the solution anticipates and prevents harm.' },
  {
    type: 'question',
    path: ['doNoHarm', 'preventionSteps'],
    kind: 'text',
    check: placeholderProblem,
    required: true,
    message: 'Which steps are taken to anticipate, prevent and do no harm?',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'inappropriateContent', 'contentHandling'],
    kind: 'select',
    required: true,
    choices: ladder('content made or uploaded by users'),
    message: '9b — How far does the solution handle content made or uploaded by its users?',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'inappropriateContent', 'contentTypes'],
    kind: 'list',
    required: true,
    min: 1,
    when: handlesContent,
    message: 'Which types of content?',
    hint: `e.g. Photos, Comments; ${LIST_HINT}`,
  },
  {
    type: 'question',
    path: ['doNoHarm', 'inappropriateContent', 'policyUrl'],
    kind: 'url',
    required: true,
    when: handlesContent,
    message: 'The policy identifying inappropriate and illegal content (such as child sexual abuse material)',
    hint: 'URL',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'inappropriateContent', 'moderationProcess'],
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: handlesContent,
    message: 'How is such content detected, moderated, reported and removed?',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'inappropriateContent', 'responseTime'],
    kind: 'text',
    required: false,
    when: handlesContent,
    message: 'How quickly is reported content acted on?',
    hint: 'optional, e.g. within 24 hours',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'harassmentProtection', 'userInteraction'],
    kind: 'boolean',
    required: true,
    default: false,
    message: '9c — Does the solution let users or contributors interact with each other?',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'harassmentProtection', 'protectionMeasures'],
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: usersInteract,
    message: 'How can users protect themselves against grief, abuse and harassment (code of conduct, blocking, reporting)?',
  },
  {
    type: 'question',
    path: ['doNoHarm', 'harassmentProtection', 'underageSafety'],
    kind: 'text',
    check: placeholderProblem,
    required: true,
    when: usersInteract,
    message: 'How is the safety of underage users ensured?',
  },

  {
    type: 'section',
    title: 'Attestation',
    intro: 'The answers to indicators 7 to 9 must come from someone authorised to speak for the project (name and title only).',
  },
  {
    type: 'question',
    path: ['attestation', 'name'],
    kind: 'text',
    required: false,
    message: 'Who answered indicators 7 to 9? Their name',
    hint: 'optional; no contact details, the file is public',
  },
  {
    type: 'question',
    path: ['attestation', 'title'],
    kind: 'text',
    required: true,
    when: ({ root }) => at(root, 'attestation', 'name') !== undefined,
    message: ({ root }) => `The title or role of ${String(at(root, 'attestation', 'name'))} in the owning organisation`,
  },
];

/** Top-level keys the wizard writes without asking. */
export const FIXED_ANSWERS: Readonly<Draft> = { stage: 'nominee', standardVersion: CURRENT_STANDARD_VERSION };

export function resolveMessage(question: Question, scope: Scope): string {
  return typeof question.message === 'function' ? question.message(scope) : question.message;
}

export function resolveChoices(question: Question, scope: Scope): readonly Choice[] {
  return typeof question.choices === 'function' ? question.choices(scope) : (question.choices ?? []);
}

export function isRequired(question: Question, scope: Scope): boolean {
  return typeof question.required === 'function' ? question.required(scope) : question.required;
}

export function isAsked(step: Question | Group, scope: Scope): boolean {
  return step.when ? step.when(scope) : true;
}

export function minimum(group: Group, scope: Scope): number {
  return typeof group.min === 'function' ? group.min(scope) : group.min;
}
