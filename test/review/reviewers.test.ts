import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { loadReviewers, matchGroups, parsePrincipal } from '../../src/review/reviewers.js';
import { lineOf } from '../support/nomination.js';
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '../support/cli.js';
import path from 'node:path';

const VALID = `maintainers:
  - "@dpg-registry/maintainers"
  - ana-maintainer
groups:
  - name: Health CoP
    members: ["@dpg-registry/health-cop", amina-health]
    match:
      sectors: [Health]
      sdgs: [3]
  - name: Data CoP
    members: [priya-data]
    match:
      categories: [data, ai-model]
defaultGroup:
  name: General reviewers
  members: ["@dpg-registry/reviewers"]
`;

const edit = (from: string, to: string) => VALID.replace(from, to);
const at = (rule: string, needle: string) => (yaml: string) => [{ rule, line: lineOf(yaml, needle) }];

const cases = [
  { name: 'the example is valid', yaml: VALID, expected: () => [] },
  {
    name: 'a group without members',
    yaml: edit('    members: [priya-data]\n', ''),
    expected: at('review/reviewers-schema', '- name: Data CoP'),
  },
  {
    name: 'a group that matches nothing',
    yaml: edit('    match:\n      categories: [data, ai-model]', '    match: {}'),
    expected: at('review/reviewers-schema', 'match: {}'),
  },
  { name: 'an SDG out of range', yaml: edit('sdgs: [3]', 'sdgs: [18]'), expected: at('review/reviewers-schema', 'sdgs: [18]') },
  {
    name: 'an unknown category',
    yaml: edit('[data, ai-model]', '[data, dataset]'),
    expected: at('review/reviewers-schema', '[data, dataset]'),
  },
  {
    name: 'an e-mail address instead of a handle',
    yaml: edit('  - ana-maintainer', '  - ana@example.org'),
    expected: (y: string) => [
      { rule: 'privacy/personal-contact', line: lineOf(y, 'ana@') },
      { rule: 'review/reviewers-schema', line: lineOf(y, 'ana@') },
    ],
  },
  {
    name: 'no maintainers',
    yaml: edit('maintainers:\n  - "@dpg-registry/maintainers"\n  - ana-maintainer\n', 'maintainers: []\n'),
    expected: at('review/reviewers-schema', 'maintainers: []'),
  },
  { name: 'a misspelt key', yaml: edit('defaultGroup:', 'defaultGroupe:'), expected: at('review/reviewers-schema', 'defaultGroupe:') },
];

describe('reviewers.yaml', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    const { result, reviewers } = loadReviewers('reviewers.yaml', yaml, DEFAULT_CONFIG);
    expect(result.diagnostics.map((d) => ({ rule: d.ruleId, line: d.line }))).toEqual(expected(yaml));
    expect(reviewers === undefined).toBe(expected(yaml).length > 0);
  });

  it('the bundled reviewers.yaml is valid', () => {
    const { result } = loadReviewers('reviewers.yaml', readFileSync(path.join(REPO_ROOT, 'reviewers.yaml')), DEFAULT_CONFIG);
    expect(result.diagnostics).toEqual([]);
  });

  it.each([
    { text: 'octocat', expected: { kind: 'user', login: 'octocat' } },
    { text: '@octocat', expected: { kind: 'user', login: 'octocat' } },
    { text: '@dpg-registry/health-cop', expected: { kind: 'team', org: 'dpg-registry', slug: 'health-cop' } },
    { text: 'dpg-registry/health-cop', expected: undefined },
    { text: 'bad--name-', expected: undefined },
  ])('parses $text', ({ text, expected }) => {
    expect(parsePrincipal(text)).toEqual(expected);
  });

  it('matches groups by sector (any case), SDG and category, and falls back to the default group', () => {
    const { reviewers } = loadReviewers('reviewers.yaml', VALID, DEFAULT_CONFIG);
    const data = (yaml: string) => ({ sectors: [], sdgs: [], categories: [], ...JSON.parse(yaml) }) as unknown;
    expect(matchGroups(data('{"sectors":["health"],"sdgs":[{"goal":3}]}'), reviewers!).map((g) => [g.name, g.because])).toEqual([
      ['Health CoP', ['sector Health', 'SDG 3']],
    ]);
    expect(matchGroups(data('{"categories":["software","ai-model"]}'), reviewers!).map((g) => [g.name, g.because])).toEqual([
      ['Data CoP', ['category ai-model']],
    ]);
    expect(matchGroups(data('{"sectors":["Transport"]}'), reviewers!).map((g) => g.name)).toEqual(['General reviewers']);
  });
});
