import { describe, expect, it } from 'vitest';
import { hits, validateYaml } from '../support/validate.js';
import { lineOf, withEdits } from '../support/nomination.js';

interface Case {
  name: string;
  yaml: string;
  expected: Array<{ rule: string; line: number }>;
}

function row(name: string, yaml: string, expected: (yaml: string) => Case['expected'] = () => []): Case {
  return { name, yaml, expected: expected(yaml) };
}

const recognised: Array<[Array<string | number>, unknown]> = [
  [['stage'], 'dpg'],
  [['review'], { date: '2026-05-04', reviewer: 'dpg-review-team' }],
];
const noAnswers: [Array<string | number>, unknown] = [['privacy', 'piiRequirements'], undefined];
const noPii: Array<[Array<string | number>, unknown]> = [
  [['doNoHarm', 'dataPrivacySecurity', 'piiHandling'], 'none'],
  [['doNoHarm', 'dataPrivacySecurity', 'piiTypes'], undefined],
  [['doNoHarm', 'dataPrivacySecurity', 'thirdPartySharing'], undefined],
  [['doNoHarm', 'dataPrivacySecurity', 'safeguards'], undefined],
  noAnswers,
  [['privacy', 'evidenceUrls'], undefined],
];
const atPrivacy = (rule: string) => (y: string) => [{ rule, line: lineOf(y, 'privacy:') }];

const cases: Case[] = [
  row('a nominee storing personal data with all answers is fine', withEdits()),
  row('a nominee without personal data needs neither answers nor policy', withEdits(...noPii)),
  row('a nominee storing personal data without the 2025 answers', withEdits(noAnswers), atPrivacy('privacy/pii-requirements')),
  row(
    'a nominee that only collects personal data needs the answers too',
    withEdits([['doNoHarm', 'dataPrivacySecurity', 'piiHandling'], 'collected'], noAnswers),
    atPrivacy('privacy/pii-requirements'),
  ),
  row('a nominee without a stage is treated as a nominee', withEdits([['stage'], undefined], noAnswers), (y) => [
    { rule: 'schema/required', line: 2 },
    { rule: 'privacy/pii-requirements', line: lineOf(y, 'privacy:') },
  ]),
  row(
    'personal data in AI training data needs the answers',
    withEdits(
      ...noPii,
      [['doNoHarm', 'dataPrivacySecurity', 'trainingDataPii'], true],
      [['privacy', 'evidenceUrls'], ['https://www.aam-digital.com/privacy/']],
    ),
    atPrivacy('privacy/pii-requirements'),
  ),
  row(
    'training data without personal data needs nothing',
    withEdits(...noPii, [['doNoHarm', 'dataPrivacySecurity', 'trainingDataPii'], false]),
  ),
  row(
    'a recognised DPG without the answers is told they are due at review',
    withEdits(...recognised, noAnswers),
    atPrivacy('privacy/pii-requirements'),
  ),
  row(
    'an expired DPG without the answers owes them now',
    withEdits(...recognised, [['stage'], 'expired'], noAnswers),
    atPrivacy('privacy/pii-requirements'),
  ),
  row(
    'a delisted record is not asked for the answers',
    withEdits([['stage'], 'delisted'], [['delisting'], { date: '2026-01-10', reason: 'Repository archived by its owner.' }], noAnswers),
  ),
  row('a recognised DPG with the answers is fine', withEdits(...recognised)),
  row(
    'personal data without privacy evidence',
    withEdits([['privacy', 'evidenceUrls'], undefined]),
    atPrivacy('privacy/evidence-required'),
  ),
  row('personal data with an empty privacy evidence list', withEdits([['privacy', 'evidenceUrls'], []]), (y) => [
    { rule: 'privacy/evidence-required', line: lineOf(y, 'evidenceUrls: []') },
  ]),
  row(
    'a recognised DPG needs privacy evidence as well',
    withEdits(...recognised, [['privacy', 'evidenceUrls'], undefined]),
    atPrivacy('privacy/evidence-required'),
  ),
  row('without answers or evidence both are reported', withEdits(noAnswers, [['privacy', 'evidenceUrls'], undefined]), (y) => [
    { rule: 'privacy/evidence-required', line: lineOf(y, 'privacy:') },
    { rule: 'privacy/pii-requirements', line: lineOf(y, 'privacy:') },
  ]),
  row('a missing privacy section is left to the schema', withEdits([['privacy'], undefined]), () => [{ rule: 'schema/required', line: 2 }]),
  row('incomplete answers are left to the schema', withEdits([['privacy', 'piiRequirements', 'deletion'], undefined]), (y) => [
    { rule: 'schema/required', line: lineOf(y, 'piiRequirements:') },
  ]),
];

describe('privacy rules', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    expect(hits(validateYaml(yaml))).toEqual(expected);
  });

  it('says why personal data is assumed and what to answer', () => {
    const result = validateYaml(withEdits(noAnswers));
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'error',
      indicator: '7',
      message: expect.stringContaining('(doNoHarm.dataPrivacySecurity.piiHandling is stored)'),
    });
    expect(result.diagnostics[0]!.message).toContain('consentNotice');
  });

  it('keeps the review-time finding a warning, so an existing DPG stays publishable', () => {
    const result = validateYaml(withEdits(...recognised, noAnswers));
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('due at its next review, by 2027-05-04'),
      due: { since: '1.1.7', assessedUnder: '1.1.6', by: '2027-05-04', overdue: false },
    });
    expect(result.errorCount).toBe(0);
  });

  it('asks a recognised DPG assessed under the current version for the answers as a nominee', () => {
    const result = validateYaml(withEdits(...recognised, [['standardVersion'], '1.1.7'], noAnswers));
    expect(result.diagnostics[0]).toMatchObject({ ruleId: 'privacy/pii-requirements', severity: 'error' });
    expect(result.diagnostics[0]!.due).toBeUndefined();
  });

  it('suggests the policy URL already given in the answers as evidence', () => {
    const result = validateYaml(withEdits([['privacy', 'evidenceUrls'], undefined]));
    expect(result.diagnostics[0]!.message).toContain(
      'add the privacy policy (https://www.aam-digital.com/privacy/, given in piiRequirements)',
    );
  });
});
