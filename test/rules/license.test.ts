import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/apply.js';
import { hits, validateYaml } from '../support/validate.js';
import { lineOf, withEdits } from '../support/nomination.js';

interface Case {
  name: string;
  yaml: string;
  expected: Array<{ rule: string; line: number }>;
}

function row(name: string, yaml: string, expected: (yaml: string) => Case['expected'] = () => []): Case {
  return { name, yaml, expected: expected(yaml) };
}

const EVIDENCE = 'https://github.com/example-org/case-manager/blob/master/LICENSE';
const licence = (spdx: string, covers?: string[]) => ({ spdx, evidenceUrl: EVIDENCE, ...(covers ? { covers } : {}) });
/** The valid nomination with other categories and licences (an AI model also answers whether its training data holds PII). */
const nomination = (categories: string[], ...licences: object[]) =>
  withEdits(
    [['categories'], categories],
    [['licenses'], licences],
    [['doNoHarm', 'dataPrivacySecurity', 'trainingDataPii'], categories.includes('ai-model') ? false : undefined],
  );
const withSpdx = (spdx: string) => withEdits([['licenses', 0, 'spdx'], spdx]);

const at = (rule: string, needle: string) => (y: string) => [{ rule, line: lineOf(y, needle) }];
const VALID = 'license/valid-spdx';
const DEPRECATED = 'license/deprecated-id';
const APPROVED = 'license/approved-for-category';
const EVIDENCE_URL = 'license/evidence-url';
const CONTENT_COVERS = 'license/content-covers';

const cases: Case[] = [
  // license/valid-spdx
  row('a current SPDX id is fine', withEdits()),
  row('an expression of SPDX ids is fine', withSpdx('MIT OR (Apache-2.0 AND BSD-3-Clause)')),
  row('an exception is fine', withSpdx('GPL-2.0-or-later WITH Classpath-exception-2.0')),
  row('a licence name with a space', withSpdx('Apache 2.0'), at(VALID, 'spdx: Apache 2.0')),
  row('an informal name', withSpdx('GPLv3'), at(VALID, 'spdx: GPLv3')),
  row('lowercase ids in an expression, one finding each', withSpdx('mit or apache-2.0'), (y) => [
    { rule: VALID, line: lineOf(y, 'spdx: mit') },
    { rule: VALID, line: lineOf(y, 'spdx: mit') },
  ]),
  row('an unknown exception', withSpdx('GPL-2.0-only WITH Classpath'), at(VALID, 'spdx: GPL-2.0-only WITH')),
  row('two ids without an operator', withSpdx('MIT Apache-2.0'), at(VALID, 'spdx: MIT Apache-2.0')),
  row('unbalanced parentheses', withSpdx('(MIT OR Apache-2.0'), at(VALID, 'spdx: (MIT')),
  row('a blank licence', withSpdx('   '), at(VALID, 'spdx:')),
  row('an empty licence is left to the schema', withSpdx(''), at('schema/invalid-value', 'spdx:')),
  row(
    'a garbled value: each distinct unknown part once, five at most',
    withSpdx('](x ](x FOO BAR ](x A-1 OR B-2 OR C-3 OR D-4 OR E-5 OR F-6'),
    (y) => Array.from({ length: 5 }, () => ({ rule: VALID, line: lineOf(y, '](x ](x') })),
  ),
  row(
    'a value far longer than any expression is one finding, not parsed',
    withSpdx('MIT OR '.repeat(50_000) + 'MIT'),
    at(VALID, 'spdx: MIT OR MIT'),
  ),
  row(
    'an invalid expression is not judged again for the category',
    nomination(['content'], licence('CC BY-ND 4.0')),
    at(VALID, 'spdx: CC BY-ND 4.0'),
  ),

  // license/deprecated-id
  row('a deprecated GNU id', withSpdx('GPL-3.0'), at(DEPRECATED, 'spdx: GPL-3.0')),
  row('a deprecated id with +', withSpdx('GPL-2.0+ OR MIT'), at(DEPRECATED, 'spdx: GPL-2.0+')),
  row('two deprecated ids', withSpdx('LGPL-2.1 AND AGPL-3.0'), (y) => [
    { rule: DEPRECATED, line: lineOf(y, 'spdx: LGPL') },
    { rule: DEPRECATED, line: lineOf(y, 'spdx: LGPL') },
  ]),
  row('a deprecated id without a successor that is not OSI approved either', withSpdx('Net-SNMP'), (y) => [
    { rule: APPROVED, line: lineOf(y, 'spdx: Net-SNMP') },
    { rule: DEPRECATED, line: lineOf(y, 'spdx: Net-SNMP') },
  ]),

  // license/approved-for-category: software
  row('a content licence on software', withSpdx('CC-BY-4.0'), at(APPROVED, 'spdx: CC-BY-4.0')),
  row('a hardware licence on software, although OSI approved', withSpdx('CERN-OHL-P-2.0'), at(APPROVED, 'spdx: CERN-OHL-P-2.0')),
  row('EUPL 1.1 is rejected', withSpdx('EUPL-1.1'), at(APPROVED, 'spdx: EUPL-1.1')),
  row('EUPL 1.2 is fine', withSpdx('EUPL-1.2')),
  row('BSD-4-Clause is rejected', withSpdx('BSD-4-Clause'), at(APPROVED, 'spdx: BSD-4-Clause')),
  row('OR needs one approved branch', withSpdx('MIT OR CC-BY-4.0')),
  row('AND needs every part approved', withSpdx('MIT AND CC-BY-4.0'), at(APPROVED, 'spdx: MIT AND')),
  row('a custom licence needs a waiver', withSpdx('LicenseRef-example'), at(APPROVED, 'spdx: LicenseRef-example')),
  row('several licences for code alone need no covers', nomination(['software'], licence('MIT'), licence('Apache-2.0'))),
  row('a documentation licence declared as such is fine', nomination(['software'], licence('MIT'), licence('CC-BY-4.0', ['content']))),
  row(
    'a licence declared for another part leaves the code uncovered',
    nomination(['software'], licence('CC-BY-4.0', ['content'])),
    at(APPROVED, 'licenses:'),
  ),
  // license/content-covers
  row(
    "a content licence beside the code's licence is a warning to say covers: [content]",
    nomination(['software'], licence('BSD-2-Clause'), licence('CC-BY-4.0')),
    at(CONTENT_COVERS, 'spdx: CC-BY-4.0'),
  ),
  row(
    "a No-Derivatives licence beside the code's is still refused",
    nomination(['software'], licence('BSD-2-Clause'), licence('CC-BY-ND-4.0')),
    at(APPROVED, 'spdx: CC-BY-ND-4.0'),
  ),
  row('a content licence alone does not license code', nomination(['software'], licence('CC-BY-4.0')), at(APPROVED, 'spdx: CC-BY-4.0')),
  row('two content licences and no code licence are refused', nomination(['software'], licence('CC-BY-4.0'), licence('CC0-1.0')), (y) => [
    { rule: APPROVED, line: lineOf(y, 'spdx: CC-BY-4.0') },
    { rule: APPROVED, line: lineOf(y, 'spdx: CC0-1.0') },
  ]),

  // content, data, standards
  row('a No-Derivatives licence on content', nomination(['content'], licence('CC-BY-ND-4.0')), at(APPROVED, 'spdx: CC-BY-ND-4.0')),
  row('NonCommercial ShareAlike content is fine', nomination(['content'], licence('CC-BY-NC-SA-4.0'))),
  row('a national port for content is fine', nomination(['content'], licence('CC-BY-3.0-AT'))),
  row('a software licence on content', nomination(['content'], licence('MIT')), at(APPROVED, 'spdx: MIT')),
  row('open data under ODbL is fine', nomination(['data'], licence('ODbL-1.0'))),
  row('NonCommercial data', nomination(['data'], licence('CC-BY-NC-4.0')), at(APPROVED, 'spdx: CC-BY-NC-4.0')),
  row('NLOD 1.0 data is rejected', nomination(['data'], licence('NLOD-1.0')), at(APPROVED, 'spdx: NLOD-1.0')),
  row(
    'mixed licensing of a data set',
    nomination(['data'], licence('CC-BY-4.0'), licence('CC-BY-NC-4.0')),
    at(APPROVED, 'spdx: CC-BY-NC-4.0'),
  ),
  row('a standard under a content licence is fine', nomination(['standard'], licence('CC-BY-4.0'))),
  row('a standard under an OSI licence only is fine (real standards publish so)', nomination(['standard'], licence('MIT'))),
  row('a standard under a data-only licence', nomination(['standard'], licence('ODbL-1.0')), at(APPROVED, 'spdx: ODbL-1.0')),
  row(
    'a standard with declared specification and reference code licences is fine',
    nomination(['standard'], licence('CC-BY-4.0', ['specification']), licence('Apache-2.0', ['code'])),
  ),
  row(
    'reference code declared under a content licence',
    nomination(['standard'], licence('CC-BY-4.0', ['specification', 'code'])),
    at(APPROVED, 'spdx: CC-BY-4.0'),
  ),
  row(
    'a standard with two licences that do not say what they cover',
    nomination(['standard'], licence('CC-BY-4.0'), licence('Apache-2.0')),
    (y) => [
      { rule: APPROVED, line: lineOf(y, 'spdx: CC-BY-4.0') },
      { rule: APPROVED, line: lineOf(y, 'spdx: Apache-2.0') },
    ],
  ),

  // AI models and several categories
  row('one OSI licence covers the code and the model', nomination(['ai-model'], licence('Apache-2.0'))),
  row(
    'separate code and model licences are fine',
    nomination(['ai-model'], licence('Apache-2.0', ['code']), licence('CC-BY-4.0', ['model'])),
  ),
  row('an AI model whose weights no licence covers', nomination(['ai-model'], licence('Apache-2.0', ['code'])), at(APPROVED, 'licenses:')),
  row(
    'an AI model with two licences that do not say what they cover',
    nomination(['ai-model'], licence('Apache-2.0'), licence('CC-BY-4.0')),
    (y) => [
      { rule: APPROVED, line: lineOf(y, 'spdx: Apache-2.0') },
      { rule: APPROVED, line: lineOf(y, 'spdx: CC-BY-4.0') },
    ],
  ),
  row(
    'covers alone disambiguates the rest',
    nomination(['ai-model'], licence('Apache-2.0', ['code']), licence('CC-BY-4.0')),
    at(APPROVED, 'spdx: CC-BY-4.0'),
  ),
  row(
    'one content licence on software and content',
    nomination(['software', 'content'], licence('CC-BY-4.0')),
    at(APPROVED, 'spdx: CC-BY-4.0'),
  ),
  row(
    'software and data with declared licences are fine',
    nomination(['software', 'data'], licence('AGPL-3.0-only', ['code']), licence('CC0-1.0', ['data'])),
  ),
  row('an empty covers is left to the schema', nomination(['software'], licence('MIT', [])), at('schema/invalid-value', 'covers:')),
  row(
    'a custom licence on two parts is reported once',
    nomination(['ai-model'], licence('LicenseRef-model')),
    at(APPROVED, 'spdx: LicenseRef-model'),
  ),

  // license/evidence-url
  row('a licence without evidence', withEdits([['licenses', 0, 'evidenceUrl'], undefined]), at(EVIDENCE_URL, 'spdx: GPL-3.0-only')),
  row(
    'every licence needs its own evidence',
    nomination(['software'], licence('MIT'), { spdx: 'Apache-2.0' }),
    at(EVIDENCE_URL, 'spdx: Apache-2.0'),
  ),
];

describe('license rules', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    expect(hits(validateYaml(yaml))).toEqual(expected);
  });

  const message = (yaml: string, rule: string) =>
    validateYaml(yaml)
      .diagnostics.filter((d) => d.ruleId === rule)
      .map((d) => d.message);

  it('suggests the closest id for a malformed one', () => {
    expect(message(withSpdx('Apache 2.0'), VALID)).toEqual(['"Apache 2.0" is not an SPDX licence identifier; did you mean "Apache-2.0"?']);
    expect(message(withSpdx('GPLv3'), VALID)).toEqual(['"GPLv3" is not an SPDX licence identifier; did you mean "GPL-3.0-only"?']);
    expect(message(withSpdx('Proprietary'), VALID)).toEqual([expect.stringContaining('"LicenseRef-<name>"')]);
  });

  it('says what is wrong with an expression that does not parse', () => {
    expect(message(withSpdx('MIT Apache-2.0'), VALID)).toEqual([expect.stringContaining('licences must be joined with AND, OR or WITH')]);
    expect(message(withSpdx('MIT AND'), VALID)).toEqual([expect.stringContaining('an operator lacks a licence on one side')]);
  });

  it('explains why content may not be No-Derivatives', () => {
    expect(message(nomination(['content'], licence('CC-BY-ND-4.0')), APPROVED)).toEqual([
      '"CC-BY-ND-4.0" is a No-Derivatives licence; content must use CC BY, CC BY-SA, CC0, CC BY-NC or CC BY-NC-SA.',
    ]);
  });

  it('asks software for an OSI-approved licence', () => {
    expect(message(withSpdx('CC-BY-4.0'), APPROVED)).toEqual([
      '"CC-BY-4.0" is not approved by the OSI; software (code) needs an OSI-approved licence such as Apache-2.0, MIT or GPL-3.0-or-later.',
    ]);
    expect(message(withSpdx('CERN-OHL-P-2.0'), APPROVED)).toEqual([expect.stringContaining('a hardware licence on software')]);
  });

  it('names the part no licence covers', () => {
    expect(message(nomination(['ai-model'], licence('Apache-2.0', ['code'])), APPROVED)).toEqual([
      expect.stringMatching(/^No licence covers the AI model \(weights\) of this ai-model nomination; add one with covers: \[model\]/),
    ]);
  });

  it('asks which parts each licence covers when that is unclear', () => {
    expect(message(nomination(['software', 'data'], licence('MIT'), licence('CC0-1.0')), APPROVED)).toEqual([
      '"MIT" does not say which parts it covers, and this software, data nomination has several licences; add covers with the parts it licenses (code, data).',
      '"CC0-1.0" does not say which parts it covers, and this software, data nomination has several licences; add covers with the parts it licenses (code, data).',
    ]);
  });

  it('offers to replace a deprecated id, as a warning', () => {
    const result = validateYaml(withSpdx('GPL-3.0 OR MIT'));
    expect(result.errorCount).toBe(0);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: DEPRECATED,
        severity: 'warning',
        message:
          '"GPL-3.0" is a deprecated SPDX identifier; use "GPL-3.0-only", or "GPL-3.0-or-later" if the licence says "or any later version".',
        fix: { description: 'replace "GPL-3.0" with "GPL-3.0-only"', path: '/licenses/0/spdx', value: 'GPL-3.0-only OR MIT' },
      }),
    ]);
  });

  it.each([
    ['GPL-2.0+', 'GPL-2.0-or-later'],
    ['LGPL-2.1 OR LGPL-2.1+', 'LGPL-2.1-only OR LGPL-2.1+'],
    ['StandardML-NJ', 'SMLNJ'],
    ['Nunit AND MIT', 'zlib-acknowledgement AND MIT'],
    ['wxWindows', 'LGPL-2.0-or-later WITH WxWindows-exception-3.1'],
  ])('fixes %s as %s', (spdx, fixed) => {
    const fixes = validateYaml(withSpdx(spdx))
      .diagnostics.filter((d) => d.ruleId === DEPRECATED)
      .map((d) => d.fix?.value);
    expect(fixes[0]).toBe(fixed);
  });

  it("offers to add covers: [content] to a content licence beside the code's, and the fixed file passes", () => {
    const yaml = nomination(['software'], licence('BSD-2-Clause'), licence('CC-BY-4.0'));
    const result = validateYaml(yaml);
    expect(result.errorCount).toBe(0);
    const [finding] = result.diagnostics.filter((d) => d.ruleId === CONTENT_COVERS);
    expect(finding).toMatchObject({
      severity: 'warning',
      message:
        '"CC-BY-4.0" can only apply to content, and "BSD-2-Clause" covers the code; add covers: [content] so that it is judged as the licence of the content.',
      fix: { path: '/licenses/1/covers', value: ['content'], insert: true },
    });
    const fixed = applyFixes(yaml, [finding!.fix!]);
    expect(fixed.skipped).toEqual([]);
    expect(fixed.text).toContain(`  - spdx: CC-BY-4.0\n    evidenceUrl: ${EVIDENCE}\n    covers: [content]\n`);
    expect(validateYaml(fixed.text).diagnostics.filter((d) => d.ruleId.startsWith('license/'))).toEqual([]);
  });

  it('offers no fix for a deprecated id without a single successor', () => {
    const deprecated = validateYaml(withSpdx('GPL-2.0-with-bison-exception')).diagnostics.find((d) => d.ruleId === DEPRECATED)!;
    expect(deprecated.message).toContain('no single replacement');
    expect(deprecated.fix).toBeUndefined();
  });

  it('lets a maintainer waive a custom licence', () => {
    const yaml = withEdits(
      [['licenses', 0, 'spdx'], 'LicenseRef-example'],
      [['waivers'], [{ rule: APPROVED, reason: 'licence reviewed by the council', approvedBy: 'maintainer' }]],
    );
    expect(validateYaml(yaml).errorCount).toBe(0);
  });
});
