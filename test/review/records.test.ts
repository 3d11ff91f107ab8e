import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { loadNomination } from '../../src/load/load.js';
import { fileRuleDiagnostics, validateReviewSources } from '../../src/review/records.js';
import type { FileRule } from '../../src/rules/types.js';
import { lineOf } from '../support/nomination.js';
import { TEST_NOW } from '../support/validate.js';

interface Case {
  name: string;
  yaml: string;
  relative?: string;
  expected: Array<{ rule: string; line: number }>;
}

const VALID = `# yaml-language-server: $schema=../../schemas/review.schema.json
reviewer: amina-health
date: 2026-11-01
conflictsOfInterest: []
indicators:
  "1": { verdict: meets, comment: The SDG 3 evidence names real deployments. }
  "2": { verdict: meets }
  "7":
    verdict: needs-information
    comment: Which laws apply in Kenya?
  9a: { verdict: does-not-meet, comment: Health records are shared without a legal basis. }
summary: Solid, with two open points.
`;

const edit = (from: string, to: string) => VALID.replace(from, to);
const at = (rule: string, needle: string) => (yaml: string) => [{ rule, line: lineOf(yaml, needle) }];

function row(name: string, yaml: string, expected: (yaml: string) => Case['expected'] = () => [], relative?: string): Case {
  return { name, yaml, expected: expected(yaml), ...(relative ? { relative } : {}) };
}

const cases: Case[] = [
  row('a complete review is valid', VALID),
  row('a review of a few indicators only is valid', edit('  "2": { verdict: meets }\n', '')),
  row(
    'a declared conflict of interest is valid',
    edit('conflictsOfInterest: []', 'conflictsOfInterest:\n  - description: Advised the owner in 2024.'),
  ),
  row(
    'a negative verdict without a comment',
    edit('9a: { verdict: does-not-meet, comment: Health records are shared without a legal basis. }', '9a: { verdict: does-not-meet }'),
    at('review/comment-required', '9a:'),
  ),
  row(
    'needs-information with a blank comment',
    edit('comment: Which laws apply in Kenya?', 'comment: "  "'),
    at('review/comment-required', '"7":'),
  ),
  row(
    'an indicator the Standard does not have',
    edit('  "2": { verdict: meets }', '  "10": { verdict: meets }'),
    at('review/unknown-indicator', '"10"'),
  ),
  row('a misspelt verdict', edit('"2": { verdict: meets }', '"2": { verdict: meet }'), at('review/schema', '"2"')),
  row('an unknown key', edit('summary:', 'sumary:'), at('review/schema', 'sumary:')),
  row('no conflicts-of-interest declaration', edit('conflictsOfInterest: []\n', ''), () => [{ rule: 'review/schema', line: 2 }]),
  row('a date that is not YYYY-MM-DD', edit('date: 2026-11-01', 'date: 1 November 2026'), at('review/schema', 'date:')),
  row(
    'a reviewer other than the file name',
    edit('reviewer: amina-health', 'reviewer: lucas-health'),
    at('review/reviewer-mismatch', 'reviewer:'),
  ),
  row(
    'a review of a nomination the registry does not have',
    VALID,
    () => [{ rule: 'review/missing-nomination', line: 2 }],
    'open-clinik/amina-health.yaml',
  ),
  row(
    'a review outside a nomination folder',
    VALID,
    () => [
      { rule: 'review/missing-nomination', line: 2 },
      { rule: 'review/reviewer-mismatch', line: 2 },
    ],
    'amina.yaml',
  ),
  row(
    'a personal e-mail address in a comment',
    edit('Which laws apply in Kenya?', 'Which laws apply? Ask jane.doe@gmail.com'),
    at('privacy/personal-contact', 'comment: Which laws'),
  ),
  row('broken YAML stops at the syntax error', edit('  "2": { verdict: meets }', '  "2": { verdict: meets'), () => [
    { rule: 'yaml/syntax', line: 8 },
  ]),
];

describe('review records', () => {
  it.each(cases)('$name', ({ yaml, relative, expected }) => {
    const { results } = validateReviewSources(
      [{ file: 'reviews/x.yaml', content: yaml, relative: relative ?? 'open-clinic/amina-health.yaml' }],
      {
        nominations: new Set(['open-clinic']),
        config: DEFAULT_CONFIG,
        now: TEST_NOW,
      },
    );
    expect(results[0]!.diagnostics.map((d) => ({ rule: d.ruleId, line: d.line }))).toEqual(expected);
  });

  it('reads the verdicts of a valid review and keeps an invalid one out of the count', () => {
    const { records } = validateReviewSources(
      [
        { file: 'a.yaml', content: VALID, relative: 'open-clinic/amina-health.yaml' },
        {
          file: 'b.yaml',
          content: VALID.replace('reviewer: amina-health', 'reviewer: someone-else'),
          relative: 'open-clinic/lucas-health.yaml',
        },
      ],
      { nominations: new Set(['open-clinic']), config: DEFAULT_CONFIG, now: TEST_NOW },
    );
    expect(records[0]).toMatchObject({
      slug: 'open-clinic',
      reviewer: 'amina-health',
      date: '2026-11-01',
      conflictsOfInterest: [],
      valid: true,
      verdicts: {
        1: { verdict: 'meets' },
        2: { verdict: 'meets' },
        7: { verdict: 'needs-information', comment: 'Which laws apply in Kenya?' },
        '9a': { verdict: 'does-not-meet' },
      },
    });
    expect(records[1]).toMatchObject({ valid: false });
  });

  it('turns a rule off through dpg.config.yaml', () => {
    const { results } = validateReviewSources(
      [{ file: 'a.yaml', content: edit('reviewer: amina-health', 'reviewer: lucas-health'), relative: 'open-clinic/amina-health.yaml' }],
      {
        nominations: new Set(['open-clinic']),
        config: { ...DEFAULT_CONFIG, rules: { 'review/reviewer-mismatch': { severity: 'off' } } },
        now: TEST_NOW,
      },
    );
    expect(results[0]!.diagnostics).toEqual([]);
  });
});

describe('rules run on review records', () => {
  it('report a crashing rule as internal/rule-error instead of stopping the run', () => {
    const crashing: FileRule = {
      kind: 'file',
      id: 'privacy/example',
      indicator: null,
      description: 'x',
      defaultSeverity: 'warning',
      messages: { found: 'found' },
      check(context) {
        context.report({ path: '/reviewer', messageId: 'found' });
        throw new Error('boom');
      },
    };
    const loaded = loadNomination('reviews/x/amina-health.yaml', VALID);
    const found = fileRuleDiagnostics(loaded, [crashing], DEFAULT_CONFIG, TEST_NOW);
    expect(found.map((d) => [d.ruleId, d.severity])).toEqual([['internal/rule-error', 'error']]);
    expect(found[0]!.message).toContain('Rule privacy/example crashed on this file (boom)');
  });
});
