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

// An AI model whose code and weights are both openly licensed, as the licence rules expect.
const aiModel: Array<[Array<string | number>, unknown]> = [
  [['categories'], ['software', 'ai-model']],
  [['licenses', 0, 'covers'], ['code']],
  [
    ['licenses', 1],
    { spdx: 'CC-BY-4.0', evidenceUrl: 'https://github.com/example-org/case-manager/blob/master/MODEL_LICENSE', covers: ['model', 'data'] },
  ],
];

const cases: Case[] = [
  row('software need not answer the training-data question', withEdits()),
  row('an AI model that answers no is fine', withEdits(...aiModel, [['doNoHarm', 'dataPrivacySecurity', 'trainingDataPii'], false])),
  row('an AI model that answers yes is fine here', withEdits(...aiModel, [['doNoHarm', 'dataPrivacySecurity', 'trainingDataPii'], true])),
  row('an AI model that does not answer', withEdits(...aiModel), (y) => [
    { rule: 'harm/ai-training-data', line: lineOf(y, 'dataPrivacySecurity:') },
  ]),
  row(
    'a wrongly typed answer is left to the schema',
    withEdits(...aiModel, [['doNoHarm', 'dataPrivacySecurity', 'trainingDataPii'], 'maybe']),
    (y) => [{ rule: 'schema/type', line: lineOf(y, 'trainingDataPii:') }],
  ),
];

describe('harm rules', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    expect(hits(validateYaml(yaml))).toEqual(expected);
  });

  it('files the missing answer under 9a as an error', () => {
    const result = validateYaml(withEdits(...aiModel));
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'error',
      indicator: '9a',
      message: expect.stringContaining('trainingDataPii: true or false'),
    });
    expect(result.indicators['9a']).toBe('fail');
  });
});
