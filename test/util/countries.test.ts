import { iso31661 } from 'iso-3166';
import { describe, expect, it } from 'vitest';
import { resolveCountry } from '../../src/util/countries.js';
import { withEdits } from '../support/nomination.js';
import { validateYaml } from '../support/validate.js';

/**
 * "Congo" is the ISO short name of the Republic of the Congo, and in everyday writing also the
 * Democratic Republic's: it stays ambiguous, so the writer says which (country/iso-3166 names both).
 */
const AMBIGUOUS_SHORT_NAMES = new Set(['Congo']);

describe('country names', () => {
  it('takes the whole ISO 3166-1 list of English short names from its data package', () => {
    expect(iso31661.length).toBeGreaterThanOrEqual(249);
    expect(iso31661.map((c) => c.name)).toEqual(expect.arrayContaining(['Holy See', 'Saint Helena, Ascension and Tristan da Cunha']));
  });

  it('resolves every ISO 3166-1 English short name to its own country', () => {
    const wrong = iso31661
      .filter((c) => !AMBIGUOUS_SHORT_NAMES.has(c.name))
      .map((c) => ({ name: c.name, code: c.alpha2, resolved: resolveCountry(c.name) }))
      .filter(({ code, resolved }) => !('code' in resolved) || resolved.code !== code);
    expect(wrong).toEqual([]);
    expect(resolveCountry('Congo')).toMatchObject({ kind: 'ambiguous', names: expect.arrayContaining(['Republic of the Congo']) });
  });

  it('accepts every ISO 3166-1 English short name in a nomination (country/iso-3166)', () => {
    const names = iso31661.map((c) => c.name).filter((name) => !AMBIGUOUS_SHORT_NAMES.has(name));
    const result = validateYaml(withEdits([['countries', 'deployment'], names]));
    expect(result.diagnostics.filter((d) => d.ruleId === 'country/iso-3166').map((d) => d.message)).toEqual([]);
    // Each is written as the registry's canonical name by `dpg fix`: none is left unresolved.
    const renamed = result.diagnostics.filter((d) => d.ruleId === 'country/canonical-name');
    expect(renamed.every((d) => typeof d.fix?.value === 'string')).toBe(true);
  });

  it.each([
    // The former registry's own labels: an everyday name, with another or a former name in brackets.
    { written: 'Congo (Congo-Brazzaville)', name: 'Republic of the Congo' },
    { written: 'Eswatini (fmr. "Swaziland")', name: 'Eswatini' },
    { written: "Eswatini (fmr. 'Swaziland')", name: 'Eswatini' },
    { written: 'Czechia (Czech Republic)', name: 'Czech Republic' },
    { written: 'Myanmar (formerly Burma)', name: 'Myanmar' },
    { written: 'Caribbean Netherlands', name: 'Bonaire, Sint Eustatius and Saba' },
    { written: 'Holy See', name: 'Holy See (Vatican City State)' },
    { written: 'Saint Helena, Ascension and Tristan da Cunha', name: 'Saint Helena' },
  ])('resolves the former registry\'s "$written"', ({ written, name }) => {
    expect(resolveCountry(written)).toMatchObject({ kind: 'alias', name });
  });

  it.each([
    { written: 'Congo (Kenya)', why: 'two parts naming different countries' },
    { written: 'Atlantis (fmr. Congo)', why: 'an unknown part' },
  ])('does not guess from $why', ({ written }) => {
    expect(resolveCountry(written).kind).not.toBe('alias');
  });
});
