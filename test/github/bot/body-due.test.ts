import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCS_BASE_URL } from '../../../src/config/config.js';
import { renderComment } from '../../../src/github/bot/body.js';
import type { FormatterOptions } from '../../../src/formatters/types.js';
import { ALL_RULES } from '../../../src/rules/index.js';
import { withEdits } from '../../support/nomination.js';
import { validateYaml } from '../../support/validate.js';

const OPTIONS: FormatterOptions = { color: false, docsBaseUrl: DEFAULT_DOCS_BASE_URL, rules: ALL_RULES, version: '0.1.0' };

/** TEST_NOW is 2026-11-23. An approved record of 1.1.6 without what 1.1.7 added for indicators 3 and 7. */
const owing = (date: string, ...more: Array<[Array<string | number>, unknown]>) =>
  withEdits(
    [['stage'], 'dpg'],
    [['review'], { date, reviewer: 'registry-team' }],
    [['standardVersion'], '1.1.6'],
    [['ownership', 'ownsAllComponents'], undefined],
    [['privacy', 'piiRequirements'], undefined],
    ...more,
  );

const row = (body: string, id: string) => body.split('\n').find((l) => l.startsWith(`| ${id} | `));

describe('answers due at renewal in the review comment', () => {
  it('marks each indicator that owes an answer as due, with the date, and counts them apart from warnings', () => {
    const { body, verdict } = renderComment([validateYaml(owing('2026-05-04'))], OPTIONS);
    expect(verdict).toBe('pass');
    expect(body).toContain('## ✅ DPG checks passed — 2 due at renewal, 1 nomination checked');
    expect(body).toContain('### ⏳ nominations/example-case-manager.yaml\n\n2 due at renewal (by 2027-05-04, the end of its recognition)');
    expect(row(body, '3')).toBe('| 3 | Clear ownership | ⏳ due at renewal (1 answer by 2027-05-04) |');
    expect(row(body, '7')).toBe('| 7 | Adherence to privacy and applicable laws | ⏳ due at renewal (1 answer by 2027-05-04) |');
    expect(row(body, '1')).toBe('| 1 | Relevance to the SDGs | ✅ pass |');
    const problems = body.split('\n').filter((l) => l.startsWith('- ') && l.includes('nominations/example-case-manager.yaml:'));
    expect(problems).toHaveLength(2);
    for (const line of problems) expect(line).toMatch(/^- ⏳ .*due at its next review, by 2027-05-04\./);
    expect(body).not.toContain('⚠️');
  });

  it('keeps other warnings as warnings beside what is due', () => {
    const { body } = renderComment(
      [validateYaml(owing('2026-05-04', [['documentation', 'urls', 0], 'http://docs.example.org/']))],
      OPTIONS,
    );
    expect(body).toContain('## ✅ DPG checks passed — 1 warning, 2 due at renewal, 1 nomination checked');
    expect(row(body, '5')).toBe('| 5 | Documentation | ⚠️ warning (1 warning) |');
    expect(body).toMatch(/^- ⚠️ .*url\/https/m);
  });

  it('shows answers owed after the recognition ended as failures', () => {
    const { body, verdict } = renderComment([validateYaml(owing('2025-10-01'))], OPTIONS);
    expect(verdict).toBe('fail');
    expect(row(body, '3')).toBe('| 3 | Clear ownership | ❌ fail (1 error) |');
    expect(body).not.toContain('⏳');
  });
});
