import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/rules/types.js';
import { closest, closestTerm } from '../../src/util/suggest.js';

describe('closest', () => {
  const names = ['Kenya', 'Kuwait', 'Canada', 'United Republic of Tanzania'];

  it.each([
    ['Kenia', 'Kenya'],
    ['kenya', 'Kenya'],
    ['Canda', 'Canada'],
    ['United Republic of Tanzanai', 'United Republic of Tanzania'],
  ])('suggests %s → %s', (input, expected) => {
    expect(closest(input, names)).toBe(expected);
  });

  it.each([['Brazil'], ['K'], ['x'.repeat(200_000)]])('suggests nothing for %#', (input) => {
    expect(closest(input, names)).toBeUndefined();
  });
});

describe('closestTerm', () => {
  const categories = ['software', 'content', 'data', 'ai-model', 'standard'];

  it.each([
    ['dataset', 'data'],
    ['AI', 'ai-model'],
    ['sofware', 'software'],
    ['Standards', 'standard'],
  ])('suggests %s → %s', (input, expected) => {
    expect(closestTerm(input, categories)).toBe(expected);
  });

  it.each([['a'], ['hardware-kit'], ['s'], ['x'.repeat(100_000)]])('suggests nothing for %#', (input) => {
    expect(closestTerm(input, categories)).toBeUndefined();
  });

  it('suggests nothing when the input extends several words', () => {
    expect(closestTerm('content-data', ['content', 'content-data-set', 'data'])).toBeUndefined();
  });
});

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(formatMessage('"{id}" is not {what}; {other}', { id: 'GPLv3', what: 'an SPDX id' })).toBe('"GPLv3" is not an SPDX id; {other}');
  });

  it('cuts a huge value, so one field cannot flood every report', () => {
    const message = formatMessage('"{part}" is unknown', { part: 'a'.repeat(100_000) });
    expect(message).toBe(`"${'a'.repeat(300)}…" is unknown`);
  });
});
