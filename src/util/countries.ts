import { createRequire } from 'node:module';
import type * as Countries from 'i18n-iso-countries';
// Only part 1 (countries): the package's entry point also loads 350 kB of subdivisions (part 2).
import { iso31661 } from 'iso-3166/1.js';
import { joinPointer } from '../core/pointer.js';
import { asArray, asRecord } from '../core/nomination.js';
import { normaliseName } from './normalise.js';
import { closest } from './suggest.js';

const require = createRequire(import.meta.url);

/**
 * Names in common use, found in records of the former registry or everyday writing, that the
 * library does not know. Keyed by the name, valued by the ISO 3166-1 alpha-2 code.
 */
export const EXTRA_COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  Laos: 'LA',
  Moldova: 'MD',
  'Palestine State': 'PS',
  Syria: 'SY',
  Brunei: 'BN',
  'Cabo Verde': 'CV',
  Micronesia: 'FM',
  'Vatican City': 'VA',
  // Labels of the former registry's country list: everyday names, with former names in brackets.
  'Congo-Brazzaville': 'CG',
  'Congo-Kinshasa': 'CD',
  'Caribbean Netherlands': 'BQ',
  Swaziland: 'SZ',
  Burma: 'MM',
};

/** Words that mark a bracketed part as a former name: "Eswatini (fmr. 'Swaziland')", "Myanmar (formerly Burma)". */
const FORMER_NAME_MARK = /^(fmr\.?|formerly|former(ly)?\s+known\s+as|previously)\s+/i;

export type CountryResolution =
  /** Written exactly as the ISO 3166 English short name. */
  | { kind: 'canonical'; code: string; name: string }
  /** Another name, an ISO code, or a different spelling of exactly one country. */
  | { kind: 'alias'; code: string; name: string }
  /** A name shared by several countries ("Congo"). */
  | { kind: 'ambiguous'; names: string[] }
  | { kind: 'unknown'; suggestion?: string };

interface CountryTables {
  library: typeof Countries;
  /** Code → the official English short name the library gives. */
  canonicalByCode: Map<string, string>;
  codeByCanonical: Map<string, string>;
  /** Normalised name, alias or code → the codes it may designate. */
  codesByKey: Map<string, Set<string>>;
  /** Every name and alias as written, for suggestions. */
  allNames: Map<string, string>;
}

let built: CountryTables | undefined;

/** The lookup tables, built on first use rather than whenever the module loads (most runs never need them). */
function tables(): CountryTables {
  if (built) return built;
  // The library's own entry point loads every locale; only English names are needed.
  const library = require('i18n-iso-countries/index.js') as typeof Countries;
  library.registerLocale(require('i18n-iso-countries/langs/en.json') as Countries.LocaleData);
  const canonicalByCode = new Map<string, string>(Object.entries(library.getNames('en', { select: 'official' })));
  const codeByCanonical = new Map<string, string>([...canonicalByCode].map(([code, name]) => [name, code]));
  const codesByKey = new Map<string, Set<string>>();
  const allNames = new Map<string, string>();
  const add = (name: string, code: string): void => {
    allNames.set(name, code);
    const normalised = normaliseName(name);
    if (!normalised) return;
    const codes = codesByKey.get(normalised) ?? new Set<string>();
    codes.add(code);
    codesByKey.set(normalised, codes);
  };
  for (const [code, names] of Object.entries(library.getNames('en', { select: 'all' }))) for (const name of names) add(name, code);
  // The ISO 3166-1 English short names ("Holy See", "Bolivia, Plurinational State of"), which the
  // library above words differently.
  for (const { alpha2, name } of iso31661) if (canonicalByCode.has(alpha2)) add(name, alpha2);
  for (const [name, code] of Object.entries(EXTRA_COUNTRY_ALIASES)) add(name, code);
  return (built = { library, canonicalByCode, codeByCanonical, codesByKey, allNames });
}

/** Every ISO 3166 English short name, sorted. */
export function canonicalCountryNames(): string[] {
  return [...tables().canonicalByCode.values()].sort((a, b) => a.localeCompare(b, 'en'));
}

/**
 * Resolves a country as written in a nomination: its ISO 3166 English short name, another name the
 * library or EXTRA_COUNTRY_ALIASES knows (compared without case, accents or punctuation), or an
 * alpha-2/alpha-3 code ("KE", "KEN").
 */
export function resolveCountry(input: string): CountryResolution {
  const written = input.trim();
  const { library, canonicalByCode, codeByCanonical, codesByKey, allNames } = tables();
  const exact = codeByCanonical.get(input);
  if (exact) return { kind: 'canonical', code: exact, name: input };
  const codes = codesByKey.get(normaliseName(written));
  if (codes && codes.size === 1) {
    const code = [...codes][0]!;
    return { kind: 'alias', code, name: canonicalByCode.get(code)! };
  }
  const bracketed = codes ? undefined : bracketedCodes(written, codesByKey);
  if (bracketed?.size === 1) {
    const code = [...bracketed][0]!;
    return { kind: 'alias', code, name: canonicalByCode.get(code)! };
  }
  if (codes && codes.size > 1) return { kind: 'ambiguous', names: [...codes].map((c) => canonicalByCode.get(c)!) };
  if (/^[a-z]{2,3}$/i.test(written)) {
    const code = library.toAlpha2(written.toUpperCase());
    const name = code ? canonicalByCode.get(code) : undefined;
    if (code && name) return { kind: 'alias', code, name };
  }
  const near = closest(written, allNames.keys());
  return near === undefined ? { kind: 'unknown' } : { kind: 'unknown', suggestion: canonicalByCode.get(allNames.get(near)!)! };
}

/**
 * "Name (other name)", as the former registry wrote "Congo (Congo-Brazzaville)" or "Czechia (Czech
 * Republic)": the countries both parts may designate, when each part is a known name. The bracket
 * narrows an ambiguous name down; two parts naming different countries give none.
 */
function bracketedCodes(written: string, codesByKey: Map<string, Set<string>>): Set<string> | undefined {
  // One "(" and one ")" closing the text, found by index: a pattern here would backtrack on long runs of spaces.
  const open = written.indexOf('(');
  if (open <= 0 || !written.endsWith(')') || written.indexOf('(', open + 1) >= 0 || written.indexOf(')') !== written.length - 1)
    return undefined;
  const inner = trimQuotes(
    written
      .slice(open + 1, -1)
      .trim()
      .replace(FORMER_NAME_MARK, ''),
  );
  const outer = codesByKey.get(normaliseName(written.slice(0, open)));
  const within = codesByKey.get(normaliseName(inner));
  if (!outer || !within) return undefined;
  return new Set([...outer].filter((code) => within.has(code)));
}

const QUOTES = new Set(['"', "'", '‘', '’', '“', '”']);

function trimQuotes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && QUOTES.has(text[start]!)) start++;
  while (end > start && QUOTES.has(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** Every country string of a nomination: organisations' countries and both country lists. */
export function countryFields(data: { organizations?: unknown; countries?: unknown }): Array<{ path: string; value: string }> {
  const found: Array<{ path: string; value: string }> = [];
  asArray(data.organizations).forEach((organization, index) => {
    const country = asRecord(organization).country;
    if (typeof country === 'string') found.push({ path: joinPointer('/organizations', index, 'country'), value: country });
  });
  const lists = asRecord(data.countries);
  for (const list of ['development', 'deployment']) {
    asArray(lists[list]).forEach((country, index) => {
      if (typeof country === 'string') found.push({ path: joinPointer('/countries', list, index), value: country });
    });
  }
  return found;
}
