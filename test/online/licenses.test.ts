import { describe, expect, it } from 'vitest';
import { expressionLicenseIds, matchesDeclared, mentionsLicense, pageText } from '../../src/licenses/detected.js';

const mentions: Array<{ name: string; text: string; id: string; expected: boolean }> = [
  { name: 'the SPDX id', text: 'Licensed under MIT.', id: 'MIT', expected: true },
  { name: 'the full name across a line break', text: 'MIT\n   License', id: 'MIT', expected: true },
  { name: 'a short id in lower case is a word, not the licence', text: 'Hergestellt mit Liebe', id: 'MIT', expected: false },
  {
    name: 'the GPL title with "Version 3"',
    text: 'GNU GENERAL PUBLIC LICENSE\n   Version 3, 29 June 2007',
    id: 'GPL-3.0-only',
    expected: true,
  },
  {
    name: 'the GPL title of another version',
    text: 'GNU GENERAL PUBLIC LICENSE Version 2, June 1991',
    id: 'GPL-3.0-or-later',
    expected: false,
  },
  { name: 'the Apache title with "Version 2.0"', text: 'Apache License\nVersion 2.0, January 2004', id: 'Apache-2.0', expected: true },
  { name: 'an id with spaces for hyphens', text: 'Content is CC BY 4.0', id: 'CC-BY-4.0', expected: true },
  { name: 'the Creative Commons name', text: 'Creative Commons Attribution 4.0 International License', id: 'CC-BY-4.0', expected: true },
  { name: 'a different licence', text: 'Released under the Mozilla Public License 2.0', id: 'MIT', expected: false },
  { name: 'a case-insensitive long id', text: 'see bsd-3-clause', id: 'BSD-3-Clause', expected: true },
  { name: 'the id inside a longer id does not count', text: 'LGPL-2.1-only', id: 'GPL-2.1-only', expected: false },
];

describe('mentionsLicense', () => {
  it.each(mentions)('$name', ({ text, id, expected }) => {
    expect(mentionsLicense(text, id)).toBe(expected);
  });
});

describe('matchesDeclared and expressionLicenseIds', () => {
  it.each([
    ['GPL-2.0', ['GPL-2.0-only'], true],
    ['GPL-2.0', ['GPL-2.0-or-later'], true],
    ['GPL-2.0', ['MIT'], false],
    ['GPL-3.0', ['GPL-2.0-or-later'], false],
    ['mit', ['MIT'], true],
  ] as const)('%s against %j is %s', (detected, declared, expected) => {
    expect(matchesDeclared(detected, declared)).toBe(expected);
  });

  it('lists the licences of an expression once each', () => {
    expect(expressionLicenseIds('(MIT OR Apache-2.0) AND MIT')).toEqual(['MIT', 'Apache-2.0']);
    expect(expressionLicenseIds('GPL-2.0+ WITH Classpath-exception-2.0')).toEqual(['GPL-2.0']);
    expect(expressionLicenseIds('not a licence')).toEqual([]);
  });
});

describe('pageText', () => {
  it('keeps the visible text of HTML only', () => {
    const html =
      '<html><head><style>.MIT{}</style><script>var MIT = 1</script></head><body><p>Apache&nbsp;License&#44; Version&#x20;2.0</p><!-- MIT --></body></html>';
    expect(pageText(html, 'text/html')).toBe('Apache License, Version 2.0');
    expect(pageText('<b>MIT</b>', 'text/plain')).toBe('<b>MIT</b>');
  });

  it('reads unclosed markup as a browser would: to the end of the page', () => {
    expect(pageText('<p>MIT</p><script>Apache-2.0', 'text/html')).toBe('MIT');
    expect(pageText('MIT <!-- Apache-2.0', 'text/html')).toBe('MIT');
    expect(pageText('1 < 2 MIT', 'text/html')).toBe('1 < 2 MIT');
    expect(pageText('<STYLE type="x">MIT</style >Apache', 'text/html')).toBe('Apache');
  });

  // The page is untrusted: markup that never closes must not make each `<` rescan the rest of the page.
  it.each([
    ['unclosed tags', '<'.repeat(400_000), '<'.repeat(400_000) + 'MIT'],
    ['unfinished script tags', '<script '.repeat(100_000), `${'<script '.repeat(100_000)}MIT`],
    ['unclosed scripts', '<script>'.repeat(100_000), ''],
    ['unclosed comments', '<!--'.repeat(100_000), ''],
  ])('reads a page of %s in one pass', (_, body, text) => {
    expect(pageText(body + 'MIT', 'text/html')).toBe(text);
  });
});
