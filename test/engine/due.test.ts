import { describe, expect, it } from 'vitest';
import { lineOf, withEdits } from '../support/nomination.js';
import { validateYaml } from '../support/validate.js';

// TEST_NOW is 2026-11-23: a review on 2026-05-04 is current, one on 2025-10-01 has ended.
const approved = (date: string, version?: string) =>
  [
    [['stage'], 'dpg'],
    [['review'], { date, reviewer: 'dpg-review-team' }],
    [['standardVersion'], version],
  ] as Array<[Array<string | number>, unknown]>;
const gaps: Array<[Array<string | number>, unknown]> = [
  [['ownership', 'ownsAllComponents'], undefined],
  [['platformIndependence', 'coreDependencies'], undefined],
  [['privacy', 'piiRequirements'], undefined],
];

const cases = [
  {
    name: 'an approved record of 1.1.6 owes the 1.1.7 answers at its next review',
    edits: [...approved('2026-05-04', '1.1.6'), ...gaps],
    severity: 'warning',
    due: { by: '2027-05-04', overdue: false },
  },
  {
    name: 'an approved record naming no version is taken as assessed under the first one',
    edits: [...approved('2026-05-04'), ...gaps],
    severity: 'warning',
    due: { assessedUnder: '1.1.6' },
  },
  {
    name: 'an approved record whose recognition has ended owes them now',
    edits: [...approved('2025-10-01', '1.1.6'), ...gaps],
    severity: 'error',
    due: { by: '2026-10-01', overdue: true },
  },
  {
    name: 'an expired record owes them now',
    edits: [...approved('2026-05-04', '1.1.6'), [['stage'], 'expired'], ...gaps],
    severity: 'error',
    due: { overdue: true },
  },
  {
    name: 'an approved record of the current version is judged by it',
    edits: [...approved('2026-05-04', '1.1.7'), ...gaps],
    severity: 'error',
    due: undefined,
  },
  {
    name: 'a nominee is always judged by the current version',
    edits: [[['standardVersion'], '1.1.6'], ...gaps],
    severity: 'error',
    due: undefined,
  },
] as Array<{ name: string; edits: Array<[Array<string | number>, unknown]>; severity: string; due?: Record<string, unknown> }>;

describe('requirements introduced by a later version of the Standard', () => {
  it.each(cases)('$name', ({ edits, severity, due }) => {
    const yaml = withEdits(...edits);
    const result = validateYaml(yaml);
    const versioned = result.diagnostics.filter((d) => d.since === '1.1.7');
    expect(versioned.map((d) => [d.ruleId, d.line])).toEqual([
      ['schema/required', lineOf(yaml, 'ownership:')],
      ['schema/required', lineOf(yaml, 'platformIndependence:')],
      ['privacy/pii-requirements', lineOf(yaml, 'privacy:')],
    ]);
    for (const d of versioned) {
      expect(d.severity).toBe(severity);
      if (due) expect(d.due).toMatchObject({ since: '1.1.7', ...due });
      else expect(d.due).toBeUndefined();
    }
    if (severity === 'warning') {
      expect(result.errorCount).toBe(0);
      expect(result.indicators['3']).toBe('warning');
    }
  });

  it('names the renewal date in the message', () => {
    const result = validateYaml(withEdits(...approved('2026-05-04', '1.1.6'), ...gaps));
    expect(result.diagnostics.find((d) => d.ruleId === 'privacy/pii-requirements')!.message).toContain(
      'Required since Standard 1.1.7; this DPG was assessed under 1.1.6: due at its next review, by 2027-05-04.',
    );
  });

  it('leaves requirements of the first version errors', () => {
    const result = validateYaml(withEdits(...approved('2026-05-04', '1.1.6'), [['licenses'], undefined]));
    expect(result.diagnostics).toEqual([expect.objectContaining({ ruleId: 'schema/required', severity: 'error' })]);
    expect(result.diagnostics[0]!.due).toBeUndefined();
  });

  it('rejects a version dpg does not know', () => {
    const result = validateYaml(withEdits([['standardVersion'], '9.9']));
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(['schema/enum']);
  });
});
