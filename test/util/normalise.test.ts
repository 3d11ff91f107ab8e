import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseName, normaliseUrl } from '../../src/util/normalise.js';
import { slugify } from '../../src/util/slug.js';

describe('slugify', () => {
  it.each([
    ['Aam Digital', 'aam-digital'],
    ['OpenLMIS', 'openlmis'],
    ['  DHIS2 ', 'dhis2'],
    ['Sauvé & Santé — 2.0', 'sauve-sante-2-0'],
    ['Straße der Daten', 'strasse-der-daten'],
    ['Ørsted Øresund', 'orsted-oresund'],
    ['Łódź Open Data', 'lodz-open-data'],
    ['--Open__Food  Facts--', 'open-food-facts'],
    ['X-Road®', 'x-road'],
    ['ＦＵＬＬＷＩＤＴＨ', 'fullwidth'],
    ['病例管理', ''],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe('normaliseName', () => {
  it.each([
    ['Open LMIS', 'OpenLMIS'],
    ['open-lmis', 'OPENLMIS'],
    ['Sauvé', 'sauve'],
    ['  Mifos X ', 'mifosx'],
  ])('%s equals %s', (a, b) => {
    expect(normaliseName(a)).toBe(normaliseName(b));
  });

  it('tells different names apart', () => {
    expect(normaliseName('OpenLMIS')).not.toBe(normaliseName('OpenMRS'));
    expect(normaliseName('病例管理')).toBe('病例管理');
  });
});

describe('normaliseUrl', () => {
  it.each([
    ['https://github.com/x/y', 'github.com/x/y'],
    ['http://github.com/x/y', 'github.com/x/y'],
    ['https://www.GitHub.com/x/y/', 'github.com/x/y'],
    ['https://github.com/X/Y.git', 'github.com/x/y'],
    ['https://github.com/x/y?tab=readme-ov-file#install', 'github.com/x/y'],
    ['github.com/x/y', 'github.com/x/y'],
    ['https://Example.ORG/Docs/', 'example.org/Docs'],
    ['https://example.org:8443/app', 'example.org:8443/app'],
    ['https://example.org:443/app', 'example.org/app'],
    ['not a url', 'not a url'],
  ])('%s → %s', (url, normalised) => {
    expect(normaliseUrl(url)).toBe(normalised);
  });

  it('keeps path case where the host may be case-sensitive', () => {
    expect(normaliseUrl('https://example.org/Docs')).not.toBe(normaliseUrl('https://example.org/docs'));
  });
});

describe('normaliseName on ASCII', () => {
  // The ASCII fast path must agree with the general Unicode folding it skips.
  const general = (name: string) =>
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[^\p{L}\p{N}]+/gu, '');

  it('gives what the general folding gives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (name) => {
        expect(normaliseName(name)).toBe(general(name));
      }),
      { numRuns: 500 },
    );
  });
});
