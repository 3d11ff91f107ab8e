import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { EXTRA_COUNTRY_ALIASES, canonicalCountryNames, resolveCountry } from '../../src/util/countries.js';
import { lineOf, validNominationText, withEdits } from '../support/nomination.js';
import { hits, validateYaml } from '../support/validate.js';

interface Case {
  name: string;
  yaml: string;
  expected: Array<{ rule: string; line: number }>;
}

function countryCase(name: string, path: Array<string | number>, value: string, needle: string, rules: string[]): Case {
  const yaml = withEdits([path, value]);
  return { name, yaml, expected: rules.map((rule) => ({ rule, line: lineOf(yaml, needle) })) };
}

/** Every country written in the `locations` of the former registry's screening records. */
const FORMER_REGISTRY_COUNTRIES = [
  'Albania',
  'Angola',
  'Argentina',
  'Armenia',
  'Australia',
  'Bangladesh',
  'Belgium',
  'Benin',
  'Botswana',
  'Brazil',
  'Bulgaria',
  'Burkina Faso',
  'Burundi',
  'Cameroon',
  'Canada',
  'Chile',
  'China',
  'Colombia',
  'Croatia',
  'Cuba',
  'Cyprus',
  "Côte d'Ivoire",
  'Democratic Republic of the Congo',
  'Denmark',
  'Dominican Republic',
  'El Salvador',
  'Estonia',
  'Ethiopia',
  'Fiji',
  'Finland',
  'France',
  'Georgia',
  'Germany',
  'Ghana',
  'Greece',
  'Guinea',
  'Honduras',
  'Hungary',
  'Iceland',
  'India',
  'Indonesia',
  'Ireland',
  'Israel',
  'Italy',
  'Jordan',
  'Kenya',
  'Laos',
  'Latvia',
  'Lebanon',
  'Liberia',
  'Malawi',
  'Malaysia',
  'Mali',
  'Mexico',
  'Moldova',
  'Montenegro',
  'Mozambique',
  'Myanmar',
  'Namibia',
  'Nepal',
  'Netherlands',
  'New Zealand',
  'Nicaragua',
  'Nigeria',
  'North Macedonia',
  'Norway',
  'Pakistan',
  'Palestine State',
  'Peru',
  'Philippines',
  'Portugal',
  'Romania',
  'Russia',
  'Rwanda',
  'Senegal',
  'Serbia',
  'Sierra Leone',
  'Singapore',
  'Slovenia',
  'South Africa',
  'Spain',
  'Sweden',
  'Switzerland',
  'Tanzania',
  'Timor-Leste',
  'Togo',
  'Trinidad and Tobago',
  'Tunisia',
  'Uganda',
  'Ukraine',
  'United Arab Emirates',
  'United Kingdom',
  'United States of America',
  'Uruguay',
  'Venezuela',
  'Vietnam',
  'Zambia',
];

const DEPLOYMENT = ['countries', 'deployment', 0];
const DEVELOPMENT = ['countries', 'development', 1];
const ORGANISATION = ['organizations', 0, 'country'];

const cases: Case[] = [
  { name: 'the canonical nomination', yaml: validNominationText(), expected: [] },
  countryCase('a canonical name with a diacritic', DEPLOYMENT, 'Åland Islands', 'deployment:', []),
  countryCase('the canonical name of Tanzania', DEPLOYMENT, 'United Republic of Tanzania', 'deployment:', []),
  countryCase('an alias the library knows', DEPLOYMENT, 'Tanzania', 'deployment:', ['country/canonical-name']),
  countryCase('an alias in other letter case', DEPLOYMENT, 'united kingdom', 'deployment:', ['country/canonical-name']),
  countryCase('"USA"', DEPLOYMENT, 'USA', 'deployment:', ['country/canonical-name']),
  countryCase('an alpha-2 code', DEVELOPMENT, 'KE', 'development:', ['country/canonical-name']),
  countryCase('an alpha-3 code', DEVELOPMENT, 'KEN', 'development:', ['country/canonical-name']),
  countryCase('a name from the extra alias table', DEVELOPMENT, 'Palestine State', 'development:', ['country/canonical-name']),
  countryCase('a name without its hyphen', DEVELOPMENT, 'Timor Leste', 'development:', ['country/canonical-name']),
  countryCase('a typo', ORGANISATION, 'Germny', 'country: Germny', ['country/iso-3166']),
  countryCase('a region, not a country', DEPLOYMENT, 'East Africa', 'deployment:', ['country/iso-3166']),
  countryCase('a name shared by two countries', DEPLOYMENT, 'Congo', 'deployment:', ['country/iso-3166']),
  countryCase('an alias on the organisation', ORGANISATION, 'Deutschland', 'country: Deutschland', ['country/iso-3166']),
];

describe('country rules', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    expect(hits(validateYaml(yaml))).toEqual(expected);
  });

  it('fixes an alias to the ISO 3166 English short name', () => {
    const [diagnostic] = validateYaml(withEdits([DEPLOYMENT, 'Tanzania'])).diagnostics;
    expect(diagnostic).toMatchObject({
      ruleId: 'country/canonical-name',
      path: '/countries/deployment/0',
      fix: { path: '/countries/deployment/0', value: 'United Republic of Tanzania' },
    });
  });

  it('suggests the canonical name of the closest country', () => {
    const [typo] = validateYaml(withEdits([ORGANISATION, 'Tanzanai'])).diagnostics;
    expect(typo!.message).toContain('Did you mean "United Republic of Tanzania"?');
    const [ambiguous] = validateYaml(withEdits([DEPLOYMENT, 'Congo'])).diagnostics;
    expect(ambiguous!.message).toContain('"Republic of the Congo"');
    expect(ambiguous!.message).toContain('"Democratic Republic of the Congo"');
  });

  it.each([
    ['Tanzania', 'United Republic of Tanzania'],
    ['USA', 'United States of America'],
    ['United States', 'United States of America'],
    ['KE', 'Kenya'],
    ['Palestine State', 'State of Palestine'],
    ["Côte d'Ivoire", "Cote d'Ivoire"],
    ['Russia', 'Russian Federation'],
  ])('resolves %s to %s', (input, canonical) => {
    expect(resolveCountry(input)).toMatchObject({ kind: 'alias', name: canonical });
  });

  it('knows every canonical name as canonical', () => {
    const names = canonicalCountryNames();
    expect(names.length).toBeGreaterThan(240);
    expect(names.filter((n) => resolveCountry(n).kind !== 'canonical')).toEqual([]);
  });

  it('keeps only extra aliases the library misses, each resolving to its country', () => {
    for (const [alias, code] of Object.entries(EXTRA_COUNTRY_ALIASES)) {
      expect(countries.getSimpleAlpha2Code(alias, 'en'), alias).toBeUndefined();
      expect(resolveCountry(alias), alias).toMatchObject({ kind: 'alias', code });
    }
  });

  it.each(FORMER_REGISTRY_COUNTRIES)('resolves "%s", written in the former registry', (country) => {
    expect(['canonical', 'alias']).toContain(resolveCountry(country).kind);
  });
});
