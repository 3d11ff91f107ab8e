import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RegistryIndex } from '../../src/runner/cache/registry-index.js';

const work = mkdtempSync(path.join(tmpdir(), 'dpg-index-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;
const cacheFolder = () => path.join(work, `cache-${folders++}`);

const COMMIT = 'a'.repeat(40);
const HEADER = { fingerprint: 'f1', commit: COMMIT, registry: 'nominations/' };
const DUPLICATE = 'registry/duplicate';

/** Keys per file, for one rule; the odd keys are there to be found as they are. */
const KEYS: Record<string, string[]> = {
  'b.yaml': ['name:beta', 'url:github.com/org/beta'],
  'a.yaml': ['name:alpha', 'url:github.com/org/shared'],
  'c.yaml': ['name:gamma', 'url:github.com/org/shared', 'name:gamma'],
  'sub/d.yaml': ['__proto__', 'name:"quoted" \\ back', 'name:new\nline', 'name:日本'],
  'e.yaml': [],
};

function built(): RegistryIndex {
  return RegistryIndex.build(HEADER, Object.keys(KEYS), (file) => ({ [DUPLICATE]: KEYS[file]! }));
}

describe('the registry index', () => {
  it('finds the files with each key, as built and as read back', () => {
    const directory = cacheFolder();
    built().write(directory);
    const read = RegistryIndex.read(directory, 'f1', COMMIT, 'nominations/')!;
    expect(read).toBeDefined();
    for (const index of [built(), read]) {
      expect(index.files).toEqual(['a.yaml', 'b.yaml', 'c.yaml', 'e.yaml', 'sub/d.yaml']);
      expect(index.filesWith(DUPLICATE, 'url:github.com/org/shared')).toEqual(['a.yaml', 'c.yaml']);
      // A key a file gives twice lists it once.
      expect(index.filesWith(DUPLICATE, 'name:gamma')).toEqual(['c.yaml']);
      for (const key of KEYS['sub/d.yaml']!) expect(index.filesWith(DUPLICATE, key), key).toEqual(['sub/d.yaml']);
      expect(index.filesWith(DUPLICATE, 'name:delta')).toEqual([]);
      // Part of a key is not a key.
      expect(index.filesWith(DUPLICATE, 'name:alph')).toEqual([]);
      expect(index.filesWith(DUPLICATE, 'url:github.com/org')).toEqual([]);
      expect(index.filesWith('registry/other', 'name:alpha')).toEqual([]);
    }
  });

  it('finds any key among many, by property', () => {
    const keyArbitrary = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('__proto__', 'constructor', '', '\n', '"', '\\', ','),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1 }).map((name) => `${name}.yaml`),
          fc.array(keyArbitrary, { maxLength: 4 }),
        ),
        (keysByFile) => {
          const directory = cacheFolder();
          RegistryIndex.build(HEADER, Object.keys(keysByFile), (file) => ({ [DUPLICATE]: keysByFile[file]! })).write(directory);
          const index = RegistryIndex.read(directory, 'f1', COMMIT, 'nominations/')!;
          const files = Object.keys(keysByFile).sort();
          expect(index.files).toEqual(files);
          for (const key of new Set(Object.values(keysByFile).flat())) {
            expect(index.filesWith(DUPLICATE, key)).toEqual(files.filter((file) => keysByFile[file]!.includes(key)));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is not read for another fingerprint, commit or registry folder, nor when cut short or corrupt', () => {
    const directory = cacheFolder();
    built().write(directory);
    expect(RegistryIndex.read(directory, 'f2', COMMIT, 'nominations/')).toBeUndefined();
    expect(RegistryIndex.read(directory, 'f1', 'b'.repeat(40), 'nominations/')).toBeUndefined();
    expect(RegistryIndex.read(directory, 'f1', COMMIT, 'registry/')).toBeUndefined();
    const [name] = readdirSync(path.join(directory, 'registry-index'));
    const file = path.join(directory, 'registry-index', name!);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 10));
    expect(RegistryIndex.read(directory, 'f1', COMMIT, 'nominations/')).toBeUndefined();
    writeFileSync(file, 'not json\n');
    expect(RegistryIndex.read(directory, 'f1', COMMIT, 'nominations/')).toBeUndefined();
  });

  it('never takes a commit that is not a commit id as a file name', () => {
    const directory = cacheFolder();
    RegistryIndex.build({ ...HEADER, commit: '../../escape' }, ['a.yaml'], () => ({ [DUPLICATE]: ['name:a'] })).write(directory);
    expect(existsSync(path.join(directory, 'registry-index'))).toBe(false);
    expect(RegistryIndex.read(directory, 'f1', '../../escape', 'nominations/')).toBeUndefined();
  });

  it('keeps the eight most recently written', () => {
    const directory = cacheFolder();
    for (let i = 0; i < 10; i++) {
      const commit = i.toString(16).repeat(40);
      RegistryIndex.build({ ...HEADER, commit }, ['a.yaml'], () => ({ [DUPLICATE]: ['name:a'] })).write(directory);
      // Distinct times, oldest first, whatever the clock's resolution.
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
      utimesSync(path.join(directory, 'registry-index', `${commit}.jsonl`), at, at);
    }
    RegistryIndex.build({ ...HEADER, commit: 'f'.repeat(40) }, ['a.yaml'], () => undefined).write(directory);
    const kept = readdirSync(path.join(directory, 'registry-index')).sort();
    expect(kept).toEqual(['3', '4', '5', '6', '7', '8', '9', 'f'].map((c) => `${c.repeat(40)}.jsonl`));
    expect(RegistryIndex.read(directory, 'f1', 'f'.repeat(40), 'nominations/')?.filesWith(DUPLICATE, 'name:a')).toEqual([]);
  });
});
