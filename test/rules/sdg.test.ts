import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { hits, validateYaml } from '../support/validate.js';
import { lineOf, withEdits } from '../support/nomination.js';

interface Case {
  name: string;
  yaml: string;
  expected: Array<{ rule: string; line: number }>;
}

/** The 1-based line of the `nth` (0-based) line of `text` containing `needle`. */
function nthLineOf(text: string, needle: string, nth: number): number {
  const lines = text.split('\n').flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  if (lines[nth] === undefined) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  return lines[nth]!;
}

const goals = (...numbers: number[]) =>
  numbers.map((goal) => ({ goal, evidenceText: `Serves the targets of goal ${goal} through case work.` }));

function row(name: string, yaml: string, expected: (yaml: string) => Case['expected'] = () => []): Case {
  return { name, yaml, expected: expected(yaml) };
}

const cases: Case[] = [
  row('three goals with evidence are fine', withEdits()),
  row('eight goals, the default maximum, are fine', withEdits([['sdgs'], goals(1, 2, 3, 4, 5, 8, 10, 17)])),
  row('nine goals are too many', withEdits([['sdgs'], goals(1, 2, 3, 4, 5, 6, 8, 10, 17)]), (y) => [
    { rule: 'sdg/max-goals', line: lineOf(y, 'sdgs:') },
  ]),
  row('all seventeen goals are too many', withEdits([['sdgs'], goals(...Array.from({ length: 17 }, (_, i) => i + 1))]), (y) => [
    { rule: 'sdg/max-goals', line: lineOf(y, 'sdgs:') },
  ]),
  row(
    'a goal listed twice is reported at the second entry',
    withEdits([['sdgs', 3], { goal: 1, evidenceText: 'Also reduces poverty.' }]),
    (y) => [{ rule: 'sdg/unique-goals', line: lineOf(y, 'Also reduces poverty.') - 1 }],
  ),
  row('a goal listed three times is reported at the second and third entries', withEdits([['sdgs'], goals(4, 4, 10, 4)]), (y) => [
    { rule: 'sdg/unique-goals', line: nthLineOf(y, 'goal: 4', 1) },
    { rule: 'sdg/unique-goals', line: nthLineOf(y, 'goal: 4', 2) },
  ]),
  row('a goal without evidence', withEdits([['sdgs', 1, 'evidenceText'], undefined]), (y) => [
    { rule: 'sdg/evidence-required', line: lineOf(y, 'goal: 4') },
  ]),
  row(
    'a goal with only a URL as evidence is fine',
    withEdits(
      [['sdgs', 1, 'evidenceText'], undefined],
      [['sdgs', 1, 'evidenceUrl'], 'https://www.aam-digital.com/case-studies/education/'],
    ),
  ),
  row('placeholder evidence text', withEdits([['sdgs', 2, 'evidenceText'], 'N/A']), (y) => [
    { rule: 'sdg/evidence-required', line: lineOf(y, 'evidenceText: N/A') },
  ]),
];

describe('sdg rules', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    expect(hits(validateYaml(yaml))).toEqual(expected);
  });

  it('reads the maximum from the configuration', () => {
    const yaml = withEdits([['sdgs'], goals(1, 4, 10)]);
    const config = { rules: { ...DEFAULT_CONFIG.rules, 'sdg/max-goals': { options: { max: 2 } } } };
    const result = validateYaml(yaml, { config });
    expect(hits(result)).toEqual([{ rule: 'sdg/max-goals', line: lineOf(yaml, 'sdgs:') }]);
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('3 SDGs are claimed, more than 2'),
    });
  });

  it('turns a bad maximum in the configuration into a rule failure that names the option', () => {
    const config = { rules: { 'sdg/max-goals': { options: { max: 'three' } } } };
    const result = validateYaml(withEdits(), { config });
    expect(hits(result)).toEqual([{ rule: 'internal/rule-error', line: 1 }]);
    expect(result.diagnostics[0]!.message).toContain('option "max" of sdg/max-goals');
  });

  it('names the first entry of a duplicated goal', () => {
    const result = validateYaml(withEdits([['sdgs', 3], { goal: 10, evidenceText: 'Again.' }]));
    expect(result.diagnostics[0]!.message).toBe(
      "SDG 10 is listed twice (first as entry 3 of sdgs); merge this entry's evidence into the first one and remove it.",
    );
  });

  it('reports a waived goal count as information', () => {
    const yaml = withEdits(
      [['sdgs'], goals(1, 2, 3, 4, 5, 6, 8, 10, 17)],
      [
        ['waivers'],
        [
          {
            rule: 'sdg/max-goals',
            reason: 'A national platform spanning every sector; evidence checked per goal.',
            approvedBy: 'dpg-review-team',
          },
        ],
      ],
    );
    const result = validateYaml(yaml);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: 'sdg/max-goals', severity: 'info', waived: expect.any(Object) }),
    ]);
    expect(result.warningCount).toBe(0);
  });
});
