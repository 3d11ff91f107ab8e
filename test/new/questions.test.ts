import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { checkAnswers } from '../../src/new/answers.js';
import { RuleChecker } from '../../src/new/checker.js';
import { STEPS, type CheckEnv, type Draft, type Question } from '../../src/new/questions.js';
import { normaliseAnswer } from '../../src/new/values.js';
import { BACK, runWizard, Wizard, type Prompter, type WizardChecks } from '../../src/new/wizard.js';
import { REPO_ROOT } from '../support/cli.js';
import { TEST_NOW } from '../support/validate.js';

const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/nomination.schema.json'), 'utf8')) as SchemaNode;
const EXAMPLE = parse(readFileSync(path.join(REPO_ROOT, 'examples/new-answers.yaml'), 'utf8')) as Draft;
const ENV: CheckEnv = { nameProblem: () => undefined, maxGoals: 8 };
/** Keys only maintainers write; `dpg new` sets the stage itself. */
const MAINTAINERS_ONLY = ['stage', 'standardVersion', 'review', 'delisting', 'waivers'];

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  required?: string[];
  $ref?: string;
  if?: SchemaNode;
  then?: SchemaNode;
  allOf?: SchemaNode[];
}

function resolve(node: SchemaNode): SchemaNode {
  return node.$ref ? resolve((schema as unknown as { $defs: Record<string, SchemaNode> }).$defs[node.$ref.replace('#/$defs/', '')]!) : node;
}

/** Every leaf field of the schema ("organizations[].roles") and every field some if/then requires. */
function schemaFields(node: SchemaNode, prefix: string, out: { leaves: Set<string>; required: Set<string> }): void {
  const target = resolve(node);
  const join = (key: string) => (prefix ? `${prefix}.${key}` : key);
  for (const key of target.required ?? []) out.required.add(join(key));
  for (const branch of [target, ...(target.allOf ?? [])]) for (const key of branch.then?.required ?? []) out.required.add(join(key));
  for (const [key, child] of Object.entries(target.properties ?? {})) {
    const resolved = resolve(child);
    const items = resolved.items ? resolve(resolved.items) : undefined;
    if (resolved.properties) schemaFields(resolved, join(key), out);
    else if (items?.properties) schemaFields(items, `${join(key)}[]`, out);
    else out.leaves.add(join(key));
  }
}

/** Every field the table of questions asks for, in the same notation. */
function askedFields(): Set<string> {
  const asked = new Set<string>();
  const add = (prefix: string, question: Question) => asked.add([prefix, ...question.path].filter(Boolean).join('.'));
  for (const step of STEPS) {
    if (step.type === 'question') add('', step);
    if (step.type === 'group') {
      const prefix = `${step.path.join('.')}[]`;
      asked.add(step.path.join('.'));
      for (const question of [...step.questions, ...(step.keyedBy ? [step.keyedBy] : [])]) add(prefix, question);
    }
  }
  return asked;
}

describe('the questions of dpg new', () => {
  const fields = { leaves: new Set<string>(), required: new Set<string>() };
  schemaFields(schema, '', fields);
  const asked = askedFields();
  const nominatorFields = (set: Set<string>) => [...set].filter((f) => !MAINTAINERS_ONLY.includes(f.split(/[.[]/)[0]!));

  it('ask for every field of the schema a nominator writes', () => {
    expect(nominatorFields(fields.leaves).length).toBeGreaterThan(50);
    expect(nominatorFields(fields.leaves).filter((f) => !asked.has(f))).toEqual([]);
  });

  it('ask for every field the schema requires, including the follow-ups of its if/then conditions', () => {
    const required = nominatorFields(fields.required);
    expect(required).toContain('ownership.redistributionEvidence');
    expect(required).toContain('doNoHarm.dataPrivacySecurity.sharingCircumstances');
    const covered = (field: string) => asked.has(field) || [...asked].some((a) => a.startsWith(`${field}.`) || a.startsWith(`${field}[]`));
    expect(required.filter((f) => !covered(f))).toEqual([]);
  });

  it('accept the example answers file without a problem', () => {
    expect(checkAnswers(EXAMPLE, ENV).problems).toEqual([]);
  });
});

/** The example answers with nested edits ([path, value]; undefined removes). */
function edited(...edits: Array<[string, unknown]>): Draft {
  const data = structuredClone(EXAMPLE);
  for (const [dotted, value] of edits) {
    const keys = dotted.split('.');
    let node = data as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    if (value === undefined) delete node[keys.at(-1)!];
    else node[keys.at(-1)!] = value;
  }
  return data;
}

const PII_ANSWERS = ['isMinimal', 'minimisationExplanation', 'consentNotice', 'policyUrl', 'processing', 'deletion'].map(
  (k) => `privacy.piiRequirements.${k}`,
);

describe("follow-up questions (the schema's if/then, and the rules)", () => {
  const noPii: Array<[string, unknown]> = [
    ['doNoHarm.dataPrivacySecurity', { piiHandling: 'none' }],
    ['privacy', { laws: ['GDPR'] }],
  ];
  const cases: Array<{ name: string; answers: Draft; needed: string[] }> = [
    {
      name: 'the owner owns everything: no redistribution evidence',
      answers: edited(['ownership.ownsAllComponents', true], ['ownership.redistributionEvidence', undefined]),
      needed: [],
    },
    {
      name: 'the owner does not own everything: redistribution evidence',
      answers: edited(['ownership.redistributionEvidence', undefined]),
      needed: ['ownership.redistributionEvidence'],
    },
    {
      name: 'closed components: their open alternatives',
      answers: edited(['platformIndependence.hasClosedComponents', true]),
      needed: ['platformIndependence.openAlternatives'],
    },
    { name: 'no non-personal data: no export mechanism', answers: edited(['dataExtraction', { handlesNonPii: false }]), needed: [] },
    {
      name: 'non-personal data: the export mechanism',
      answers: edited(['dataExtraction', { handlesNonPii: true }]),
      needed: ['dataExtraction.mechanism'],
    },
    {
      name: 'personal data collected: 9a details, privacy evidence and the 2025 answers',
      answers: edited(['doNoHarm.dataPrivacySecurity', { piiHandling: 'collected' }], ['privacy', { laws: ['GDPR'] }]),
      needed: [
        'doNoHarm.dataPrivacySecurity.piiTypes',
        'doNoHarm.dataPrivacySecurity.thirdPartySharing',
        'doNoHarm.dataPrivacySecurity.safeguards',
        'privacy.evidenceUrls',
        ...PII_ANSWERS,
      ],
    },
    { name: 'no personal data: none of the privacy follow-ups', answers: edited(...noPii), needed: [] },
    {
      name: 'personal data shared: the circumstances',
      answers: edited(['doNoHarm.dataPrivacySecurity.thirdPartySharing', true]),
      needed: ['doNoHarm.dataPrivacySecurity.sharingCircumstances'],
    },
    {
      name: 'user content stored: 9b details',
      answers: edited(['doNoHarm.inappropriateContent', { contentHandling: 'stored' }]),
      needed: [
        'doNoHarm.inappropriateContent.contentTypes',
        'doNoHarm.inappropriateContent.policyUrl',
        'doNoHarm.inappropriateContent.moderationProcess',
      ],
    },
    {
      name: 'users interact: 9c details',
      answers: edited(['doNoHarm.harassmentProtection', { userInteraction: true }]),
      needed: ['doNoHarm.harassmentProtection.protectionMeasures', 'doNoHarm.harassmentProtection.underageSafety'],
    },
    {
      name: 'an AI model: whether its training data holds personal data',
      answers: edited(
        ...noPii,
        ['categories', ['software', 'ai-model']],
        [
          'licenses',
          [
            {
              spdx: 'Apache-2.0',
              evidenceUrl: 'https://github.com/clinic-queue/clinic-queue-server/blob/main/LICENSE',
              covers: ['code', 'model'],
            },
          ],
        ],
      ),
      needed: ['doNoHarm.dataPrivacySecurity.trainingDataPii'],
    },
    {
      name: 'personal data in the training data: the 2025 answers',
      answers: edited(
        ...noPii,
        ['categories', ['software', 'ai-model']],
        ['doNoHarm.dataPrivacySecurity', { piiHandling: 'none', trainingDataPii: true }],
        [
          'licenses',
          [
            {
              spdx: 'Apache-2.0',
              evidenceUrl: 'https://github.com/clinic-queue/clinic-queue-server/blob/main/LICENSE',
              covers: ['code', 'model'],
            },
          ],
        ],
      ),
      needed: ['privacy.evidenceUrls', ...PII_ANSWERS],
    },
    { name: 'software without a repository: a repository', answers: edited(['repositories', undefined]), needed: ['repositories'] },
    {
      name: 'content needs no repository',
      answers: edited(
        ['categories', ['content']],
        ['repositories', undefined],
        ['licenses', [{ spdx: 'CC-BY-4.0', evidenceUrl: 'https://clinicqueue.example.org/license' }]],
      ),
      needed: [],
    },
  ];

  it.each(cases)('$name', ({ answers, needed }) => {
    const { problems } = checkAnswers(answers, ENV);
    expect(problems.map((p) => p.path)).toEqual(needed);
    for (const problem of problems) expect(problem.message).toMatch(/^needs (an answer|at least one)/);
  });
});

describe('checks of the answers', () => {
  const checker = new RuleChecker({ config: DEFAULT_CONFIG, now: TEST_NOW, context: [], fileFor: () => 'nominations/clinic-queue.yaml' });
  const problemsWith = (pointer: string, ...edits: Array<[string, unknown]>) =>
    checker.problemsAt(edited(['stage', 'nominee'], ...edits), pointer);
  const country = STEPS.flatMap((s) => (s.type === 'group' ? s.questions : [])).find((q) => q.kind === 'country')!;
  const countries = STEPS.find((s): s is Question => s.type === 'question' && s.kind === 'countries')!;
  const scope = { root: {}, item: {} };

  it('suggests the SPDX id of a licence written loosely', () => {
    expect(problemsWith('/licenses/0/spdx', ['licenses', [{ spdx: 'apache2', evidenceUrl: 'https://example.org/LICENSE' }]])).toEqual([
      '"apache2" is not an SPDX licence identifier; did you mean "Apache-2.0"?',
    ]);
  });

  it('refuses a No-Derivatives licence for software, with the reason', () => {
    expect(problemsWith('/licenses/0/spdx', ['licenses', [{ spdx: 'CC-BY-ND-4.0', evidenceUrl: 'https://example.org/LICENSE' }]])).toEqual([
      '"CC-BY-ND-4.0" is a No-Derivatives licence; software (code) needs an OSI-approved licence such as Apache-2.0, MIT or GPL-3.0-or-later.',
    ]);
  });

  it('accepts an approved licence', () => {
    expect(
      problemsWith('/licenses/0/spdx', ['licenses', [{ spdx: 'GPL-3.0-or-later', evidenceUrl: 'https://example.org/LICENSE' }]]),
    ).toEqual([]);
  });

  it('hints at https for a plain http:// URL', () => {
    expect(problemsWith('/website', ['website', 'http://clinicqueue.example.org'])).toEqual([
      '"http://clinicqueue.example.org" uses plain http://; write "https://clinicqueue.example.org" (check the site answers over https).',
    ]);
  });

  it('suggests the country meant, and writes aliases and codes as ISO 3166 names', () => {
    expect(normaliseAnswer(country, 'Kenia', scope)).toEqual({ problem: '"Kenia" is not a country of ISO 3166; did you mean "Kenya"?' });
    expect(normaliseAnswer(country, 'Tanzania', scope)).toEqual({ value: 'United Republic of Tanzania' });
    expect(normaliseAnswer(countries, 'Moldova, Republic of, KE', scope)).toEqual({ value: ['Moldova, Republic of', 'Kenya'] });
    expect(normaliseAnswer(countries, '', scope)).toEqual({ value: [] });
  });

  const placeholders: Array<{ name: string; field: string; answer: string; edits?: Array<[string, unknown]> }> = [
    { name: 'redistribution evidence "n/a"', field: 'ownership.redistributionEvidence', answer: 'n/a' },
    {
      name: 'open alternatives "TBD"',
      field: 'platformIndependence.openAlternatives',
      answer: 'TBD',
      edits: [['platformIndependence.hasClosedComponents', true]],
    },
    { name: 'export mechanism "yes"', field: 'dataExtraction.mechanism', answer: 'yes' },
    { name: 'safeguards "  todo "', field: 'doNoHarm.dataPrivacySecurity.safeguards', answer: '  todo ' },
    { name: '2025 question 5 "-"', field: 'privacy.piiRequirements.deletion', answer: '-' },
    { name: 'steps against harm "..."', field: 'doNoHarm.preventionSteps', answer: '...' },
    { name: 'evidence of a best practice "No"', field: 'standards.bestPractices', answer: 'No' },
  ];

  it.each(placeholders)('refuses placeholder evidence in a file: $name', ({ field, answer, edits = [] }) => {
    const list = field === 'standards.bestPractices';
    const { problems } = checkAnswers(
      edited(...edits, list ? [field, [{ name: 'Principles for Digital Development', evidenceText: answer }]] : [field, answer]),
      ENV,
    );
    expect(problems).toEqual([
      {
        path: list ? `${field}[0].evidenceText` : field,
        message: `"${answer.trim()}" is a placeholder, not an answer reviewers can judge; say in a sentence or two what is done (links welcome).`,
      },
    ]);
  });

  it('takes a real sentence that starts like a placeholder', () => {
    expect(checkAnswers(edited(['dataExtraction.mechanism', 'Yes: CSV downloads of every queue.']), ENV).problems).toEqual([]);
  });

  it('refuses an empty answer to a required question, and the wrong kind of answer in a file', () => {
    const { problems } = checkAnswers(
      edited(['description', ''], ['ownership.ownsAllComponents', 'yes'], ['categories', ['software', 'app']]),
      ENV,
    );
    expect(problems).toEqual([
      { path: 'description', message: expect.stringMatching(/^needs an answer: Describe Clinic Queue/) },
      { path: 'categories', message: '"app" is not among "software", "content", "data", "ai-model", "standard".' },
      { path: 'ownership.ownsAllComponents', message: 'Answer true or false, not "yes".' },
    ]);
  });
});

type Reply = [start: string, answer: unknown];

/**
 * A prompter that answers the questions in order, each reply naming the start of the question it
 * expects (a refused reply is recorded, and the next reply answers the same question); records what
 * it was asked, with the default it offered.
 */
function scripted(replies: Reply[]): {
  prompter: Prompter;
  asked: string[];
  refused: string[];
  defaults: Record<string, unknown>;
  said: string[];
} {
  const asked: string[] = [];
  const refused: string[] = [];
  const said: string[] = [];
  const defaults: Record<string, unknown> = {};
  const queue = [...replies];
  const reply = (message: string, offered: unknown, validate?: (value: never) => string | true) => {
    asked.push(message);
    if (offered !== undefined) defaults[message] = offered;
    for (;;) {
      const next = queue.shift();
      if (!next) throw new Error(`unexpected question: ${message}`);
      const [start, answer] = next;
      if (!message.startsWith(start)) throw new Error(`asked "${message}", expected "${start}"`);
      const verdict = answer === BACK ? true : validate?.(answer as never);
      if (verdict === undefined || verdict === true) return Promise.resolve(answer);
      refused.push(verdict);
    }
  };
  const prompter: Prompter = {
    input: ({ message, default: offered, validate }) => reply(message, offered, validate) as Promise<string>,
    select: ({ message, default: offered }) => reply(message, offered) as Promise<string>,
    checkbox: ({ message, checked, validate }) => reply(message, checked?.length ? checked : undefined, validate) as Promise<unknown[]>,
    confirm: ({ message }) => reply(message, undefined) as Promise<boolean>,
    say: (text) => said.push(text),
  };
  return { prompter, asked, refused, defaults, said };
}

const checker = new RuleChecker({ config: DEFAULT_CONFIG, now: TEST_NOW, context: [], fileFor: () => 'nominations/clinic-queue.yaml' });
const engine: WizardChecks = { env: ENV, inspect: (d) => checker.inspect(d) };
/** The example as the answers-file mode takes it (lists split, countries named), with edits. */
const normalised = (...edits: Array<[string, unknown]>) => checkAnswers(edited(...edits), ENV).draft;
const noRules: WizardChecks = { env: ENV, inspect: () => [] };
/** The questions of some sections only; the others would ask for more list entries. */
const stepsOf = (...sections: string[]) => STEPS.filter((s) => s.type !== 'section' && sections.includes(s.path[0]!));

describe('the interactive wizard', () => {
  const withoutPrivacy = () => edited(['stage', 'nominee'], ['privacy', undefined], ['doNoHarm.dataPrivacySecurity', undefined]);

  it('asks the 2025 privacy questions when personal data is stored', async () => {
    const { prompter, asked } = scripted([
      ['How far does the solution handle personal data', 'stored'],
      ['Which types of personal data', 'Name, Phone number'],
      ['Is personal data shared', false],
      ['How are the privacy', 'Encrypted, role-based access.'],
      ['Which privacy, domestic', 'GDPR'],
      ['Links to the privacy policy', 'https://clinicqueue.example.org/privacy'],
      ['Steps taken', ''],
      ['2025 privacy question 1', true],
      ['Why is it the minimum', 'Only what booking needs.'],
      ['2025 privacy question 2', 'On the booking page.'],
      ['2025 privacy question 3', 'https://clinicqueue.example.org/privacy'],
      ['2025 privacy question 4', 'The server database.'],
      ['2025 privacy question 5', 'By SMS request.'],
    ]);
    const draft = await runWizard(prompter, withoutPrivacy(), noRules, stepsOf('privacy', 'doNoHarm'));
    expect(asked.filter((m) => m.startsWith('2025 privacy question'))).toHaveLength(5);
    expect(asked.some((m) => m.startsWith('With whom is it shared'))).toBe(false);
    expect(checkAnswers(draft, ENV).problems).toEqual([]);
    expect((draft.privacy as Draft).piiRequirements).toMatchObject({
      isMinimal: true,
      policyUrl: 'https://clinicqueue.example.org/privacy',
    });
  });

  it('skips them when no personal data is handled', async () => {
    const { prompter, asked } = scripted([
      ['How far does the solution handle personal data', 'none'],
      ['Which privacy, domestic', 'GDPR'],
      ['Links to the privacy policy', ''],
      ['Steps taken', ''],
    ]);
    const draft = await runWizard(prompter, withoutPrivacy(), noRules, stepsOf('privacy', 'doNoHarm'));
    expect(asked).toHaveLength(4);
    expect(draft.privacy).toEqual({ laws: ['GDPR'] });
  });

  it('asks for the right to redistribute only when the owner does not own everything', async () => {
    const start = () =>
      edited(['stage', 'nominee'], ['ownership', { ownerType: 'organization', evidenceUrls: ['https://clinicqueue.example.org/about'] }]);
    const owns = scripted([['Does the owner own all', true]]);
    await runWizard(owns.prompter, start(), noRules, stepsOf('ownership'));
    expect(owns.asked).toEqual([expect.stringMatching(/^Does the owner own all/)]);
    const doesNot = scripted([
      ['Does the owner own all', false],
      ['What gives the owner the right', 'Contributors sign the DCO.'],
    ]);
    const draft = await runWizard(doesNot.prompter, start(), noRules, stepsOf('ownership'));
    expect(doesNot.asked).toHaveLength(2);
    expect((draft.ownership as Draft).redistributionEvidence).toBe('Contributors sign the DCO.');
  });

  it('refuses answers the rules reject while they are typed', async () => {
    const { prompter, refused } = scripted([
      ['Its SPDX licence identifier', 'CC-BY-ND-4.0'],
      ['Its SPDX licence identifier', 'MIT'],
      ['A public page that names MIT', 'https://example.org/LICENSE'],
      ['Its SPDX licence identifier', ''],
    ]);
    const draft = await runWizard(prompter, edited(['stage', 'nominee'], ['licenses', undefined]), engine, stepsOf('licenses'));
    expect(refused).toEqual([
      expect.stringMatching(/^"CC-BY-ND-4.0" is a No-Derivatives licence; software \(code\) needs an OSI-approved licence/),
    ]);
    expect(draft.licenses).toEqual([{ spdx: 'MIT', evidenceUrl: 'https://example.org/LICENSE' }]);
  });

  it('refuses placeholder evidence at the prompt, with the message of dpg validate', async () => {
    const { prompter, refused } = scripted([
      ['Which Sustainable Development Goals', [3]],
      ['SDG 3 (Good health and well-being): a public page', ''],
      ['SDG 3: how does the solution contribute', 'yes'],
      ['SDG 3: how does the solution contribute', 'TBD'],
      ['SDG 3: how does the solution contribute', 'Patients book clinic visits by SMS, so fewer miss their care.'],
    ]);
    const draft = await runWizard(prompter, normalised(['sdgs', undefined]), engine, stepsOf('sdgs'));
    expect(refused).toEqual([
      'SDG 3 has only placeholder evidence ("yes"); explain how the solution serves the goal\'s targets.',
      'SDG 3 has only placeholder evidence ("TBD"); explain how the solution serves the goal\'s targets.',
    ]);
    expect(checker.inspect(draft).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses placeholder evidence at the prompt of every question reviewers judge, not only the SDGs', async () => {
    const { prompter, refused } = scripted([
      ['Who owns the solution', 'organization'],
      ['Links to the copyright', 'https://clinicqueue.example.org/about'],
      ['Does the owner own all', false],
      ['What gives the owner the right', 'N/A'],
      ['What gives the owner the right', 'Contributors sign the DCO.'],
    ]);
    const draft = await runWizard(prompter, edited(['stage', 'nominee'], ['ownership', undefined]), engine, stepsOf('ownership'));
    expect(refused).toEqual([
      '"N/A" is a placeholder, not an answer reviewers can judge; say in a sentence or two what is done (links welcome).',
    ]);
    expect((draft.ownership as Draft).redistributionEvidence).toBe('Contributors sign the DCO.');
  });

  it('goes back to earlier questions, offering their answers, and keeps the later answers', async () => {
    const description = 'A free appointment and queue system for public health clinics.';
    const { prompter, asked, defaults } = scripted([
      ['What is the name', 'Clinic Queue'],
      ['Other names', ''],
      ['Describe Clinic Queue', description],
      ['Its public website', BACK],
      ['Describe Clinic Queue', BACK],
      ['Other names', 'CQ, ClinicQ'],
      ['Its public website', 'https://clinicqueue.example.org'],
    ]);
    const draft = await runWizard(
      prompter,
      { stage: 'nominee' },
      noRules,
      STEPS.filter((s) => s.type === 'question' && ['name', 'aliases', 'description', 'website'].includes(s.path[0]!)),
    );
    expect(asked.map((m) => m.slice(0, 14))).toEqual([
      'What is the na',
      'Other names it',
      'Describe Clini',
      'Its public web',
      'Describe Clini',
      'Other names it',
      'Its public web',
    ]);
    expect(defaults[asked[4]!]).toBe(description);
    expect(draft).toEqual({
      stage: 'nominee',
      name: 'Clinic Queue',
      aliases: ['CQ', 'ClinicQ'],
      description,
      website: 'https://clinicqueue.example.org',
    });
  });

  it('asks again a later answer that an earlier change made wrong, before finishing', async () => {
    const licence = 'https://github.com/clinic-queue/clinic-queue-server/blob/main/LICENSE';
    const { prompter, asked, said } = scripted([
      ['What kind of digital public good', ['software']],
      ['The URL of a source repository', 'https://github.com/clinic-queue/clinic-queue-server'],
      ['A short label', ''],
      ['The URL of a source repository', ''],
      ['Its SPDX licence identifier', 'MIT'],
      ['A public page that names MIT', licence],
      ['Its SPDX licence identifier', BACK],
      ['A public page that names MIT', BACK],
      ['Its SPDX licence identifier', BACK],
      ['The URL of a source repository', BACK],
      ['A short label', BACK],
      ['The URL of a source repository', BACK],
      ['What kind of digital public good', ['content']],
      // The lists ended before are not asked again; the licence stays until the last check refuses it for content.
      ['Its SPDX licence identifier', ''],
      ['Its SPDX licence identifier', 'CC-BY-4.0'],
    ]);
    const draft = await runWizard(
      prompter,
      normalised(['categories', undefined], ['repositories', undefined], ['licenses', undefined]),
      engine,
      stepsOf('categories', 'repositories', 'licenses'),
    );
    expect(said).toContainEqual(expect.stringMatching(/^✖ "MIT" .*content/));
    expect(said.filter((line) => line.startsWith('✖'))).toHaveLength(1);
    expect(asked.filter((m) => m.startsWith('A public page')).length).toBe(2);
    expect(draft.repositories).toEqual([{ url: 'https://github.com/clinic-queue/clinic-queue-server' }]);
    expect(draft.licenses).toEqual([{ spdx: 'CC-BY-4.0', evidenceUrl: licence }]);
    expect(checker.inspect(draft).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('resumes where it stopped, from the answers and the list of questions answered', async () => {
    const first = new Wizard(
      scripted([
        ['What is the name', 'Clinic Queue'],
        ['Other names', ''],
      ]).prompter,
      { stage: 'nominee' },
      noRules,
    );
    await expect(first.run()).rejects.toThrow('unexpected question: Describe Clinic Queue');
    expect(first.answered()).toEqual(['/name', '/aliases']);
    const second = scripted([
      ['Describe Clinic Queue', 'Queues.'],
      ['Its public website', 'https://clinicqueue.example.org'],
    ]);
    const again = new Wizard(
      second.prompter,
      structuredClone(first.draft),
      noRules,
      STEPS.filter((s) => s.type === 'question' && ['name', 'aliases', 'description', 'website'].includes(s.path[0]!)),
    );
    again.resume(first.answered());
    await again.run();
    expect(second.asked.map((m) => m.slice(0, 14))).toEqual(['Describe Clini', 'Its public web']);
  });
});
