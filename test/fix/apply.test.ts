import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/fix/apply.js';
import type { Fix } from '../../src/core/types.js';
import { validNominationText } from '../support/nomination.js';
import { validateYaml } from '../support/validate.js';

/** The canonical nomination written with comments on fixed lines, mixed quoting and flow sequences. */
function oddlyFormatted(): string {
  return validNominationText()
    .replace('website: https://www.aam-digital.com\ncategories', 'website: http://www.aam-digital.com   # main site\ncategories')
    .replace('    website: https://www.aam-digital.com\n', '    website: "http://www.aam-digital.com" # quoted\n')
    .replace('development: [Germany, India, Israel]', 'development: [Tanzania,   KE, India]  # flow, odd spacing')
    .replace('  - spdx: GPL-3.0-only', "  - spdx: 'GPL-3.0'  # single-quoted");
}

function fixesOf(text: string): Fix[] {
  return validateYaml(text)
    .diagnostics.filter((d) => d.fix && !d.waived)
    .map((d) => d.fix!);
}

function changedLines(before: string, after: string): Array<[string, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

describe('applyFixes on a file with comments and odd formatting', () => {
  const original = oddlyFormatted();
  const outcome = applyFixes(original, fixesOf(original));

  it('changes only the fixed values, keeping quoting, comments and spacing', () => {
    expect(changedLines(original, outcome.text)).toEqual([
      ['website: http://www.aam-digital.com   # main site', 'website: https://www.aam-digital.com   # main site'],
      ['    website: "http://www.aam-digital.com" # quoted', '    website: "https://www.aam-digital.com" # quoted'],
      [
        '  development: [Tanzania,   KE, India]  # flow, odd spacing',
        '  development: [United Republic of Tanzania,   Kenya, India]  # flow, odd spacing',
      ],
      ["  - spdx: 'GPL-3.0'  # single-quoted", "  - spdx: 'GPL-3.0-only'  # single-quoted"],
    ]);
    expect(outcome.applied).toHaveLength(5);
    expect(outcome.skipped).toEqual([]);
  });

  it('leaves nothing to fix afterwards', () => {
    expect(fixesOf(outcome.text)).toEqual([]);
  });
});

describe('applyFixes adding a key', () => {
  const add = (path: string, value: Fix['value']): Fix => ({ description: '', path, value, insert: true });
  it.each([
    {
      name: 'to a mapping in a list, indented as its keys',
      yaml: 'l:\n  - a: 1 # c\n    b: x\nz: 2\n',
      fix: add('/l/0/covers', ['content']),
      expected: 'l:\n  - a: 1 # c\n    b: x\n    covers: [content]\nz: 2\n',
    },
    {
      name: 'after a block value',
      yaml: 'm:\n  a:\n    - x\n    - y\nz: 1\n',
      fix: add('/m/b', 'v'),
      expected: 'm:\n  a:\n    - x\n    - y\n  b: v\nz: 1\n',
    },
    {
      name: 'at the end of a file without a final line break',
      yaml: 'm:\n  a: 1',
      fix: add('/m/b', ['p', 'q r']),
      expected: 'm:\n  a: 1\n  b: [p, q r]\n',
    },
    {
      name: 'with CRLF line endings',
      yaml: 'm:\r\n  a: 1\r\nz: 2\r\n',
      fix: add('/m/b', true),
      expected: 'm:\r\n  a: 1\r\n  b: true\r\nz: 2\r\n',
    },
  ])('$name', ({ yaml, fix, expected }) => {
    const outcome = applyFixes(yaml, [fix]);
    expect(outcome.skipped).toEqual([]);
    expect(outcome.text).toBe(expected);
  });

  it.each([
    { name: 'a key that is there already', yaml: 'm:\n  b: 1\n', path: '/m/b' },
    { name: 'a flow mapping', yaml: 'm: {a: 1}\n', path: '/m/b' },
    { name: 'a parent that is no mapping', yaml: 'm: [1]\n', path: '/m/b' },
  ])('skips $name', ({ yaml, path }) => {
    const outcome = applyFixes(yaml, [add(path, ['x'])]);
    expect(outcome.applied).toEqual([]);
    expect(outcome.text).toBe(yaml);
  });
});

describe('applyFixes on single values', () => {
  const cases: Array<{ name: string; yaml: string; fix: Fix; expected: string }> = [
    { name: 'plain stays plain', yaml: 'a: old # c\n', fix: { description: '', path: '/a', value: 'new' }, expected: 'a: new # c\n' },
    {
      name: 'plain that would parse as another type is double-quoted',
      yaml: 'a: old\n',
      fix: { description: '', path: '/a', value: 'true' },
      expected: 'a: "true"\n',
    },
    {
      name: 'plain with a comma inside a flow sequence is double-quoted',
      yaml: 'a: [x, old]\n',
      fix: { description: '', path: '/a/1', value: 'Korea, Republic of' },
      expected: 'a: [x, "Korea, Republic of"]\n',
    },
    {
      name: 'plain with ": " is double-quoted',
      yaml: 'a: old\n',
      fix: { description: '', path: '/a', value: 'k: v' },
      expected: 'a: "k: v"\n',
    },
    {
      name: 'double-quoted escapes with JSON escapes',
      yaml: 'a: "old"\n',
      fix: { description: '', path: '/a', value: 'say "hi"\\' },
      expected: 'a: "say \\"hi\\"\\\\"\n',
    },
    {
      name: 'single-quoted doubles its quotes',
      yaml: "a: 'old'\n",
      fix: { description: '', path: '/a', value: "it's" },
      expected: "a: 'it''s'\n",
    },
    {
      name: 'a key that contains a slash',
      yaml: 'a/b: old\n',
      fix: { description: '', path: '/a~1b', value: 'new' },
      expected: 'a/b: new\n',
    },
    {
      name: 'a multi-line plain scalar becomes one line',
      yaml: 'a: old\n  text\nb: 1\n',
      fix: { description: '', path: '/a', value: 'new' },
      expected: 'a: new\nb: 1\n',
    },
    {
      name: 'CRLF line endings stay',
      yaml: 'a: old\r\nb: x # c\r\n',
      fix: { description: '', path: '/b', value: 'y' },
      expected: 'a: old\r\nb: y # c\r\n',
    },
  ];
  it.each(cases)('$name', ({ yaml, fix, expected }) => {
    const outcome = applyFixes(yaml, [fix]);
    expect(outcome.text).toBe(expected);
    expect(outcome.applied).toEqual([fix]);
  });

  it('applies only the first of two fixes on the same value', () => {
    const first: Fix = { description: '', path: '/a', value: 'one' };
    const second: Fix = { description: '', path: '/a', value: 'two' };
    const outcome = applyFixes('a: old\n', [first, second]);
    expect(outcome.text).toBe('a: one\n');
    expect(outcome.applied).toEqual([first]);
    expect(outcome.skipped.map((s) => s.fix)).toEqual([second]);
  });

  it.each([
    { name: 'a missing key', yaml: 'a: old\n', path: '/b' },
    { name: 'a mapping, not a scalar', yaml: 'a:\n  b: 1\n', path: '/a' },
    { name: 'a block scalar', yaml: 'a: |\n  old\n', path: '/a' },
    { name: 'an alias', yaml: 'x: &v old\na: *v\n', path: '/a' },
  ])('skips $name and leaves the text alone', ({ yaml, path }) => {
    const outcome = applyFixes(yaml, [{ description: '', path, value: 'new' }]);
    expect(outcome.text).toBe(yaml);
    expect(outcome.applied).toEqual([]);
    expect(outcome.skipped).toHaveLength(1);
  });

  it('leaves a file that does not parse alone', () => {
    const yaml = 'a: [old\n';
    expect(applyFixes(yaml, [{ description: '', path: '/a/0', value: 'new' }]).text).toBe(yaml);
  });
});

describe('applyFixes removing a list item', () => {
  const remove = (path: string): Fix => ({ description: '', path, value: '', remove: true });
  it.each([
    { name: 'a block item, with its comment', yaml: 'l:\n  - a\n  - b  # dup\n  - c\n', path: '/l/1', expected: 'l:\n  - a\n  - c\n' },
    { name: 'the last block item of a file without a final line break', yaml: 'l:\n  - a\n  - b', path: '/l/1', expected: 'l:\n  - a\n' },
    { name: 'a flow item in the middle', yaml: 'l: [a,  b, c] # x\n', path: '/l/1', expected: 'l: [a,  c] # x\n' },
    { name: 'the last flow item', yaml: 'l: [a, b]\n', path: '/l/1', expected: 'l: [a]\n' },
  ])('$name', ({ yaml, path, expected }) => {
    const outcome = applyFixes(yaml, [remove(path)]);
    expect(outcome.skipped).toEqual([]);
    expect(outcome.text).toBe(expected);
  });

  it.each([
    { name: 'the only item (the list would become empty)', yaml: 'l:\n  - a\n', path: '/l/0' },
    { name: 'an item that is not a scalar', yaml: 'l:\n  - a\n  - [b]\n', path: '/l/1' },
    { name: 'an item sharing its line with a key', yaml: 'l:\n  - a\n  - b: 1\n', path: '/l/1' },
    { name: 'no such item', yaml: 'l: [a, b]\n', path: '/l/5' },
  ])('skips $name', ({ yaml, path }) => {
    const outcome = applyFixes(yaml, [remove(path)]);
    expect(outcome.text).toBe(yaml);
    expect(outcome.skipped).toHaveLength(1);
  });

  it('does not also rewrite the item it removes', () => {
    const outcome = applyFixes('l:\n  - a\n  - b\n', [remove('/l/1'), { description: '', path: '/l/1', value: 'c' }]);
    expect(outcome.text).toBe('l:\n  - a\n');
    expect(outcome.skipped).toHaveLength(1);
  });
});
