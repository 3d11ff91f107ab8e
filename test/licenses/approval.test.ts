import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { judgeSpdx, possibleParts, requiredParts } from '../../src/licenses/approval.js';
import type { LicensedPart } from '../../src/core/nomination.js';

const require = createRequire(import.meta.url);
const currentIds = require('spdx-license-ids/index.json') as string[];

const approved = (spdx: string, part: LicensedPart) => judgeSpdx(spdx, part)?.approved;
const kinds = (spdx: string, part: LicensedPart) => judgeSpdx(spdx, part)?.rejections.map((r) => `${r.kind} ${r.license}`);

describe('licence approval by part', () => {
  const noDerivatives = currentIds.filter((id) => /^CC-BY(-NC)?-ND-/.test(id));

  it('finds the No-Derivatives licences of the SPDX list', () => {
    expect(noDerivatives).toEqual(expect.arrayContaining(['CC-BY-ND-4.0', 'CC-BY-NC-ND-4.0', 'CC-BY-NC-ND-3.0-IGO', 'CC-BY-ND-3.0-DE']));
  });

  it.each(noDerivatives)('rejects %s for content, specifications, data and models as No-Derivatives', (id) => {
    for (const part of ['content', 'specification', 'data', 'model'] as const) {
      expect(kinds(id, part)).toEqual([`noDerivatives ${id}`]);
    }
  });

  it.each([
    ['CC-BY-4.0', 'notApproved'],
    ['CC0-1.0', 'notApproved'],
    ['ODbL-1.0', 'notApproved'],
    ['CERN-OHL-P-2.0', 'rejected'],
    ['CERN-OHL-S-2.0', 'rejected'],
    ['CERN-OHL-W-2.0', 'rejected'],
    ['CERN-OHL-1.2', 'rejected'],
    ['TAPR-OHL-1.0', 'rejected'],
    ['SHL-0.51', 'rejected'],
    ['EUPL-1.1', 'rejected'],
    ['BSD-4-Clause', 'rejected'],
    ['LicenseRef-our-own', 'licenseRef'],
  ])('rejects %s for code (%s)', (id, kind) => {
    expect(kinds(id, 'code')).toEqual([`${kind} ${id}`]);
  });

  it('rejects hardware licences even though the OSI approves some of them', () => {
    expect(judgeSpdx('CERN-OHL-P-2.0', 'code')!.rejections[0]).toMatchObject({
      reason: expect.stringContaining('a hardware licence on software'),
    });
    expect(judgeSpdx('CERN-OHL-P-2.0', 'content')!.rejections[0]).toMatchObject({
      reason: expect.stringContaining('a hardware licence on content'),
    });
  });

  it.each(['Apache-2.0', 'MIT', 'GPL-3.0-or-later', 'EUPL-1.2', 'BSD-3-Clause', 'MPL-2.0', 'AGPL-3.0-only', 'CERN-OHL-P-2.0 OR MIT'])(
    'approves %s for code',
    (id) => expect(approved(id, 'code')).toBe(true),
  );

  it.each(['GPL-3.0', 'AGPL-3.0', 'LGPL-2.1', 'GPL-2.0+', 'GPL-2.0-with-classpath-exception', 'wxWindows'])(
    'judges the deprecated %s as its successor, approved for code',
    (id) => expect(approved(id, 'code')).toBe(true),
  );

  it('names a rejected deprecated id as written', () => {
    expect(kinds('GPL-3.0', 'data')).toEqual(['notApproved GPL-3.0']);
  });

  it.each([
    'CC-BY-4.0',
    'CC-BY-SA-4.0',
    'CC0-1.0',
    'CC-BY-NC-4.0',
    'CC-BY-NC-SA-4.0',
    'CC-BY-2.5',
    'CC-BY-3.0-AT',
    'CC-BY-SA-2.1-JP',
    'CC-BY-3.0-IGO',
    'CC-BY-SA-3.0-IGO',
    'CC-BY-NC-3.0-IGO',
    'CC-BY-NC-SA-3.0-IGO',
    'CC-BY-NC-SA-2.0-UK',
  ])('approves %s for content and specifications', (id) => {
    expect(approved(id, 'content')).toBe(true);
    expect(approved(id, 'specification')).toBe(true);
  });

  it.each(['MIT', 'Apache-2.0', 'CC-SA-1.0', 'CC-PDDC', 'GFDL-1.3-only', 'ODbL-1.0'])('does not approve %s for content', (id) => {
    expect(kinds(id, 'content')).toEqual([`notApproved ${id}`]);
  });

  it.each([
    'CC-BY-4.0',
    'CC-BY-SA-4.0',
    'CC0-1.0',
    'ODbL-1.0',
    'ODC-By-1.0',
    'PDDL-1.0',
    'CC-BY-3.0-IGO',
    'CC-BY-SA-3.0-IGO',
    'OGL-UK-3.0',
  ])('approves %s for data', (id) => expect(approved(id, 'data')).toBe(true));

  it.each([
    ['CC-BY-3.0', 'notApproved'],
    ['CC-BY-NC-4.0', 'notApproved'],
    ['MIT', 'notApproved'],
    ['NLOD-1.0', 'rejected'],
    ['NLOD-2.0', 'notApproved'],
  ])('does not approve %s for data (%s)', (id, kind) => expect(kinds(id, 'data')).toEqual([`${kind} ${id}`]));

  it.each(['CC-BY-4.0', 'ODbL-1.0', 'CC-BY-NC-4.0', 'Apache-2.0', 'MIT'])('approves %s for model weights', (id) => {
    expect(approved(id, 'model')).toBe(true);
  });

  it.each(['CC-BY-ND-4.0', 'CERN-OHL-S-2.0', 'LicenseRef-model-licence'])('does not approve %s for model weights', (id) => {
    expect(approved(id, 'model')).toBe(false);
  });

  describe('expressions', () => {
    it.each([
      ['MIT OR CC-BY-4.0', 'code', true, []],
      ['CC-BY-4.0 OR CC-BY-ND-4.0', 'code', false, ['notApproved CC-BY-4.0', 'noDerivatives CC-BY-ND-4.0']],
      ['MIT AND Apache-2.0', 'code', true, []],
      ['MIT AND CC-BY-4.0', 'code', false, ['notApproved CC-BY-4.0']],
      ['(MIT OR CC-BY-4.0) AND CC0-1.0', 'content', true, []],
      ['(MIT OR Apache-2.0) AND CC0-1.0', 'content', false, ['notApproved MIT', 'notApproved Apache-2.0']],
      ['GPL-2.0-only WITH Classpath-exception-2.0', 'code', true, []],
      ['CC-BY-4.0 WITH Classpath-exception-2.0', 'code', false, ['notApproved CC-BY-4.0']],
      ['Apache-2.0+', 'code', true, []],
      ['LicenseRef-ours OR MIT', 'code', true, []],
      ['LicenseRef-ours AND MIT', 'code', false, ['licenseRef LicenseRef-ours']],
    ] as const)('%s for %s', (spdx, part, isApproved, rejections) => {
      expect(judgeSpdx(spdx, part)).toEqual({ approved: isApproved, rejections: expect.anything() });
      expect(kinds(spdx, part)).toEqual(rejections);
    });

    it('leaves an invalid expression unjudged', () => {
      expect(judgeSpdx('Apache 2.0', 'code')).toBeUndefined();
    });
  });
});

describe('parts of categories', () => {
  it.each([
    [['software'], ['code'], ['code']],
    [['content'], ['content'], ['content']],
    [['data'], ['data'], ['data']],
    [['ai-model'], ['code', 'model'], ['code', 'model']],
    [['standard'], ['specification'], ['code', 'specification']],
    [
      ['software', 'data'],
      ['code', 'data'],
      ['code', 'data'],
    ],
  ] as const)('%j requires %j and may have %j', (categories, required, possible) => {
    expect(requiredParts(categories)).toEqual(required);
    expect(possibleParts(categories)).toEqual(possible);
  });
});
