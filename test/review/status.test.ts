import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { formatStatusText } from '../../src/review/format.js';
import { validateReviewSources } from '../../src/review/records.js';
import { nominationStatus } from '../../src/review/status.js';
import { statusMarkdown } from '../../src/formatters/markdown.js';
import { withEdits } from '../support/nomination.js';
import { TEST_NOW, validateYaml } from '../support/validate.js';
import { parse } from 'yaml';

const FILE = 'nominations/example-case-manager.yaml';
const ALL = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9a', '9b', '9c'];

function review(reviewer: string, verdicts: Record<string, string> = {}, conflict = false): { file: string; content: string; relative: string } {
  const lines = ALL.map((id) => {
    const verdict = verdicts[id] ?? 'meets';
    return `  "${id}": { verdict: ${verdict}${verdict === 'meets' ? '' : ', comment: Evidence missing.'} }`;
  });
  const coi = conflict ? '\n  - description: Works for the owner.' : ' []';
  return { file: `reviews/example-case-manager/${reviewer}.yaml`, relative: `example-case-manager/${reviewer}.yaml`,
    content: `reviewer: ${reviewer}\ndate: 2026-11-01\nconflictsOfInterest:${coi}\nindicators:\n${lines.join('\n')}\n` };
}

function status(yaml: string, reviews: Array<ReturnType<typeof review>>, minReviews = 2) {
  const { records } = validateReviewSources(reviews, { nominations: new Set(['example-case-manager']), config: DEFAULT_CONFIG, now: TEST_NOW });
  return nominationStatus(validateYaml(yaml, { file: FILE }), parse(yaml), records, { minReviews });
}

describe('review status', () => {
  it.each([
    { name: 'two clean reviews and clean checks: ready', yaml: withEdits(), reviews: [review('amina'), review('lucas')], missing: [] },
    { name: 'one review of two', yaml: withEdits(), reviews: [review('amina')], missing: ['1 of 2 reviews'] },
    { name: 'a review with a conflict of interest does not count', yaml: withEdits(), reviews: [review('amina'), review('lucas', {}, true)], missing: ['1 of 2 reviews'] },
    { name: 'an objection blocks', yaml: withEdits(), reviews: [review('amina', { 2: 'does-not-meet' }), review('lucas', { 7: 'needs-information', '9a': 'needs-information' })],
      missing: ['does-not-meet on 2 (@amina)', 'needs-information on 7 (@lucas) and 9a (@lucas)'] },
    { name: 'automated errors block', yaml: withEdits([['licenses', 0, 'spdx'], 'CC-BY-ND-4.0']), reviews: [review('amina'), review('lucas')], missing: ['automated checks: 1 error'] },
    { name: 'minReviews 0 with no reviews is ready once the checks pass', yaml: withEdits(), reviews: [], minReviews: 0, missing: [] },
  ])('$name', ({ yaml, reviews, minReviews, missing }) => {
    const result = status(yaml, reviews, minReviews);
    expect(result.missing).toEqual(missing);
    expect(result.ready).toBe(missing.length === 0);
  });

  it('lists indicators nobody has judged yet', () => {
    const partial = review('amina');
    partial.content = partial.content.split('\n').filter((l) => !/"9[abc]"/.test(l)).join('\n');
    expect(status(withEdits(), [partial, { ...partial, file: partial.file.replace('amina', 'lucas'), relative: partial.relative.replace('amina', 'lucas'), content: partial.content.replace('amina', 'lucas') }]).missing)
      .toEqual(['no verdict yet on 9a, 9b and 9c']);
  });

  it('shows automated and human verdicts side by side', () => {
    const result = status(withEdits([['licenses', 0, 'spdx'], 'CC-BY-ND-4.0']), [review('amina', { 2: 'does-not-meet' }), review('lucas', {}, true)]);
    const text = formatStatusText([result]);
    expect(text).toContain('  #   automated  @amina         @lucas*\n');
    expect(text).toContain('  2   FAIL       DOES NOT MEET  meets\n');
    expect(text).toContain('  * @lucas does not count: declared a conflict of interest\n');
    const markdown = statusMarkdown(result);
    expect(markdown).toContain('| 2 | Use of an approved open licence | ❌ fail | ❌ does not meet | ✅ meets |');
    expect(markdown).toContain('- @\u200damina on 2: Evidence missing.');
  });
});
