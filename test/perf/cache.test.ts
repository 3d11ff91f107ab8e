import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cacheFingerprint, contentHash, ResultsCache } from '../../src/runner/cache/results-cache.js';
import { sourceIdentity } from '../../src/runner/cache/code-id.js';
import { CacheKey } from '../../src/runner/cache/seal.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { analyseFile } from '../../src/lint/analyse.js';
import { validateRegistry, type RegistryFile } from '../../src/runner/registry-run.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import { ALL_RULES } from '../../src/rules/index.js';
import type { FileRule } from '../../src/rules/types.js';
import { nominationSchema } from '../../src/schema/schema.js';
import { TEST_NOW } from '../support/validate.js';
import { lineOf, validNominationText, withEdits } from '../support/nomination.js';

const work = mkdtempSync(path.join(tmpdir(), 'dpg-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;

function registry(files: Record<string, string>): { dir: string; entries: RegistryFile[]; cacheDirectory: string } {
  const dir = path.join(work, `r${folders++}`);
  mkdirSync(path.join(dir, 'nominations'), { recursive: true });
  const entries = Object.entries(files).map(([name, text]) => {
    writeFileSync(path.join(dir, 'nominations', name), text);
    return { file: `nominations/${name}`, path: path.join(dir, 'nominations', name) };
  });
  return { dir, entries, cacheDirectory: path.join(dir, 'cache') };
}

const validate = (entries: RegistryFile[], options: { cacheDirectory?: string; now?: Date; targets?: RegistryFile[] } = {}) =>
  validateRegistry({
    config: DEFAULT_CONFIG,
    now: options.now ?? TEST_NOW,
    targets: options.targets ?? entries,
    context: entries,
    cacheDirectory: options.cacheDirectory,
    workers: 0,
    schema: nominationSchema,
  });

/** A cache file's JSON, as this process (whose key signed it) reads it. */
const cached = (file: string): unknown => JSON.parse(CacheKey.processKey().read(file)!.toString('utf8'));
const cachedText = (file: string): string => CacheKey.processKey().read(file)!.toString('utf8');

const recognised = (date: string) => withEdits([['stage'], 'dpg'], [['review'], { date, reviewer: 'maintainer' }]);
const named = (name: string, url: string) => withEdits([['name'], name], [['repositories', 0, 'url'], url]);

describe('the results cache', () => {
  it('uses git blob ids as content hashes', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(contentHash(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('gives the same results warm as cold, and reuses the cached ones', async () => {
    const { entries, cacheDirectory } = registry({ 'example-case-manager.yaml': validNominationText(), 'bad.yaml': 'name: [' });
    const cold = await validate(entries, { cacheDirectory });
    expect(readdirSync(cacheDirectory).sort()).toEqual(['.gitignore', 'details', 'summaries.json']);
    // One bucket per file here (two files), each named by two hex digits.
    const buckets = readdirSync(path.join(cacheDirectory, 'details'));
    expect(buckets).toHaveLength(2);
    expect(buckets.every((b) => /^[0-9a-f]{2}\.json$/.test(b))).toBe(true);
    const summaries = readFileSync(path.join(cacheDirectory, 'summaries.json'), 'utf8');
    expect(await validate(entries, { cacheDirectory })).toEqual(cold);
    expect(readFileSync(path.join(cacheDirectory, 'summaries.json'), 'utf8')).toBe(summaries);
    expect(cold).toEqual(await validate(entries));
    // Only a cache hit can report a finding as the cache holds it, not as the file gives it.
    for (const bucket of buckets) {
      const stored = path.join(cacheDirectory, 'details', bucket);
      writeFileSync(stored, CacheKey.processKey().seal(stored, cachedText(stored).replace(/"message":"/, '"message":"CACHED ')));
    }
    expect(JSON.stringify(await validate(entries, { cacheDirectory }))).toContain('CACHED ');
  });

  it('trusts only entries signed with its key for the path they are read from: forged, copied or foreign ones are misses', async () => {
    const { entries, cacheDirectory } = registry({ 'example-case-manager.yaml': validNominationText(), 'bad.yaml': 'name: [' });
    const reference = await validate(entries);
    expect(reference.map((r) => r.errorCount)).toEqual([0, 1]);
    await validate(entries, { cacheDirectory });
    const files = readdirSync(path.join(cacheDirectory, 'details')).map((b) => path.join(cacheDirectory, 'details', b));
    // Findings erased, as a committed or restored cache would hold them.
    const erased = (file: string) =>
      cachedText(file)
        .replace(/"diagnostics":\[.*?\]\]/, '"diagnostics":[]]')
        .replace(/\[\{"ruleId".*?\}\]/g, '[]');
    const forgeries: Array<[string, (file: string) => Buffer | string]> = [
      ['unsigned', (file) => erased(file)],
      ['signed by another key', (file) => CacheKey.ephemeral().seal(file, erased(file))],
      ['signed for another path', (file) => CacheKey.processKey().seal(`${file}.elsewhere`, erased(file))],
      ['with a signature of the wrong length', (file) => `dpg-cache-hmac-sha256:${'0'.repeat(62)}\n${erased(file)}`],
    ];
    for (const [name, forge] of forgeries) {
      for (const file of files) writeFileSync(file, forge(file));
      expect(await validate(entries, { cacheDirectory }), name).toEqual(reference);
    }
    // The same erasure signed by the key for that path is what the cache would trust (the test above).
    for (const file of files) writeFileSync(file, CacheKey.processKey().seal(file, erased(file)));
    expect((await validate(entries, { cacheDirectory })).reduce((n, r) => n + r.errorCount, 0)).toBe(0);
  });

  it('re-runs date-dependent checks on every run: recognition expires with a warm cache', async () => {
    const { entries, cacheDirectory } = registry({ 'example-case-manager.yaml': recognised('2026-06-01') });
    const before = await validate(entries, { cacheDirectory });
    expect(before[0]!.diagnostics.map((d) => d.ruleId)).toEqual([]);
    const later = new Date('2027-07-01T12:00:00Z');
    const after = await validate(entries, { cacheDirectory, now: later });
    expect(after[0]!.diagnostics.map((d) => d.ruleId)).toEqual(['lifecycle/review-current']);
    expect(after).toEqual(await validate(entries, { now: later }));
  });

  it('re-runs registry-wide checks: a new duplicate is reported in the unchanged, cached file', async () => {
    const first = { 'open-thing.yaml': named('Open Thing', 'https://github.com/open/thing') };
    const { dir, entries, cacheDirectory } = registry(first);
    expect((await validate(entries, { cacheDirectory }))[0]!.diagnostics).toEqual([]);
    writeFileSync(path.join(dir, 'nominations', 'other-thing.yaml'), named('Other Thing', 'https://github.com/open/thing'));
    const both = [...entries, { file: 'nominations/other-thing.yaml', path: path.join(dir, 'nominations', 'other-thing.yaml') }];
    const results = await validate(both, { cacheDirectory, targets: entries });
    // The cached file's facts do not hold the repositories: the finding is placed by reading the file again.
    const line = lineOf(first['open-thing.yaml'], 'https://github.com/open/thing');
    expect(results[0]!.diagnostics.map((d) => [d.ruleId, d.line])).toEqual([['registry/duplicate', line]]);
    expect(results).toEqual(await validate(both, { targets: entries }));
  });

  it('ignores a corrupt or foreign cache file and replaces it', async () => {
    const { entries, cacheDirectory } = registry({ 'example-case-manager.yaml': validNominationText() });
    const reference = await validate(entries);
    mkdirSync(cacheDirectory, { recursive: true });
    writeFileSync(path.join(cacheDirectory, 'summaries.json'), '{"format":1,"fingerprint":');
    // Every bucket of the details corrupt, or from another configuration.
    mkdirSync(path.join(cacheDirectory, 'details'));
    for (let i = 0; i < 256; i++) {
      writeFileSync(
        path.join(cacheDirectory, 'details', `${i.toString(16).padStart(2, '0')}.json`),
        i % 2 ? '{"format":5,"fingerprint":"x","files":{}}' : '[1, 2, 3]',
      );
    }
    expect(await validate(entries, { cacheDirectory })).toEqual(reference);
    expect(Object.keys((cached(path.join(cacheDirectory, 'summaries.json')) as { files: object }).files)).toEqual([
      'nominations/example-case-manager.yaml',
    ]);
    // The file's own bucket was replaced: a second run is served from it.
    const rewritten = readdirSync(path.join(cacheDirectory, 'details'))
      .map(
        (b) =>
          CacheKey.processKey()
            .read(path.join(cacheDirectory, 'details', b))
            ?.toString('utf8') ?? '',
      )
      .filter((b) => b.includes('example-case-manager.yaml'));
    expect(rewritten).toHaveLength(1);
    expect(await validate(entries, { cacheDirectory })).toEqual(reference);
    expect(readdirSync(cacheDirectory).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(path.join(cacheDirectory, 'details')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('is invalidated wholesale by another configuration', () => {
    const fingerprint = (config = DEFAULT_CONFIG) =>
      cacheFingerprint({ version: '1', code: 'c', schema: null, rules: ALL_RULES, config, limits: DEFAULT_LIMITS });
    expect(fingerprint()).toBe(fingerprint());
    expect(fingerprint({ ...DEFAULT_CONFIG, rules: { 'url/https': { severity: 'off' } } })).not.toBe(fingerprint());
    const directory = path.join(work, 'fingerprints');
    const analysis = { file: 'nominations/a.yaml', readable: true, schemaFailed: false, diagnostics: [] };
    const cache = new ResultsCache(directory, 'one');
    cache.set(analysis, 'h');
    cache.save(new Set([analysis.file]));
    expect(new ResultsCache(directory, 'one').get(analysis.file, 'h', true)).toEqual(analysis);
    expect(new ResultsCache(directory, 'two').get(analysis.file, 'h', true)).toBeUndefined();
    expect(new ResultsCache(directory, 'one').get(analysis.file, 'other content', true)).toBeUndefined();
  });

  it('does not cache the result of a rule that reads the date without declaring it', () => {
    const undeclared: FileRule = {
      kind: 'file',
      id: 'lifecycle/example',
      indicator: null,
      description: 'x',
      defaultSeverity: 'warning',
      messages: { old: 'old' },
      check(context) {
        if (context.now.getTime() > 0) context.report({ path: '/name', messageId: 'old' });
      },
    };
    const options = { config: DEFAULT_CONFIG, limits: DEFAULT_LIMITS, now: TEST_NOW, full: true };
    const analysis = analyseFile('nominations/a.yaml', validNominationText(), { ...options, rules: [undeclared] });
    expect(analysis.datedBy).toEqual(['lifecycle/example']);
    expect(analyseFile('nominations/a.yaml', validNominationText(), { ...options, rules: ALL_RULES }).datedBy).toBeUndefined();
    const cache = new ResultsCache(path.join(work, 'dated'), 'f');
    cache.set(analysis, 'h');
    expect(cache.get('nominations/a.yaml', 'h', false)).toBeUndefined();
  });

  describe("file stats, as git's index uses them", () => {
    const stat = { size: 10, mtimeMs: 1_000, ctimeMs: 1_000, ino: 7 };
    const analysis = { file: 'nominations/a.yaml', readable: true, schemaFailed: false, diagnostics: [] };

    it('give the recorded hash for an unchanged file recorded well after its last change, and nothing otherwise', () => {
      const directory = path.join(work, 'stats');
      const cache = new ResultsCache(directory, 'f');
      cache.set(analysis, 'h', stat);
      expect(cache.hashIfUnchanged('nominations/a.yaml', stat)).toBe('h');
      for (const changed of [{ size: 11 }, { mtimeMs: 1_001 }, { ctimeMs: 1_001 }, { ino: 8 }]) {
        expect(cache.hashIfUnchanged('nominations/a.yaml', { ...stat, ...changed })).toBeUndefined();
      }
      expect(cache.hashIfUnchanged('nominations/other.yaml', stat)).toBeUndefined();
      cache.save(new Set(['nominations/a.yaml']));
      expect(new ResultsCache(directory, 'f').hashIfUnchanged('nominations/a.yaml', stat)).toBe('h');
    });

    it('are not trusted when the file changed shortly before they were recorded (the same clock tick)', () => {
      const cache = new ResultsCache(path.join(work, 'racy'), 'f');
      const now = Date.now();
      cache.set(analysis, 'h', { ...stat, mtimeMs: now - 500, ctimeMs: now - 500 });
      expect(cache.hashIfUnchanged('nominations/a.yaml', { ...stat, mtimeMs: now - 500, ctimeMs: now - 500 })).toBeUndefined();
    });

    it('never serve a file rewritten with the same size and modification time', async () => {
      const { dir, entries, cacheDirectory } = registry({ 'example-case-manager.yaml': validNominationText() });
      const file = path.join(dir, 'nominations', 'example-case-manager.yaml');
      // A whole second, which every filesystem stores exactly.
      utimesSync(file, 1_700_000_000, 1_700_000_000);
      const before = statSync(file);
      // Recorded as if long after the file was written, so that its stat is trusted.
      const clock = vi.spyOn(Date, 'now').mockReturnValue(before.ctimeMs + 60_000);
      try {
        expect((await validate(entries, { cacheDirectory }))[0]!.diagnostics).toEqual([]);
      } finally {
        clock.mockRestore();
      }
      const text = readFileSync(file, 'utf8');
      const edited = text.replace('website: https://', 'website: http://x');
      expect(edited.length).toBe(text.length);
      writeFileSync(file, edited);
      utimesSync(file, 1_700_000_000, 1_700_000_000);
      expect([statSync(file).size, statSync(file).mtimeMs, statSync(file).ino]).toEqual([before.size, before.mtimeMs, before.ino]);
      expect((await validate(entries, { cacheDirectory }))[0]!.diagnostics.map((d) => d.ruleId)).toContain('url/https');
    });
  });
});

describe('the identity of the code running from the sources', () => {
  it('changes with any script file below the folder, its content or its name, and with nothing else', () => {
    const root = path.join(work, 'sources');
    mkdirSync(path.join(root, 'engine'), { recursive: true });
    writeFileSync(path.join(root, 'index.ts'), 'export {};\n');
    writeFileSync(path.join(root, 'engine', 'run.ts'), 'export const a = 1;\n');
    const first = sourceIdentity(root);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceIdentity(root)).toBe(first);
    writeFileSync(path.join(root, 'notes.md'), 'not code\n');
    expect(sourceIdentity(root)).toBe(first);
    writeFileSync(path.join(root, 'engine', 'run.ts'), 'export const a = 2;\n');
    const edited = sourceIdentity(root);
    expect(edited).not.toBe(first);
    writeFileSync(path.join(root, 'engine', 'other.ts'), 'export const a = 2;\n');
    rmSync(path.join(root, 'engine', 'run.ts'));
    expect(sourceIdentity(root)).not.toBe(edited);
    expect(sourceIdentity(path.join(work, 'no-such-folder'))).toBe('');
  });
});
