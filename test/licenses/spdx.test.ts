import { describe, expect, it } from 'vitest';
import { DEPRECATED_SUCCESSORS, successorOf } from '../../src/licenses/deprecated.js';
import { currentLicenseIds, deprecatedLicenseIds, licenseNodes, parseSpdx, unknownParts } from '../../src/licenses/spdx.js';
import { suggestLicenseId } from '../../src/licenses/suggest.js';

describe('unknown parts of an expression', () => {
  it.each([
    ['Apache 2.0', ['Apache 2.0']],
    ['MIT License', ['MIT License']],
    ['Apache 2.0 OR MIT', ['Apache 2.0']],
    ['mit or apache-2.0', ['mit', 'apache-2.0']],
    ['(GPL v3 AND MIT) OR BSD', ['GPL v3', 'BSD']],
    ['MIT AND LicenseRef-ours', []],
    ['GPL-2.0+ WITH Classpath-exception-2.0', []],
    ['MIT Apache-2.0', []],
  ])('%s → %j', (source, parts) => {
    expect(unknownParts(source).map((p) => p.text)).toEqual(parts);
  });

  it('marks an unknown exception as one', () => {
    expect(unknownParts('GPL-2.0-only WITH Classpath-2.0')).toEqual([{ text: 'Classpath-2.0', exception: true }]);
  });
});

describe('licence id suggestions', () => {
  it.each([
    ['Apache 2.0', 'Apache-2.0'],
    ['Apache License, Version 2.0', 'Apache-2.0'],
    ['apache-2.0', 'Apache-2.0'],
    ['GPLv3', 'GPL-3.0-only'],
    ['GNU GPL v3', 'GPL-3.0-only'],
    ['GPLv2+', 'GPL-2.0-or-later'],
    ['AGPLv3', 'AGPL-3.0-only'],
    ['LGPL v2.1', 'LGPL-2.1-only'],
    ['MIT License', 'MIT'],
    ['mit', 'MIT'],
    ['CC BY 4.0', 'CC-BY-4.0'],
    ['CC-BY-SA 4.0', 'CC-BY-SA-4.0'],
    ['BSD 3', 'BSD-3-Clause'],
    ['MPL', 'MPL-2.0'],
    ['ODBL', 'ODbL-1.0'],
  ])('%s → %s', (text, id) => {
    expect(suggestLicenseId(text)).toBe(id);
  });

  it('suggests nothing for text unlike any licence', () => {
    expect(suggestLicenseId('Proprietary, all rights reserved')).toBeUndefined();
  });
});

describe('deprecated ids', () => {
  it('has a decision for every deprecated id of spdx-license-ids', () => {
    expect([...deprecatedLicenseIds()].filter((id) => !Object.hasOwn(DEPRECATED_SUCCESSORS, id))).toEqual([]);
    expect(Object.keys(DEPRECATED_SUCCESSORS).filter((id) => !deprecatedLicenseIds().has(id))).toEqual([]);
  });

  it.each(Object.entries(DEPRECATED_SUCCESSORS).filter(([, s]) => s !== undefined))(
    '%s has successors made of current ids',
    (_id, successor) => {
      for (const expression of [successor!.replacement, successor!.orLater].filter((e) => e !== undefined)) {
        const parsed = parseSpdx(expression);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(licenseNodes(parsed.tree).every((n) => currentLicenseIds().has(n.license))).toBe(true);
      }
    },
  );

  it.each([
    ['GPL-3.0', false, 'GPL-3.0-only'],
    ['GPL-3.0', true, 'GPL-3.0-or-later'],
    ['LGPL-2.1', true, 'LGPL-2.1-or-later'],
    ['StandardML-NJ', false, 'SMLNJ'],
    ['Nunit', false, 'zlib-acknowledgement'],
    ['bzip2-1.0.5', true, 'bzip2-1.0.6+'],
    ['eCos-2.0', true, 'GPL-2.0-or-later WITH eCos-exception-2.0'],
    ['Net-SNMP', false, undefined],
  ] as const)('%s (plus: %s) → %s', (id, plus, expected) => {
    expect(successorOf(id, plus)).toBe(expected);
  });
});
