import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { validateSources } from '../../src/lint/engine.js';
import { loadNomination } from '../../src/load/load.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import type { FileResult } from '../../src/core/types.js';
import { STACK_LINE, removeTempDirs, runSubprocess, tempDir } from '../support/cli.js';
import { lineOf, validNominationText } from '../support/nomination.js';
import { hits, TEST_NOW } from '../support/validate.js';

const FILE = 'nominations/example-case-manager.yaml';
const VALID = validNominationText();
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function validateContent(content: string | Uint8Array): FileResult {
  const [result] = validateSources([{ file: FILE, content }], { config: DEFAULT_CONFIG, now: TEST_NOW });
  return result!;
}

/** Nine levels of nine-fold aliases: about 400 million strings if expanded. */
const ALIAS_BOMB =
  [
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ...'bcdefghi'.split('').map((name, i) => {
      const previous = 'abcdefghi'[i]!;
      return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`;
    }),
  ].join('\n') + '\n';

const DEEP_FLOW = 'name: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n';
/** `- - - … x`: 20,000 nested block sequences in 40 kB, far below the size limit. */
const DEEP_BLOCK_SEQUENCE = '- '.repeat(20_000) + 'x\n';
/** Nested block mappings, each indented one more space: deeper than the limit but shallow enough to parse. */
const DEEP_BLOCK_MAPPING = Array.from({ length: DEFAULT_LIMITS.maxDepth + 10 }, (_, i) => ' '.repeat(i) + 'level:').join('\n') + ' end\n';

const PROTO_KEYS = VALID + '__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n';
const NESTED_PROTO_KEY = VALID.replace('ownership:\n', 'ownership:\n  __proto__:\n    polluted: yes\n');
const TAB_INDENT = VALID.replace('  ownerType: organization', '\townerType: organization');
const DUPLICATE_KEY = VALID.replace('stage: nominee', 'stage: nominee\nstage: dpg');
const DUPLICATE_KEY_AND_MORE = DUPLICATE_KEY + 'colour: blue\n';
const TWO_DOCUMENTS = VALID + '---\n' + VALID;
const LONG_COMMENT = VALID + '# ' + 'x'.repeat(500_000) + '\n';
const LONG_DESCRIPTION = VALID.replace(/^description: >-\n(?: {2}.*\n)+/m, `description: ${'word '.repeat(100_000).trim()}\n`);
const LONG_KEY = VALID + 'k'.repeat(2_000) + ': value\n';
const BOM_UNKNOWN_KEY = '\uFEFF' + VALID.replace('stage: nominee', 'stgae: nominee');

interface HostileCase {
  name: string;
  content: string | Uint8Array;
  expected: Array<{ rule: string; line: number }>;
  /** The loader must give up before building data (nothing after it may run on the input). */
  stopsEarly: boolean;
}

const cases: HostileCase[] = [
  { name: 'an empty file', content: '', expected: [{ rule: 'yaml/empty', line: 1 }], stopsEarly: true },
  { name: 'only blank lines', content: '\n  \n\n', expected: [{ rule: 'yaml/empty', line: 1 }], stopsEarly: true },
  { name: 'only comments', content: '# a nomination\n  # will follow\n\n', expected: [{ rule: 'yaml/empty', line: 1 }], stopsEarly: true },
  {
    name: 'NUL bytes',
    content: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0x00, 0x0a]),
    expected: [{ rule: 'yaml/not-text', line: 1 }],
    stopsEarly: true,
  },
  {
    name: 'invalid UTF-8',
    content: new Uint8Array([...utf8('name: caf'), 0xe9, 0x0a]),
    expected: [{ rule: 'yaml/not-text', line: 1 }],
    stopsEarly: true,
  },
  {
    name: 'a PNG header',
    content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    expected: [{ rule: 'yaml/not-text', line: 1 }],
    stopsEarly: true,
  },
  {
    name: 'a UTF-8 BOM before a valid nomination',
    content: utf8('\uFEFF' + VALID),
    expected: [{ rule: 'yaml/bom', line: 1 }],
    stopsEarly: false,
  },
  {
    name: 'a UTF-8 BOM: the rest of the file is still validated',
    content: utf8(BOM_UNKNOWN_KEY),
    expected: [
      { rule: 'yaml/bom', line: 1 },
      { rule: 'schema/required', line: lineOf(BOM_UNKNOWN_KEY, 'name:') },
      { rule: 'schema/unknown-key', line: lineOf(BOM_UNKNOWN_KEY, 'stgae') },
    ],
    stopsEarly: false,
  },
  {
    name: 'a tab as indentation',
    content: TAB_INDENT,
    expected: [{ rule: 'yaml/syntax', line: lineOf(TAB_INDENT, '\townerType') }],
    stopsEarly: true,
  },
  {
    name: 'a list instead of a mapping',
    content: '- name: Example\n- name: Other\n',
    expected: [{ rule: 'schema/type', line: 1 }],
    stopsEarly: false,
  },
  {
    name: 'a scalar instead of a mapping',
    content: 'Example Case Manager\n',
    expected: [{ rule: 'schema/type', line: 1 }],
    stopsEarly: false,
  },
  { name: 'null instead of a mapping', content: '~\n', expected: [{ rule: 'schema/type', line: 1 }], stopsEarly: false },
  {
    name: 'several documents',
    content: TWO_DOCUMENTS,
    expected: [{ rule: 'yaml/multiple-documents', line: lineOf(TWO_DOCUMENTS, '---') }],
    stopsEarly: true,
  },
  {
    name: 'a 6 MB file',
    content: 'name: ' + 'a'.repeat(6 * 1024 * 1024) + '\n',
    expected: [{ rule: 'yaml/limits', line: 1 }],
    stopsEarly: true,
  },
  { name: 'an alias bomb (billion laughs)', content: ALIAS_BOMB, expected: [{ rule: 'yaml/limits', line: 1 }], stopsEarly: true },
  { name: '20,000-deep flow nesting', content: DEEP_FLOW, expected: [{ rule: 'yaml/limits', line: 1 }], stopsEarly: true },
  { name: '20,000-deep block nesting', content: DEEP_BLOCK_SEQUENCE, expected: [{ rule: 'yaml/limits', line: 1 }], stopsEarly: true },
  {
    name: 'block mappings nested past the depth limit',
    content: DEEP_BLOCK_MAPPING,
    expected: [{ rule: 'yaml/limits', line: 1 }],
    stopsEarly: true,
  },
  {
    name: '__proto__ and constructor keys',
    content: PROTO_KEYS,
    expected: [
      { rule: 'schema/unknown-key', line: lineOf(PROTO_KEYS, '__proto__:') },
      { rule: 'schema/unknown-key', line: lineOf(PROTO_KEYS, 'constructor:') },
    ],
    stopsEarly: false,
  },
  {
    name: 'a nested __proto__ key',
    content: NESTED_PROTO_KEY,
    expected: [{ rule: 'schema/unknown-key', line: lineOf(NESTED_PROTO_KEY, '__proto__:') }],
    stopsEarly: false,
  },
  {
    name: 'a duplicate key',
    content: DUPLICATE_KEY,
    expected: [{ rule: 'yaml/duplicate-key', line: lineOf(DUPLICATE_KEY, 'stage: dpg') }],
    stopsEarly: false,
  },
  {
    // The repeated key does not hide the rest of the file: the first value is read and checked.
    name: 'a duplicate key and other problems',
    content: DUPLICATE_KEY_AND_MORE,
    expected: [
      { rule: 'yaml/duplicate-key', line: lineOf(DUPLICATE_KEY_AND_MORE, 'stage: dpg') },
      { rule: 'schema/unknown-key', line: lineOf(DUPLICATE_KEY_AND_MORE, 'colour:') },
    ],
    stopsEarly: false,
  },
  { name: 'a very long comment line', content: LONG_COMMENT, expected: [], stopsEarly: false },
  // A pattern for "only blank lines and comments" once backtracked exponentially here: 20 blank lines took minutes.
  { name: '200 blank lines before the nomination', content: '\n'.repeat(200) + VALID, expected: [], stopsEarly: false },
  {
    name: 'blank and comment lines only',
    content: ' \n\n# note\n\t\n'.repeat(100),
    expected: [{ rule: 'yaml/empty', line: 1 }],
    stopsEarly: true,
  },
  {
    name: 'a very long value',
    content: LONG_DESCRIPTION,
    expected: [{ rule: 'schema/invalid-value', line: lineOf(LONG_DESCRIPTION, 'description:') }],
    stopsEarly: false,
  },
  { name: 'a very long key', content: LONG_KEY, expected: [{ rule: 'yaml/syntax', line: lineOf(LONG_KEY, 'kkkk') }], stopsEarly: true },
];

describe('hostile input', () => {
  it.each(cases)('$name', ({ content, expected, stopsEarly }) => {
    const result = validateContent(content);
    expect(hits(result)).toEqual(expected);
    expect(loadNomination(FILE, content).data === undefined).toBe(stopsEarly);
    // A file that could not be read fails every indicator rather than passing it unseen.
    if (stopsEarly) expect(Object.values(result.indicators).every((s) => s === 'fail')).toBe(true);
  });

  it('reads __proto__ and constructor as plain keys without polluting prototypes', () => {
    const loaded = loadNomination(FILE, PROTO_KEYS);
    const data = loaded.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(Object.hasOwn(data, 'constructor')).toBe(true);
    validateContent(PROTO_KEYS);
    validateContent(NESTED_PROTO_KEY);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads the first value of a repeated key, as the finding says', () => {
    const loaded = loadNomination(FILE, DUPLICATE_KEY);
    expect((loaded.data as Record<string, unknown>).stage).toBe('nominee');
    expect(loaded.diagnostics[0]!.message).toContain('with the first value');
  });

  it('reports the size limit without decoding the file', () => {
    const loaded = loadNomination(FILE, utf8('name: ' + 'a'.repeat(DEFAULT_LIMITS.maxFileBytes)));
    expect(loaded).toMatchObject({ text: '', doc: undefined, data: undefined });
    expect(loaded.diagnostics.map((d) => d.ruleId)).toEqual(['yaml/limits']);
  });

  it('never throws, whatever the bytes', () => {
    for (const { content } of cases) expect(() => loadNomination(FILE, content)).not.toThrow();
  });
});

describe('hostile input through the built CLI', () => {
  afterEach(removeTempDirs);

  it('exits 1 with a diagnostic per file and no stack trace', async () => {
    const files: Record<string, string | Uint8Array> = {
      'nominations/binary.yaml': new Uint8Array([0x00, 0x01, 0xff, 0xfe]),
      'nominations/alias-bomb.yaml': ALIAS_BOMB,
      'nominations/deep-flow.yaml': DEEP_FLOW,
      'nominations/deep-block.yaml': DEEP_BLOCK_SEQUENCE,
      'nominations/huge.yaml': 'name: ' + 'a'.repeat(6 * 1024 * 1024) + '\n',
      'nominations/proto.yaml': PROTO_KEYS,
    };
    const cwd = tempDir(files);
    const run = await runSubprocess(['validate', '--format', 'json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as FileResult[];
    const rulesByFile = Object.fromEntries(results.map((r) => [r.file, [...new Set(r.diagnostics.map((d) => d.ruleId))]]));
    expect(rulesByFile).toEqual({
      'nominations/alias-bomb.yaml': ['yaml/limits'],
      'nominations/binary.yaml': ['yaml/not-text'],
      'nominations/deep-block.yaml': ['yaml/limits'],
      'nominations/deep-flow.yaml': ['yaml/limits'],
      'nominations/huge.yaml': ['yaml/limits'],
      'nominations/proto.yaml': expect.arrayContaining(['schema/unknown-key']),
    });
  });

  it('prints a short stylish report for a broken file', async () => {
    const cwd = tempDir({ 'nominations/deep-block.yaml': DEEP_BLOCK_SEQUENCE });
    const run = await runSubprocess(['validate'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\s+1:\d+\s+error\s+Nesting is deeper than the limit of 64 levels\.\s+yaml\/limits$/m);
    expect(run.stdout).not.toMatch(STACK_LINE);
    expect(run.stderr).toBe('');
  });
});
