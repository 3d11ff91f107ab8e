import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments, stringify, type Document } from 'yaml';
import { convertDpgaRecord, nominationYaml } from '../../src/import/dpga.js';
import { composeFast } from '../../src/load/fast-yaml.js';
import { positionsOf, type PositionTable } from '../../src/load/positions.js';
import { nominationTextArbitrary, SEEDS } from '../property/mutations.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DPGA = fileURLToPath(new URL('../fixtures/dpga/', import.meta.url));

interface Composition {
  data: unknown;
  positions: PositionTable;
  lineStarts: number[];
  /** One document without errors or warnings: the only case the fast path may answer. */
  clean: boolean;
}

/** What the loader gets from the yaml package for `text`. */
function slowPath(text: string): Composition {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false }) as unknown as Document[];
  const [doc] = Array.isArray(docs) ? docs : [];
  const clean = Array.isArray(docs) && docs.length === 1 && doc!.errors.length === 0 && doc!.warnings.length === 0;
  return {
    data: clean ? doc!.toJS() : undefined,
    positions: clean ? positionsOf(doc!) : new Map(),
    lineStarts: lineCounter.lineStarts,
    clean,
  };
}

/** Every key of `value` with its path, in order: toStrictEqual does not compare key order. */
function keyOrder(value: unknown, path = '', out: string[] = []): string[] {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.push(`${path}/${key}`);
      keyOrder(child, `${path}/${key}`, out);
    }
  }
  return out;
}

/** Asserts that when the fast path answers, it answers exactly as the yaml path; true when it answered. */
function expectSame(text: string): boolean {
  const fast = composeFast(text);
  if (!fast) return false;
  const slow = slowPath(text);
  expect(slow.clean, 'the fast path answered where yaml reports an error or warning').toBe(true);
  expect(fast.data).toStrictEqual(slow.data);
  expect(keyOrder(fast.data)).toEqual(keyOrder(slow.data));
  expect(new Map([...fast.positions].sort())).toEqual(new Map([...slow.positions].sort()));
  expect(fast.lineCounter.lineStarts).toEqual(slow.lineStarts);
  return true;
}

function expectAccepted(text: string): void {
  expect(composeFast(text), 'the fast path should answer').toBeDefined();
  expectSame(text);
}

const BASE = [
  '# yaml-language-server: $schema=../schemas/nomination.schema.json',
  'name: Example',
  'description: >-',
  '  A folded',
  '  text.',
  'categories: [software, data]',
  'repositories:',
  '  - name: main',
  '    url: https://example.org/repo',
  'ownership:',
  '  ownerType: organization # trailing comment',
  '  ownsAllComponents: true',
  'stage: nominee',
  '',
].join('\n');

describe('composeFast on the repository', async () => {
  const files = await glob(['**/*.yaml', '**/*.yml'], { cwd: ROOT, dot: true, ignore: ['node_modules/**', 'dist/**', '.git/**'] });

  it('finds the repository YAML files', () => {
    expect(files.filter((f) => f.startsWith('nominations/')).length).toBeGreaterThan(5);
  });

  it.each(files.sort())('%s: answers as yaml does, or not at all', (file) => {
    const text = readFileSync(ROOT + file, 'utf8');
    const answered = expectSame(text);
    if (file.startsWith('nominations/') || file.startsWith('test/fixtures/valid/')) expect(answered).toBe(true);
  });
});

describe('composeFast on imported records', () => {
  const records = ['nominees', 'digitalpublicgoods', 'excluded-nominees'].flatMap((dir) =>
    readdirSync(DPGA + dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => `${dir}/${f}`),
  );

  it.each(records)('%s written as YAML is answered as yaml does', (record) => {
    const json = JSON.parse(readFileSync(DPGA + record, 'utf8')) as unknown;
    expectAccepted(stringify(json, { lineWidth: 100, flowCollectionPadding: false }));
  });

  it.each(
    readdirSync(DPGA + 'nominees')
      .filter((f) => f.endsWith('.json'))
      .sort(),
  )('nominee %s converted by the importer is answered as yaml does', (file) => {
    const nominee = JSON.parse(readFileSync(`${DPGA}nominees/${file}`, 'utf8')) as unknown;
    let screening: unknown;
    try {
      screening = JSON.parse(readFileSync(`${DPGA}digitalpublicgoods/${file}`, 'utf8'));
    } catch {
      screening = undefined;
    }
    const conversion = convertDpgaRecord({ nomineeFile: `nominees/${file}`, nominee, screening, excluded: false });
    expectAccepted(nominationYaml(conversion));
  });
});

describe('composeFast scalars', () => {
  const cases: Array<[string, unknown]> = [
    ['012', 12],
    ['+1', 1],
    ['-0', -0],
    ['1_000', '1_000'],
    ['0x1F', 31],
    ['0o17', 15],
    ['0o8', '0o8'],
    ['1e3', 1000],
    ['-1.5E-2', -0.015],
    ['.5', 0.5],
    ['1.', 1],
    ['-.Inf', -Infinity],
    ['.inf', Infinity],
    ['+.INF', Infinity],
    ['.NaN', NaN],
    ['.nan', NaN],
    ['12345678901234567890', 12345678901234567000],
    ['2026-07-21', '2026-07-21'],
    ['yes', 'yes'],
    ['on', 'on'],
    ['y', 'y'],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['tRUE', 'tRUE'],
    ['false', false],
    ['False', false],
    ['null', null],
    ['Null', null],
    ['NULL', null],
    ['nULL', 'nULL'],
    ['~', null],
    ['', null],
    ['1.2.3', '1.2.3'],
    ['0x', '0x'],
    ['-', undefined],
    ['- x', undefined],
    ['-x', '-x'],
    ['a:b', 'a:b'],
    ['a#b', 'a#b'],
    ['a # b', 'a'],
    ['https://example.org/a?b=c#d', 'https://example.org/a?b=c#d'],
    ["'it''s'", "it's"],
    ["'# not a comment'", '# not a comment'],
    ['"tab\\there"', 'tab\there'],
    ['"\\u00e9\\x41\\U0001F600\\/\\\\\\""', 'éA😀/\\"'],
    ['"a  b "', 'a  b '],
    ["''", ''],
    ['""', ''],
    ['"\\q"', undefined],
    ['"\\u12"', undefined],
    ['"\\x4G"', undefined],
    ['"open', undefined],
    ["'open", undefined],
    ['[]', []],
    ['[ ]', []],
    ['{}', {}],
    ['[a, "b c", \'d\', 1, true, ~, -2]', ['a', 'b c', 'd', 1, true, null, -2]],
    ['[https://example.org/x]', ['https://example.org/x']],
    ['[a, ]', undefined],
    ['[a, , b]', undefined],
    ['[a: b]', undefined],
    ['[[a]]', undefined],
    ['{a: 1}', undefined],
    ['[a', undefined],
    ['[a] x', undefined],
    ['"a" x', undefined],
    ['"a"# c', undefined],
    ['[a]# c', undefined],
    ['"a" # c', 'a'],
    ['[a] # c', ['a']],
    ['b: c', undefined],
    ['b:', undefined],
  ];
  it.each(cases)('value: %s', (source, expected) => {
    const text = `before: 1\nvalue: ${source}\nlist:\n  - ${source}\nafter: 2\n`;
    const fast = composeFast(text);
    if (expected === undefined) {
      expect(fast).toBeUndefined();
      return;
    }
    expectAccepted(text);
    expect((fast!.data as Record<string, unknown>).value).toStrictEqual(expected);
    expect((fast!.data as Record<string, unknown[]>).list![0]).toStrictEqual(expected);
  });

  const blocks: Array<[string, string]> = [
    ['|\n  a\n  b\n', 'a\nb\n'],
    ['|-\n  a\n\n  b\n\n\n', 'a\n\nb'],
    ['|+\n  a\n\n\n', 'a\n\n\n'],
    ['>\n  a\n  b\n\n  c\n', 'a b\nc\n'],
    ['>-\n  a\n    more\n  b\n', 'a\n  more\nb'],
    ['>+\n  a\n\n', 'a\n\n'],
    ['| # comment\n  a\n  # not a comment\n', 'a\n# not a comment\n'],
    ['|\n  a\n     \n  b\n', 'a\n   \nb\n'],
    ['|\n\n  a\n', '\na\n'],
    ['|2\n    a\n  b\n', '  a\nb\n'],
    ['>2-\n\n     more\n  next\n', '\n   more\nnext'],
    ['|-1\n   a\n', '  a'],
  ];
  it.each(blocks)('block scalar %j', (source, expected) => {
    for (const text of [`value: ${source}after: 2\n`, `list:\n  - ${source.replace(/\n {2}/g, '\n    ')}after: 2\n`, `value: ${source}`]) {
      expectAccepted(text);
    }
    expect((composeFast(`value: ${source}after: 2\n`)!.data as Record<string, unknown>).value).toBe(expected);
  });

  it('folds multi-line quoted scalars as yaml does', () => {
    const text = 'double: "a  \n  b\n\n  c \\\n  d\\\n   e"\nsingle: \'a \n  b\n\n  it\'\'s \'\nlist:\n  - "x\n    y" # c\n';
    expectAccepted(text);
    expect(composeFast(text)!.data).toEqual({ double: 'a b\nc de', single: "a b\nit's ", list: ['x y'] });
  });

  it('folds multi-line plain scalars as yaml does', () => {
    const text = 'value: first\n  second\n\n  third\n\n\n  fourth # c\nlist:\n  - a\n    b\n  - c: d\n      e\n';
    expectAccepted(text);
    expect(composeFast(text)!.data).toEqual({ value: 'first second\nthird\n\nfourth', list: ['a b', { c: 'd e' }] });
  });
});

describe('composeFast positions', () => {
  it('reads the canonical nomination with its source ranges', () => {
    const fast = composeFast(BASE)!;
    expectSame(BASE);
    expect(fast.positions.get('/name')).toEqual([
      BASE.indexOf('Example'),
      BASE.indexOf('Example') + 7,
      BASE.indexOf('name'),
      BASE.indexOf('name') + 4,
    ]);
    expect(fast.positions.get('/categories/1')).toEqual([BASE.indexOf('data]'), BASE.indexOf('data]') + 4]);
  });

  const cases: Array<[string, string]> = [
    ['comments deeper than the mapping extend the last value', 'a:\n  b: 1\n      # deeper\n\n      # deeper still\nc: 2\n'],
    ['a comment at the mapping indentation stays with the nested mapping', 'a:\n  b:\n    c: 1\n    # kept\n  # lower\nd: 2\n'],
    ['comments less indented pass to the parent', 'a:\n  b:\n    c: 1\n  # passed\nd: 2\n'],
    ['comment lines at the end of the file', 'a:\n  - x\n  - y\n\n  # end\n'],
    ['comments after a flow sequence', 'a:\n  b: [x, y] # c\n    # deeper\n'],
    ['comments after a block scalar', 'a:\n  b: |+\n    t\n\n\n  # c\n'],
    ['an empty value', 'a:\nb: 1\nc:   \n'],
    ['an empty sequence entry', 'a:\n  -\n  - x\n  -   \n'],
    ["a sequence at its key's indentation", 'a:\n- x\n- y:\n  - z\n  w: 1\nb: 2\n'],
    ['compact nested sequences', 'a:\n  - - x\n    - - y\n  - z\n'],
    ['no final newline', 'a:\n  b: c # d'],
    ['no final newline after a comment', 'a:\n  b: c\n  # d'],
    ['keys with inner colons and hashes', 'a:b: 1\nc#d: 2\n-e: 3\nf g: 4\n'],
    ['keys that shadow inherited properties', 'constructor: 1\ntoString: 2\nhasOwnProperty: 3\n'],
  ];
  it.each(cases)('%s', (_name, text) => {
    expectAccepted(text);
  });

  it('places an empty value after its indicator and the spaces after it', () => {
    const text = 'a:\nb:   \nc:\n  -\n  - x\n';
    const fast = composeFast(text)!;
    expectSame(text);
    expect(fast.positions.get('/a')).toEqual([2, 2, 0, 1]);
    expect(fast.positions.get('/b')).toEqual([8, 8, 3, 4]);
    expect(fast.positions.get('/c/0')).toEqual([15, 15]);
  });

  it('ends a nested mapping after the comment lines it keeps', () => {
    const text = 'a:\n  b:\n    c: 1\n    # kept\nd: 2\n';
    expectSame(text);
    const fast = composeFast(text)!;
    expect(fast.positions.get('/a/b')!.slice(0, 2)).toEqual([text.indexOf('c: 1'), text.indexOf('    # kept')]);
    expect(fast.positions.get('/a')!.slice(0, 2)).toEqual([text.indexOf('b:'), text.indexOf('d: 2')]);
  });
});

describe('composeFast bails out', () => {
  const bailouts: Array<[string, string]> = [
    ['a tab', BASE.replace('  ownsAllComponents', '\townsAllComponents')],
    ['a carriage return', BASE.replace(/\n/g, '\r\n')],
    ['a byte-order mark', '\uFEFF' + BASE],
    ['a document start marker', '---\n' + BASE],
    ['a document end marker', BASE + '...\n'],
    ['a second document', BASE + '---\nname: Other\n'],
    ['a directive', '%YAML 1.2\n---\n' + BASE],
    ['an anchor', BASE.replace('name: Example', 'name: &n Example')],
    ['an alias', BASE + 'alias: *n\n'],
    ['a tag', BASE.replace('name: Example', 'name: !!str Example')],
    ['an explicit key', BASE + '? key\n: value\n'],
    ['a double-quoted key', BASE + '"quoted": 1\n'],
    ['a single-quoted key', BASE + "'quoted': 1\n"],
    ['a number key', BASE + '1: one\n'],
    ['a boolean key', BASE + 'true: yes\n'],
    ['a null key', BASE + '~: nothing\n'],
    ['a __proto__ key', BASE + '__proto__:\n  polluted: true\n'],
    ['a merge key', BASE + '<<: {}\n'],
    ['a duplicate key', BASE + 'name: Again\n'],
    ['a nested flow collection', BASE + 'nested: [[a]]\n'],
    ['a flow mapping', BASE + 'flow: {a: 1}\n'],
    ['a multi-line flow sequence', BASE + 'flow: [a,\n  b]\n'],
    ['text after a closing quote', BASE + 'q: "a" b\n'],
    ['text after a closing bracket', BASE + 'q: [a] b\n'],
    ['a quoted scalar continued without indentation', BASE + 'q: "a\nb"\n'],
    ['a multi-line quoted scalar in a flow sequence', BASE + 'q: ["a\n  b"]\n'],
    ['an indentation indicator of 0', BASE + 'block: |0\n   text\n'],
    ['two chomping indicators', BASE + 'block: |-+\n   text\n'],
    ['an empty block scalar', BASE + 'block: |\nafter: 1\n'],
    ['a comment after an empty value', BASE + 'empty: # nothing here\nafter: 1\n'],
    ['a comment line after an empty value', BASE + 'empty:\n# nothing here\nafter: 1\n'],
    ['a comment before an empty sequence entry', BASE + 'list:\n  - a\n  # note\n  -\n'],
    ['a compact mapping value', BASE + 'a: b: c\n'],
    ['a sequence after a key on the same line', BASE + 'a: - b\n'],
    ['a scalar on the line after its key', BASE + 'a:\n  just text\n'],
    ['bad indentation', BASE.replace('  ownsAllComponents', '   ownsAllComponents')],
    ['a root sequence', '- a\n- b\n'],
    ['a root scalar', 'just text\n'],
    ['an indented root mapping', '  a: 1\n'],
    ['an empty file', ''],
    ['only comments', '# nothing\n'],
    ['nesting deeper than 64 levels', Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' end\n'],
    ['a key longer than 1000 characters', BASE + `${'k'.repeat(1100)}: v\n`],
    ['a reserved indicator', BASE + 'a: @b\n'],
    ['a backtick', BASE + 'a: `b`\n'],
    ['an invalid escape', BASE + 'a: "\\q"\n'],
  ];

  it('answers for the base of the bail-out cases', () => {
    expectAccepted(BASE);
  });

  it.each(bailouts)('on %s', (_name, text) => {
    expect(composeFast(text)).toBeUndefined();
  });
});

describe('composeFast properties', () => {
  const plainText = fc.oneof(
    fc.lorem({ maxCount: 12 }),
    fc.string({
      unit: fc.constantFrom(
        'a',
        'b',
        ' ',
        ':',
        '#',
        '-',
        '"',
        "'",
        '\n',
        'é',
        '😀',
        '[',
        ']',
        '{',
        '}',
        ',',
        '\\',
        '|',
        '>',
        '&',
        '*',
        '!',
        '%',
        '?',
        '1',
        '.',
        '~',
      ),
      maxLength: 30,
    }),
    fc.constantFrom(
      'true',
      'null',
      '012',
      '+1',
      '1_000',
      '0x1F',
      '1e3',
      '.5',
      '-.Inf',
      'yes',
      '1.',
      '12345678901234567890',
      '2026-07-21',
      '-0',
      '~',
      '',
    ),
  );
  const key = fc.oneof({ weight: 9, arbitrary: fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,8}$/) }, { weight: 1, arbitrary: plainText });
  const leaf = fc.oneof(
    plainText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(-0, Infinity, -Infinity, NaN, 1e21),
  );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('record')),
    list: fc.array(tie('tree'), { maxLength: 4 }),
    record: fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
  }));
  const options = fc.record({
    indent: fc.constantFrom(2, 4),
    indentSeq: fc.boolean(),
    lineWidth: fc.constantFrom(0, 20, 40, 100),
    minContentWidth: fc.constantFrom(0, 20),
    defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_FOLDED', 'BLOCK_LITERAL'),
    defaultKeyType: fc.constantFrom('PLAIN', 'PLAIN', null),
    collectionStyle: fc.constantFrom('any', 'any', 'any', 'block', 'flow'),
    flowCollectionPadding: fc.boolean(),
  } as const);

  it('equals yaml on stringified data', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 6 }), options, (data, opts) => {
        if (expectSame(stringify(data, opts))) answered++;
      }),
      { numRuns: 600 },
    );
    // Guards the property against a fast path that never answers.
    expect(answered).toBeGreaterThan(60);
  });

  const insertion = fc
    .tuple(
      fc.nat(),
      fc.constantFrom(
        ':',
        ': ',
        '#',
        ' #',
        '-',
        '- ',
        '[',
        ']',
        '{',
        '}',
        '"',
        "'",
        '\t',
        '&',
        '*',
        '!',
        '|',
        '>',
        '%',
        ' ',
        '  ',
        '\n',
        '|-',
        '>+',
      ),
    )
    .map(([n, s]) => (text: string) => {
      const i = n % (text.length + 1);
      return text.slice(0, i) + s + text.slice(i);
    });
  const lineEdit = fc.tuple(fc.nat(), fc.constantFrom('indent', 'outdent', 'delete', 'duplicate')).map(([n, kind]) => (text: string) => {
    const lines = text.split('\n');
    const i = n % lines.length;
    if (kind === 'indent') lines[i] = '  ' + lines[i];
    else if (kind === 'outdent') lines[i] = lines[i]!.replace(/^ {1,2}/, '');
    else if (kind === 'delete') lines.splice(i, 1);
    else lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  });
  const crlf = fc.constant((text: string) => text.replace(/\n/g, '\r\n'));
  const edited = fc
    .tuple(
      fc.constantFrom(...SEEDS),
      fc.array(fc.oneof({ weight: 4, arbitrary: insertion }, { weight: 4, arbitrary: lineEdit }, { weight: 1, arbitrary: crlf }), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([seed, edits]) => edits.reduce((text, edit) => edit(text), seed));

  it('equals yaml on mutated nominations', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.oneof(nominationTextArbitrary, edited), (text) => {
        if (expectSame(text)) answered++;
      }),
      { numRuns: 600 },
    );
    expect(answered).toBeGreaterThan(60);
  });
});

describe('composeFast on hostile input', () => {
  const hostile: Array<[string, string]> = [
    ['a 200,000-character line', `name: ${'d'.repeat(200_000)}\n`],
    ['a 200,000-character line of colons and hashes', `name: ${'a:#'.repeat(70_000)}\n`],
    ['a 200,000-character quoted line', `name: "${'\\"'.repeat(100_000)}\n`],
    ['a 200,000-character flow sequence', `name: [${'a, '.repeat(70_000)}b]\n`],
    ['10,000 blank lines', `a: 1\n${'\n'.repeat(10_000)}b: 2\n`],
    ['10,000 blank lines in a plain scalar', `a: x\n${'   \n'.repeat(10_000)}  y\n`],
    ['10,000 blank lines in a block scalar', `a: |\n  x\n${'\n'.repeat(10_000)}  y\n`],
    ['5,000 nested sequences', '- '.repeat(5_000) + 'x\n'],
    ['5,000 nested sequences under a key', 'a:\n' + Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i)}-`).join('\n') + ' x\n'],
    ['5,000 nested mappings', Array.from({ length: 5_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' end\n'],
  ];
  it.each(hostile)('%s completes and agrees or bails', (_name, text) => {
    expectSame(text);
  });
});
