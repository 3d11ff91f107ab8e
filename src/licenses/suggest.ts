import { closest } from '../util/suggest.js';
import { successorOf } from './deprecated.js';
import { currentLicenseIds, deprecatedLicenseIds } from './spdx.js';

/** A licence name reduced to letters, digits and version dots: "GNU GPL v3.0", "GPLv3" and "GPL-3.0" → "gpl3". */
function normaliseLicenseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\b(the|gnu|license|licence|version)\b/g, '')
    .replace(/v(?=\d)/g, '')
    .replace(/(\d)\.0(?![\d.])/g, '$1')
    .replace(/[^a-z0-9.+]/g, '');
}

/** Short names people write that do not normalise to an id, keyed by their normalised form. */
const INFORMAL_NAMES: Readonly<Record<string, string>> = {
  apache: 'Apache-2.0',
  bsd2: 'BSD-2-Clause',
  bsd3: 'BSD-3-Clause',
  mpl: 'MPL-2.0',
  eupl: 'EUPL-1.2',
  odbl: 'ODbL-1.0',
  cc0: 'CC0-1.0',
  ccby: 'CC-BY-4.0',
  ccbysa: 'CC-BY-SA-4.0',
  ccbync: 'CC-BY-NC-4.0',
  ccbyncsa: 'CC-BY-NC-SA-4.0',
};

let byNormalisedName: Map<string, string> | undefined;

/** Normalised name → SPDX id, built on first use (only a licence id that is not valid needs it). */
function idByNormalisedName(key: string): string | undefined {
  if (!byNormalisedName) {
    byNormalisedName = new Map();
    for (const id of [...currentLicenseIds(), ...deprecatedLicenseIds()]) {
      const normalised = normaliseLicenseName(id);
      if (!byNormalisedName.has(normalised)) byNormalisedName.set(normalised, id);
    }
  }
  return byNormalisedName.get(key);
}

/** The current SPDX id `text` most likely means ("Apache 2.0" → "Apache-2.0", "GPLv3" → "GPL-3.0-only"), if any. */
export function suggestLicenseId(text: string): string | undefined {
  const trimmed = text.trim();
  const plus = trimmed.endsWith('+');
  const name = plus ? trimmed.slice(0, -1) : trimmed;
  const key = normaliseLicenseName(name);
  const match =
    INFORMAL_NAMES[key] ??
    idByNormalisedName(key) ??
    closest(name.replace(/\s+/g, '-'), [...currentLicenseIds(), ...deprecatedLicenseIds()]);
  if (match === undefined) return undefined;
  if (deprecatedLicenseIds().has(match)) return successorOf(match, plus);
  return plus ? `${match}+` : match;
}
