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

const cases: Case[] = [
  row('standards and practices with evidence are fine', withEdits()),
  row('open standards alone are fine', withEdits([['standards', 'bestPractices'], undefined])),
  row('best practices alone are fine', withEdits([['standards', 'openStandards'], undefined])),
  row(
    'evidence text alone is enough',
    withEdits(
      [['standards', 'openStandards', 0, 'evidenceUrl'], undefined],
      [['standards', 'openStandards', 0, 'evidenceText'], 'The user interface is translated through XLIFF files in src/locale.'],
    ),
  ),
  row('nothing listed', withEdits([['standards', 'openStandards'], undefined], [['standards', 'bestPractices'], undefined]), (y) => [
    { rule: 'standards/evidence-required', line: lineOf(y, 'standards:') },
  ]),
  row('empty lists count as nothing listed', withEdits([['standards', 'openStandards'], []], [['standards', 'bestPractices'], []]), (y) => [
    { rule: 'standards/evidence-required', line: lineOf(y, 'standards:') },
  ]),
  row('an open standard without evidence', withEdits([['standards', 'openStandards', 1, 'evidenceUrl'], undefined]), (y) => [
    { rule: 'standards/evidence-required', line: lineOf(y, '- name: OpenAPI') },
  ]),
  row('a best practice with blank evidence text', withEdits([['standards', 'bestPractices', 0, 'evidenceText'], '  ']), (y) => [
    { rule: 'standards/evidence-required', line: lineOf(y, '- name: Principles for Digital Development') },
  ]),
  row(
    'every item without evidence is reported',
    withEdits(
      [['standards', 'openStandards', 0, 'evidenceUrl'], undefined],
      [['standards', 'bestPractices', 0, 'evidenceText'], undefined],
    ),
    (y) => [
      { rule: 'standards/evidence-required', line: lineOf(y, '- name: XLIFF') },
      { rule: 'standards/evidence-required', line: lineOf(y, '- name: Principles for Digital Development') },
    ],
  ),
  row('a missing standards section is left to the schema', withEdits([['standards'], undefined]), () => [
    { rule: 'schema/required', line: 2 },
  ]),
];

describe('standards rules', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    expect(hits(validateYaml(yaml))).toEqual(expected);
  });

  it('names the item without evidence and what would count', () => {
    const result = validateYaml(withEdits([['standards', 'openStandards', 1, 'evidenceUrl'], undefined]));
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'error',
      indicator: '8',
      message:
        'Open standard "OpenAPI" has no evidence; add an evidenceUrl (validator result, test suite, documentation) or an evidenceText saying how it is followed.',
    });
  });
});
