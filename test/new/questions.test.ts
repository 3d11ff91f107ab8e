import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { checkAnswers } from '../../src/new/answers.js';
import { RuleChecker } from '../../src/new/checker.js';
import { STEPS, type CheckEnv, type Draft, type Question } from '../../src/new/questions.js';
import { normaliseAnswer } from '../../src/new/values.js';
import { runWizard, type Prompter } from '../../src/new/wizard.js';
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

const PII_ANSWERS = ['isMinimal', 'minimisationExplanation', 'consentNotice', 'policyUrl', 'processing', 'deletion'].map((k) => `privacy.piiRequirements.${k}`);

describe('follow-up questions (the schema\'s if/then, and the rules)', () => {
  const noPii: Array<[string, unknown]> = [
    ['doNoHarm.dataPrivacySecurity', { piiHandling: 'none' }], ['privacy', { laws: ['GDPR'] }],
  ];
  const cases: Array<{ name: string; answers: Draft; needed: string[] }> = [
    { name: 'the owner owns everything: no redistribution evidence', answers: edited(['ownership.ownsAllComponents', true], ['ownership.redistributionEvidence', undefined]), needed: [] },
    { name: 'the owner does not own everything: redistribution evidence', answers: edited(['ownership.redistributionEvidence', undefined]), needed: ['ownership.redistributionEvidence'] },
    { name: 'closed components: their open alternatives', answers: edited(['platformIndependence.hasClosedComponents', true]), needed: ['platformIndependence.openAlternatives'] },
    { name: 'no non-personal data: no export mechanism', answers: edited(['dataExtraction', { handlesNonPii: false }]), needed: [] },
    { name: 'non-personal data: the export mechanism', answers: edited(['dataExtraction', { handlesNonPii: true }]), needed: ['dataExtraction.mechanism'] },
    {
      name: 'personal data collected: 9a details, privacy evidence and the 2025 answers',
      answers: edited(['doNoHarm.dataPrivacySecurity', { piiHandling: 'collected' }], ['privacy', { laws: ['GDPR'] }]),
      needed: ['doNoHarm.dataPrivacySecurity.piiTypes', 'doNoHarm.dataPrivacySecurity.thirdPartySharing', 'doNoHarm.dataPrivacySecurity.safeguards', 'privacy.evidenceUrls', ...PII_ANSWERS],
    },
    { name: 'no personal data: none of the privacy follow-ups', answers: edited(...noPii), needed: [] },
    { name: 'personal data shared: the circumstances', answers: edited(['doNoHarm.dataPrivacySecurity.thirdPartySharing', true]), needed: ['doNoHarm.dataPrivacySecurity.sharingCircumstances'] },
    {
      name: 'user content stored: 9b details', answers: edited(['doNoHarm.inappropriateContent', { contentHandling: 'stored' }]),
      needed: ['doNoHarm.inappropriateContent.contentTypes', 'doNoHarm.inappropriateContent.policyUrl', 'doNoHarm.inappropriateContent.moderationProcess'],
    },
    {
      name: 'users interact: 9c details', answers: edited(['doNoHarm.harassmentProtection', { userInteraction: true }]),
      needed: ['doNoHarm.harassmentProtection.protectionMeasures', 'doNoHarm.harassmentProtection.underageSafety'],
    },
    {
      name: 'an AI model: whether its training data holds personal data',
      answers: edited(...noPii, ['categories', ['software', 'ai-model']], ['licenses', [{ spdx: 'Apache-2.0', evidenceUrl: 'https://github.com/clinic-queue/clinic-queue-server/blob/main/LICENSE', covers: ['code', 'model'] }]]),
      needed: ['doNoHarm.dataPrivacySecurity.trainingDataPii'],
    },
    {
      name: 'personal data in the training data: the 2025 answers',
      answers: edited(...noPii, ['categories', ['software', 'ai-model']], ['doNoHarm.dataPrivacySecurity', { piiHandling: 'none', trainingDataPii: true }],
        ['licenses', [{ spdx: 'Apache-2.0', evidenceUrl: 'https://github.com/clinic-queue/clinic-queue-server/blob/main/LICENSE', covers: ['code', 'model'] }]]),
      needed: ['privacy.evidenceUrls', ...PII_ANSWERS],
    },
    { name: 'software without a repository: a repository', answers: edited(['repositories', undefined]), needed: ['repositories'] },
    { name: 'content needs no repository', answers: edited(['categories', ['content']], ['repositories', undefined], ['licenses', [{ spdx: 'CC-BY-4.0', evidenceUrl: 'https://clinicqueue.example.org/license' }]]), needed: [] },
  ];

  it.each(cases)('$name', ({ answers, needed }) => {
    const { problems } = checkAnswers(answers, ENV);
    expect(problems.map((p) => p.path)).toEqual(needed);
    for (const problem of problems) expect(problem.message).toMatch(/^needs (an answer|at least one)/);
  });
});

describe('checks of the answers', () => {
  const checker = new RuleChecker({ config: DEFAULT_CONFIG, now: TEST_NOW, context: [], fileFor: () => 'nominations/clinic-queue.yaml' });
  const problemsWith = (pointer: string, ...edits: Array<[string, unknown]>) => checker.problemsAt(edited(['stage', 'nominee'], ...edits), pointer);
  const country = STEPS.flatMap((s) => (s.type === 'group' ? s.questions : [])).find((q) => q.kind === 'country')!;
  const countries = STEPS.find((s): s is Question => s.type === 'question' && s.kind === 'countries')!;
  const scope = { root: {}, item: {} };

  it('suggests the SPDX id of a licence written loosely', () => {
    expect(problemsWith('/licenses/0/spdx', ['licenses', [{ spdx: 'apache2', evidenceUrl: 'https://example.org/LICENSE' }]]))
      .toEqual(['"apache2" is not an SPDX licence identifier; did you mean "Apache-2.0"?']);
  });

  it('refuses a No-Derivatives licence for software, with the reason', () => {
    expect(problemsWith('/licenses/0/spdx', ['licenses', [{ spdx: 'CC-BY-ND-4.0', evidenceUrl: 'https://example.org/LICENSE' }]]))
      .toEqual(['"CC-BY-ND-4.0" is a No-Derivatives licence; software (code) needs an OSI-approved licence such as Apache-2.0, MIT or GPL-3.0-or-later.']);
  });

  it('accepts an approved licence', () => {
    expect(problemsWith('/licenses/0/spdx', ['licenses', [{ spdx: 'GPL-3.0-or-later', evidenceUrl: 'https://example.org/LICENSE' }]])).toEqual([]);
  });

  it('hints at https for a plain http:// URL', () => {
    expect(problemsWith('/website', ['website', 'http://clinicqueue.example.org']))
      .toEqual(['"http://clinicqueue.example.org" uses plain http://; write "https://clinicqueue.example.org" (check the site answers over https).']);
  });

  it('suggests the country meant, and writes aliases and codes as ISO 3166 names', () => {
    expect(normaliseAnswer(country, 'Kenia', scope)).toEqual({ problem: '"Kenia" is not a country of ISO 3166; did you mean "Kenya"?' });
    expect(normaliseAnswer(country, 'Tanzania', scope)).toEqual({ value: 'United Republic of Tanzania' });
    expect(normaliseAnswer(countries, 'Moldova, Republic of, KE', scope)).toEqual({ value: ['Moldova, Republic of', 'Kenya'] });
    expect(normaliseAnswer(countries, '', scope)).toEqual({ value: [] });
  });

  it('refuses an empty answer to a required question, and the wrong kind of answer in a file', () => {
    const { problems } = checkAnswers(edited(['description', ''], ['ownership.ownsAllComponents', 'yes'], ['categories', ['software', 'app']]), ENV);
    expect(problems).toEqual([
      { path: 'description', message: expect.stringMatching(/^needs an answer: Describe Clinic Queue/) },
      { path: 'categories', message: '"app" is not among "software", "content", "data", "ai-model", "standard".' },
      { path: 'ownership.ownsAllComponents', message: 'Answer true or false, not "yes".' },
    ]);
  });
});

/** A prompter that answers by the start of each question, and records what it was asked. */
function scripted(replies: Array<[string, unknown]>): { prompter: Prompter; asked: string[] } {
  const asked: string[] = [];
  const reply = (message: string, validate?: (value: never) => string | true) => {
    asked.push(message);
    const found = replies.find(([start]) => message.startsWith(start));
    if (!found) throw new Error(`unexpected question: ${message}`);
    const verdict = validate?.(found[1] as never);
    if (verdict !== undefined && verdict !== true) throw new Error(`refused: ${verdict}`);
    return Promise.resolve(found[1]);
  };
  const prompter: Prompter = {
    input: ({ message, validate }) => reply(message, validate) as Promise<string>,
    confirm: ({ message }) => reply(message) as Promise<boolean>,
    select: ({ message }) => reply(message) as Promise<string>,
    checkbox: ({ message, validate }) => reply(message, validate) as Promise<unknown[]>,
    say: () => {},
  };
  return { prompter, asked };
}

describe('the interactive wizard', () => {
  const probe = () => [];
  /** The questions of some sections only; the others would ask for more list entries. */
  const stepsOf = (...sections: string[]) => STEPS.filter((s) => s.type !== 'section' && sections.includes(s.path[0]!));
  const withoutPrivacy = () => edited(['stage', 'nominee'], ['privacy', undefined], ['doNoHarm.dataPrivacySecurity', undefined]);

  it('asks the 2025 privacy questions when personal data is stored', async () => {
    const { prompter, asked } = scripted([
      ['How far does the solution handle personal data', 'stored'], ['Which types of personal data', 'Name, Phone number'],
      ['Is personal data shared', false], ['How are the privacy', 'Encrypted, role-based access.'],
      ['Which privacy, domestic', 'GDPR'], ['Links to the privacy policy', 'https://clinicqueue.example.org/privacy'], ['Steps taken', ''],
      ['2025 privacy question 1', true], ['Why is it the minimum', 'Only what booking needs.'], ['2025 privacy question 2', 'On the booking page.'],
      ['2025 privacy question 3', 'https://clinicqueue.example.org/privacy'], ['2025 privacy question 4', 'The server database.'], ['2025 privacy question 5', 'By SMS request.'],
    ]);
    const draft = await runWizard(prompter, withoutPrivacy(), ENV, probe, stepsOf('privacy', 'doNoHarm'));
    expect(asked.filter((m) => m.startsWith('2025 privacy question'))).toHaveLength(5);
    expect(asked.some((m) => m.startsWith('With whom is it shared'))).toBe(false);
    expect(checkAnswers(draft, ENV).problems).toEqual([]);
    expect((draft.privacy as Draft).piiRequirements).toMatchObject({ isMinimal: true, policyUrl: 'https://clinicqueue.example.org/privacy' });
  });

  it('skips them when no personal data is handled', async () => {
    const { prompter, asked } = scripted([
      ['How far does the solution handle personal data', 'none'], ['Which privacy, domestic', 'GDPR'], ['Links to the privacy policy', ''], ['Steps taken', ''],
    ]);
    const draft = await runWizard(prompter, withoutPrivacy(), ENV, probe, stepsOf('privacy', 'doNoHarm'));
    expect(asked).toHaveLength(4);
    expect(draft.privacy).toEqual({ laws: ['GDPR'] });
  });

  it('asks for the right to redistribute only when the owner does not own everything', async () => {
    const start = () => edited(['stage', 'nominee'], ['ownership', { ownerType: 'organization', evidenceUrls: ['https://clinicqueue.example.org/about'] }]);
    const owns = scripted([['Does the owner own all', true]]);
    await runWizard(owns.prompter, start(), ENV, probe, stepsOf('ownership'));
    expect(owns.asked).toEqual([expect.stringMatching(/^Does the owner own all/)]);
    const doesNot = scripted([['Does the owner own all', false], ['What gives the owner the right', 'Contributors sign the DCO.']]);
    const draft = await runWizard(doesNot.prompter, start(), ENV, probe, stepsOf('ownership'));
    expect(doesNot.asked).toHaveLength(2);
    expect((draft.ownership as Draft).redistributionEvidence).toBe('Contributors sign the DCO.');
  });

  it('refuses answers the rules reject while they are typed', async () => {
    const checker = new RuleChecker({ config: DEFAULT_CONFIG, now: TEST_NOW, context: [], fileFor: () => 'nominations/clinic-queue.yaml' });
    const { prompter } = scripted([['Its SPDX licence identifier', 'CC-BY-ND-4.0']]);
    const draft = edited(['stage', 'nominee'], ['licenses', undefined]);
    await expect(runWizard(prompter, draft, ENV, (d, pointer) => checker.problemsAt(d, pointer), stepsOf('licenses')))
      .rejects.toThrow('refused: "CC-BY-ND-4.0" is a No-Derivatives licence; software (code) needs an OSI-approved licence');
  });
});
