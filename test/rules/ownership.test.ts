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

const funder = { name: 'Example Foundation', website: 'https://foundation.example-org.net', roles: ['funder'], country: 'Switzerland' };

const cases: Case[] = [
  row('an owning organisation with a country is fine', withEdits()),
  row('one owner among several organisations is fine', withEdits([['organizations', 1], funder])),
  row('no organisation with the role owner', withEdits([['organizations', 0, 'roles'], ['maintainer']]), (y) => [
    { rule: 'ownership/owner-listed', line: lineOf(y, 'organizations:') },
  ]),
  row(
    'individual owners without an owner entry',
    withEdits([['ownership', 'ownerType'], 'individuals'], [['organizations', 0, 'roles'], ['maintainer']]),
    (y) => [{ rule: 'ownership/owner-listed', line: lineOf(y, 'organizations:') }],
  ),
  row(
    'individual owners listed as an owner entry are fine',
    withEdits(
      [['ownership', 'ownerType'], 'individuals'],
      [['organizations', 0, 'roles'], ['maintainer']],
      [['organizations', 1], { name: 'The Case Manager authors', roles: ['owner'], country: 'Germany' }],
    ),
  ),
  row('an owner without a country', withEdits([['organizations', 0, 'country'], undefined]), (y) => [
    { rule: 'ownership/owner-country', line: lineOf(y, '- name: Aam Digital GmbH') },
  ]),
  row(
    'each owner without a country is reported',
    withEdits(
      [['organizations', 0, 'country'], undefined],
      [['organizations', 1], { name: 'Example Foundation', roles: ['owner', 'funder'] }],
    ),
    (y) => [
      { rule: 'ownership/owner-country', line: lineOf(y, '- name: Aam Digital GmbH') },
      { rule: 'ownership/owner-country', line: lineOf(y, '- name: Example Foundation') },
    ],
  ),
  row('a non-owner without a country is fine', withEdits([['organizations', 1], { name: 'Example Foundation', roles: ['funder'] }])),
  row('an organisation without roles is left to the schema', withEdits([['organizations', 0, 'roles'], undefined]), (y) => [
    { rule: 'schema/required', line: lineOf(y, '- name: Aam Digital GmbH') },
  ]),
  row('an empty organisation list is left to the schema', withEdits([['organizations'], []]), (y) => [
    { rule: 'schema/invalid-value', line: lineOf(y, 'organizations:') },
  ]),
];

describe('ownership rules', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    expect(hits(validateYaml(yaml))).toEqual(expected);
  });

  it.each([
    ['organization', 'although ownership.ownerType is organization'],
    ['individuals', 'add the people who own the solution'],
  ])('words the missing owner for ownerType %s', (ownerType, wording) => {
    const result = validateYaml(withEdits([['ownership', 'ownerType'], ownerType], [['organizations', 0, 'roles'], ['developer']]));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: 'ownership/owner-listed',
        severity: 'error',
        indicator: '3',
        message: expect.stringContaining(wording),
      }),
    ]);
  });

  it('names the owner without a country', () => {
    const result = validateYaml(withEdits([['organizations', 0, 'country'], undefined]));
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('"Aam Digital GmbH" has no country'),
    });
    expect(result.indicators['3']).toBe('warning');
  });
});
