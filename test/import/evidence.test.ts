import { describe, expect, it } from 'vitest';
import { extractEvidence } from '../../src/import/evidence.js';

describe('extractEvidence', () => {
  it('takes the links out of text and leaves the sentence punctuation', () => {
    const found = extractEvidence('DHIS2 for Education: https://dhis2.org/education/. Docs at docs.mosip.io/platform.');
    expect(found.urls).toEqual(['https://dhis2.org/education/', 'https://docs.mosip.io/platform']);
    expect(found.hasText).toBe(true);
  });

  it.each([
    { name: 'a run of punctuation inside a link', value: `https://example.org/${'.'.repeat(200_000)}a` },
    { name: 'a run of spaces', value: `x${' '.repeat(200_000)}y` },
    { name: 'a long chain of host labels', value: 'a.'.repeat(100_000) },
  ])('reads $name of 200 kB in linear time', ({ value }) => {
    const started = performance.now();
    extractEvidence(value, { bareHosts: 'all' });
    // A budget for a hostile value, far above what a linear scan needs, far below what backtracking takes.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
