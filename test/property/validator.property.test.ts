import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { analyseFile, locateInFacts } from '../../src/lint/analyse.js';
import { validateSources } from '../../src/lint/engine.js';
import { loadNomination } from '../../src/load/load.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { validateRegistry, type RegistryFile } from '../../src/runner/registry-run.js';
import { selectShard } from '../../src/runner/shard.js';
import { nominationSchema } from '../../src/schema/schema.js';
import type { FileResult } from '../../src/core/types.js';
import { TEST_NOW } from '../support/validate.js';
import { nominationTextArbitrary, SEEDS } from './mutations.js';

const FILE = 'nominations/mutated.yaml';

/** The problems a result must never show: a crash turned into a diagnostic, or a position outside the file. */
function defects(result: FileResult, text: string): string[] {
  const lineCount = text.split('\n').length;
  const found: string[] = [];
  for (const d of result.diagnostics) {
    if (d.ruleId.startsWith('internal/')) found.push(`${d.ruleId}: ${d.message}`);
    if (!(d.line >= 1 && d.line <= lineCount && d.endLine >= d.line && d.endLine <= lineCount && d.column >= 1 && d.endColumn >= 1)) {
      found.push(`${d.ruleId} at ${d.line}:${d.column}-${d.endLine}:${d.endColumn} outside the ${lineCount} lines`);
    }
  }
  if (result.errorCount !== result.diagnostics.filter((d) => d.severity === 'error').length) found.push('errorCount disagrees');
  return found;
}

describe('the validator on mutated and random input', () => {
  it('ends in diagnostics or success with valid positions, never a crash, for mutated nominations', () => {
    fc.assert(
      fc.property(nominationTextArbitrary, (text) => {
        const [result] = validateSources([{ file: FILE, content: text }], { config: DEFAULT_CONFIG, now: TEST_NOW });
        expect(defects(result!, text)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('does the same for arbitrary text and bytes', () => {
    const input = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.uint8Array({ maxLength: 400 }),
      fc
        .array(
          fc.constantFrom(
            'a',
            ':',
            ' ',
            '-',
            '\n',
            '[',
            ']',
            '{',
            '}',
            '&x',
            '*x',
            '"',
            "'",
            '#',
            '? ',
            '|',
            '>',
            '!',
            '%',
            '@',
            'name',
            'sdgs',
          ),
          { maxLength: 80 },
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(input, (content) => {
        const [result] = validateSources([{ file: FILE, content }], { config: DEFAULT_CONFIG, now: TEST_NOW });
        const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
        expect(defects(result!, text)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the facts kept for registry-wide checks', () => {
  it('locate every node as the syntax tree does', () => {
    fc.assert(
      fc.property(nominationTextArbitrary, (text) => {
        const loaded = loadNomination(FILE, text);
        const facts = analyseFile(FILE, text, {
          config: DEFAULT_CONFIG,
          rules: ALL_RULES,
          limits: DEFAULT_LIMITS,
          now: TEST_NOW,
          full: false,
        }).facts;
        if (!facts) return;
        for (const pointer of Object.keys(facts.spans)) {
          for (const anchor of ['value', 'key'] as const)
            expect([pointer, anchor, locateInFacts(facts, pointer, anchor)]).toEqual([pointer, anchor, loaded.locate(pointer, anchor)]);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('the same results however the run is organised', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'dpg-property-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  let runId = 0;

  /** Writes a registry of the given texts (named like their seeds' slugs, to keep registry rules meaningful). */
  function writeRegistry(texts: readonly string[]): { dir: string; files: RegistryFile[] } {
    const dir = path.join(work, `run-${runId++}`);
    mkdirSync(path.join(dir, 'nominations'), { recursive: true });
    const files = texts.map((text, i) => {
      const file = `nominations/entry-${i}.yaml`;
      writeFileSync(path.join(dir, file), text);
      return { file, path: path.join(dir, file) };
    });
    return { dir, files };
  }

  const run = (files: readonly RegistryFile[], targets: readonly RegistryFile[], extra: { cacheDirectory?: string; workers?: number }) =>
    validateRegistry({ config: DEFAULT_CONFIG, now: TEST_NOW, targets, context: files, schema: nominationSchema, ...extra });

  // Two duplicates of a seed among mutants make registry-wide findings likely too.
  const registryArbitrary = fc
    .tuple(fc.array(nominationTextArbitrary, { minLength: 1, maxLength: 5 }), fc.constantFrom(...SEEDS))
    .map(([mutants, seed]) => [...mutants, seed, seed]);

  it('with and without worker threads, with a cold and a warm cache, and split into shards', async () => {
    await fc.assert(
      fc.asyncProperty(registryArbitrary, fc.integer({ min: 2, max: 3 }), async (texts, shards) => {
        const { dir, files } = writeRegistry(texts);
        const reference = await run(files, files, { workers: 0 });
        const cacheDirectory = path.join(dir, 'cache');
        expect(await run(files, files, { workers: 2 })).toEqual(reference);
        expect(await run(files, files, { workers: 0, cacheDirectory })).toEqual(reference);
        expect(await run(files, files, { workers: 0, cacheDirectory })).toEqual(reference);
        // One file alone, with the cache holding the rest: the registry-wide findings still see every file.
        expect(await run(files, [files[0]!], { workers: 0, cacheDirectory })).toEqual([reference[0]]);
        const union: FileResult[] = [];
        for (let index = 1; index <= shards; index++) {
          union.push(
            ...(await run(
              files,
              selectShard(files, (f) => f.file, { index, count: shards }),
              { workers: 0 },
            )),
          );
        }
        expect(union.sort((a, b) => a.file.localeCompare(b.file))).toEqual([...reference].sort((a, b) => a.file.localeCompare(b.file)));
      }),
      { numRuns: 6 },
    );
  });
});
