import { describe, expect, it, vi } from 'vitest';
import { UNWAIVABLE } from '../../src/rules/types.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { hits, TEST_NOW, validateYaml } from '../support/validate.js';
import { lineOf, withEdits } from '../support/nomination.js';

interface Case {
  name: string;
  yaml: string;
  expected: Array<{ rule: string; line: number }>;
}

function row(name: string, yaml: string, expected: (yaml: string) => Case['expected'] = () => []): Case {
  return { name, yaml, expected: expected(yaml) };
}

// TEST_NOW is 2026-11-23T12:00Z.
const reviewed = (stage: string, date: string) => withEdits([['stage'], stage], [['review'], { date, reviewer: 'dpg-review-team' }]);
const waiving = (...rules: string[]) =>
  withEdits([['waivers'], rules.map((rule) => ({ rule, reason: 'Accepted in review.', approvedBy: 'dpg-review-team' }))]);
const atDate = (rule: string) => (y: string) => [{ rule, line: lineOf(y, 'date:') }];
const atWaiver = (needle: string) => (y: string) => [{ rule: 'lifecycle/waiver-valid', line: lineOf(y, `rule: ${needle}`) }];

const cases: Case[] = [
  row('a nominee without a review is fine', withEdits()),
  row('a DPG reviewed this year is current', reviewed('dpg', '2026-05-04')),
  row('a DPG whose year ends tomorrow is current', reviewed('dpg', '2025-11-24')),
  row('a DPG whose year ends today has expired', reviewed('dpg', '2025-11-23'), atDate('lifecycle/review-current')),
  row('a DPG reviewed two years ago has expired', reviewed('dpg', '2024-10-01'), atDate('lifecycle/review-current')),
  row('an expired record is not asked to renew', reviewed('expired', '2024-10-01')),
  row('a review dated tomorrow somewhere on earth is accepted', reviewed('dpg', '2026-11-24')),
  row('a review dated in the future', reviewed('dpg', '2026-11-25'), atDate('lifecycle/review-date-future')),
  row('a future review date of an expired record', reviewed('expired', '2027-01-15'), atDate('lifecycle/review-date-future')),
  row('an impossible date is neither current nor future here', reviewed('dpg', '2026-02-30')),
  row('a waiver of a known rule is fine', waiving('sdg/max-goals', 'privacy/evidence-required')),
  row('a waiver of an unknown rule', waiving('sdg/max-goal'), atWaiver('sdg/max-goal')),
  row('a waiver of a schema rule', waiving('schema/required'), atWaiver('schema/required')),
  row('a waiver of a YAML rule', waiving('yaml/duplicate-key'), atWaiver('yaml/duplicate-key')),
  row('a waiver of the internal rule', waiving('internal/rule-error'), atWaiver('internal/rule-error')),
  row('each bad waiver is reported', waiving('ownership/owner', 'sdg/unique-goals', 'schema/type'), (y) => [
    ...atWaiver('ownership/owner')(y),
    ...atWaiver('schema/type')(y),
  ]),
];

describe('lifecycle rules', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    expect(hits(validateYaml(yaml))).toEqual(expected);
  });

  it('gives the day recognition ended and what to do', () => {
    const result = validateYaml(reviewed('dpg', '2025-11-23'));
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'warning',
      message:
        'Recognition expired on 2026-11-23 (one year after the review of 2025-11-23); renew it with a new review, or set stage: expired.',
    });
  });

  it("ends a year begun on 29 February on 28 February (the anniversary clamps to the month's end)", () => {
    const result = validateYaml(reviewed('dpg', '2024-02-29'));
    expect(result.diagnostics[0]!.message).toContain('expired on 2025-02-28');
  });

  it('does not expire a record while the day before its end date still runs somewhere', () => {
    const yaml = reviewed('dpg', '2025-11-23');
    expect(hits(validateYaml(yaml, { now: new Date('2026-11-23T11:59:00Z') }))).toEqual([]);
    expect(hits(validateYaml(yaml, { now: new Date('2026-11-23T12:00:00Z') }))).toEqual([
      { rule: 'lifecycle/review-current', line: lineOf(yaml, 'date:') },
    ]);
  });

  it('reports a future review date as an error', () => {
    const result = validateYaml(reviewed('dpg', '2026-12-01'));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: 'lifecycle/review-date-future',
        severity: 'error',
        message: 'The review date 2026-12-01 is in the future (today is 2026-11-23); write the date the decision was taken.',
      }),
    ]);
  });

  it('suggests the rule a mistyped waiver meant', () => {
    const result = validateYaml(waiving('sdg/max-goal'));
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('Did you mean "sdg/max-goals"?') });
  });

  it('does not suggest a rule that cannot be waived', () => {
    const result = validateYaml(waiving('schma/required'));
    expect(result.diagnostics[0]!.message).not.toContain('Did you mean "schema/required"');
  });

  it('reports a waived expiry as information', () => {
    const yaml = withEdits(
      [['stage'], 'dpg'],
      [['review'], { date: '2025-10-01', reviewer: 'dpg-review-team' }],
      [
        ['waivers'],
        [{ rule: 'lifecycle/review-current', reason: 'Renewal under review since 2026-09-15.', approvedBy: 'dpg-review-team' }],
      ],
    );
    const result = validateYaml(yaml);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: 'lifecycle/review-current',
        severity: 'info',
        waived: expect.any(Object),
        line: lineOf(yaml, 'date:'),
      }),
    ]);
    expect(result.warningCount).toBe(0);
  });

  it('tells a misspelt waiver from one of a rule that cannot be waived', () => {
    const unwaivable = validateYaml(waiving('schema/required')).diagnostics.filter((d) => d.ruleId === 'lifecycle/waiver-valid');
    expect(unwaivable).toEqual([expect.objectContaining({ message: expect.stringContaining('cannot be waived') })]);
    expect(ALL_RULES.filter((r) => UNWAIVABLE.test(r.id)).length).toBeGreaterThan(0);
  });

  it.each([
    ['the waiver rule', '../../src/rules/lifecycle/waiver-valid.js'],
    ['the lifecycle list', '../../src/rules/lifecycle/index.js'],
    ['the engine', '../../src/lint/engine.js'],
  ])('loads without an import cycle when %s is imported first', async (_, first) => {
    vi.resetModules();
    await import(first);
    const { ALL_RULES: fresh } = await import('../../src/rules/index.js');
    const { validateSources } = await import('../../src/lint/engine.js');
    const { DEFAULT_CONFIG } = await import('../../src/config/config.js');
    expect(fresh.map((r) => r.id)).toContain('lifecycle/waiver-valid');
    const [result] = validateSources([{ file: 'nominations/example-case-manager.yaml', content: waiving('sdg/max-goal') }], {
      config: DEFAULT_CONFIG,
      now: TEST_NOW,
    });
    expect(result!.diagnostics.filter((d) => d.ruleId.startsWith('lifecycle/') || d.ruleId.startsWith('internal/'))).toEqual([
      expect.objectContaining({ ruleId: 'lifecycle/waiver-valid', message: expect.stringContaining('Did you mean "sdg/max-goals"?') }),
    ]);
  });
});
