import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/runner/cache/results-cache.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/config.js';
import { validateChangedRegistry, type ChangedRunOptions } from '../../src/runner/changed-run.js';
import { validateRegistry, type RegistryFile } from '../../src/runner/registry-run.js';
import { selectShard } from '../../src/runner/shard.js';
import { loadNomination } from '../../src/load/load.js';
import type { MaybeNomination } from '../../src/core/nomination.js';
import { isListedNomination, registryFiles } from '../../src/runner/files.js';
import { rule as duplicate } from '../../src/rules/registry/duplicate.js';
import { nominationSchema } from '../../src/schema/schema.js';
import type { FileResult } from '../../src/core/types.js';
import { withEdits } from '../support/nomination.js';
import { TEST_NOW } from '../support/validate.js';

const work = mkdtempSync(path.join(tmpdir(), 'dpg-changed-run-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let runs = 0;

/** Nominations drawn from a few names, aliases and repositories, so that changes often make or mend duplicates. */
const TEXTS: readonly string[] = (() => {
  const texts: string[] = [];
  for (const name of ['Alpha', 'Beta', 'Gamma']) {
    for (const repository of ['alpha', 'beta', 'gamma']) {
      for (const aliases of [undefined, ['Beta'], ['Delta']]) {
        texts.push(
          withEdits([['name'], name], [['repositories', 0, 'url'], `https://github.com/org/${repository}`], [['aliases'], aliases]),
        );
      }
    }
  }
  // Unreadable and empty files collect nothing.
  return [...texts, 'name: [unclosed\n', ''];
})();

type Fate = { kind: 'keep' } | { kind: 'modify'; text: number } | { kind: 'delete' } | { kind: 'rename'; text: number };

interface Scenario {
  /** The base's files: path below the registry folder → text. */
  base: Map<string, string>;
  fates: Map<string, Fate>;
  added: Map<string, string>;
  shard?: { index: number; count: number };
}

const BASE_NAMES = ['a.yaml', 'b.yaml', 'sub/c.yaml', 'd.yaml', 'e.yml', '.drafts/f.yaml'];

const textArbitrary = fc.integer({ min: 0, max: TEXTS.length - 1 });
const fateArbitrary: fc.Arbitrary<Fate> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'keep' as const }) },
  fc.record({ kind: fc.constant('modify' as const), text: textArbitrary }),
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('rename' as const), text: textArbitrary }),
);
const scenarioArbitrary: fc.Arbitrary<Scenario> = fc
  .record({
    base: fc
      .subarray(BASE_NAMES, { minLength: 1 })
      .chain((names) => fc.tuple(fc.constant(names), fc.array(textArbitrary, { minLength: names.length, maxLength: names.length }))),
    fates: fc.array(fateArbitrary, { minLength: BASE_NAMES.length, maxLength: BASE_NAMES.length }),
    added: fc.array(textArbitrary, { maxLength: 2 }),
    shard: fc.option(
      fc.integer({ min: 1, max: 2 }).map((index) => ({ index, count: 2 })),
      { nil: undefined },
    ),
  })
  .map(({ base: [names, texts], fates, added, shard }) => ({
    base: new Map(names.map((name, i) => [name, TEXTS[texts[i]!]!])),
    fates: new Map(names.map((name, i) => [name, fates[i]!])),
    added: new Map(added.map((text, i) => [`new-${i}.yaml`, TEXTS[text]!])),
    shard,
  }));

/** Writes the registry as the change leaves it and works out what `validate --changed` is given. */
function setUp(scenario: Scenario) {
  const dir = path.join(work, `run-${runs++}`);
  const registryDir = path.join(dir, 'nominations');
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(registryDir, file)), { recursive: true });
    writeFileSync(path.join(registryDir, file), text);
  };
  mkdirSync(registryDir, { recursive: true });
  const changed: string[] = [];
  const superseded = new Map<string, string>();
  for (const [file, text] of scenario.base) {
    // A file the registry listing skips (in a hidden folder) is not a nomination: a change to it is reported
    // as a file outside the registry, so here it only stays as it is.
    const fate: Fate = isListedNomination(file) ? scenario.fates.get(file)! : { kind: 'keep' };
    if (fate.kind === 'keep') write(file, text);
    if (fate.kind !== 'keep') superseded.set(file, text);
    if (fate.kind === 'modify') {
      write(file, TEXTS[fate.text]!);
      changed.push(file);
    }
    if (fate.kind === 'rename') {
      write(`renamed-${file.replace(/\//g, '-')}`, TEXTS[fate.text]!);
      changed.push(`renamed-${file.replace(/\//g, '-')}`);
    }
  }
  for (const [file, text] of scenario.added) {
    write(file, text);
    changed.push(file);
  }
  changed.sort();
  const fileAt = (relative: string): RegistryFile => ({
    file: `nominations/${relative}`,
    path: path.join(registryDir, ...relative.split('/')),
  });
  const targets = scenario.shard ? selectShard(changed, (file) => fileAt(file).file, scenario.shard) : changed;
  const baseIds = new Map([...scenario.base].map(([file, text]) => [file, contentHash(Buffer.from(text))]));
  return { dir, registryDir, changed, targets, superseded, fileAt, baseIds };
}

function options(setup: ReturnType<typeof setUp>, extra: Partial<ChangedRunOptions> = {}): ChangedRunOptions {
  return {
    config: DEFAULT_CONFIG,
    now: TEST_NOW,
    workers: 0,
    schema: nominationSchema,
    targets: setup.targets,
    changed: setup.changed,
    superseded: setup.superseded,
    base: 'c0ffee'.padEnd(40, '0'),
    registryPrefix: 'nominations/',
    listBase: async () => setup.baseIds,
    fileAt: setup.fileAt,
    ...extra,
  };
}

/** The keys the duplicate rule gives a text. */
const keysOf = (text: string): readonly string[] =>
  duplicate.keys!(duplicate.collect(loadNomination('x.yaml', text).data as MaybeNomination, {}, 'x.yaml'));

describe('validate --changed against the registry as the change leaves it', () => {
  it('gives the results of validating the targets with the whole registry on disk, with and without the index', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const setup = setUp(scenario);
        const onDisk = registryFiles(setup.registryDir);
        const reference: FileResult[] = await validateRegistry({
          config: DEFAULT_CONFIG,
          now: TEST_NOW,
          workers: 0,
          schema: nominationSchema,
          targets: setup.targets.map(setup.fileAt),
          context: onDisk.map((file) => ({
            file: `nominations/${path.relative(setup.registryDir, file).split(path.sep).join('/')}`,
            path: file,
          })),
        });
        const listed = onDisk.map((file) => path.relative(setup.registryDir, file).split(path.sep).join('/')).sort();

        const uncached = await validateChangedRegistry(options(setup));
        expect(uncached.results).toEqual(reference);
        expect(uncached.registry()).toEqual(listed);

        const cacheDirectory = path.join(setup.dir, 'cache');
        const cold = await validateChangedRegistry(options(setup, { cacheDirectory }));
        expect(cold.results).toEqual(reference);
        // A change with nothing to check (another shard's) leaves the index to a run that checks something.
        if (!setup.targets.length) return;
        expect(readdirSync(path.join(cacheDirectory, 'registry-index'))).toEqual([`${'c0ffee'.padEnd(40, '0')}.jsonl`]);

        // With the index, the base is not listed, and only the changed files and those sharing a key with one are read.
        const read: string[] = [];
        const warm = await validateChangedRegistry(
          options(setup, {
            cacheDirectory,
            listBase: () => {
              throw new Error('the index stands in for the listing');
            },
            fileAt: (relative) => {
              read.push(relative);
              return setup.fileAt(relative);
            },
          }),
        );
        expect(warm.results).toEqual(reference);
        expect(warm.registry()).toEqual(listed);
        const changedKeys = new Set(setup.changed.flatMap((file) => keysOf(scenario.added.get(file) ?? readText(setup, file))));
        const sharing = listed.filter(
          (file) => !setup.changed.includes(file) && keysOf(readText(setup, file)).some((key) => changedKeys.has(key)),
        );
        expect(new Set(read.filter((file) => !setup.changed.includes(file)))).toEqual(new Set(sharing));
      }),
      { numRuns: 40 },
    );
  });

  it('reads two files of twenty when a changed nomination takes the name of an unchanged one', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `Solution ${String.fromCharCode(65 + i)}`);
    const base = new Map(
      names.map((name, i) => [`s${i}.yaml`, withEdits([['name'], name], [['repositories', 0, 'url'], `https://github.com/org/s${i}`])]),
    );
    const scenario: Scenario = {
      base,
      fates: new Map([...base.keys()].map((file) => [file, { kind: 'keep' } as Fate])),
      added: new Map(),
    };
    const setup = setUp(scenario);
    // s3 now calls itself "Solution H", the name of s7; its old name, still in the index, must not count.
    const modified = withEdits([['name'], 'Solution H'], [['repositories', 0, 'url'], 'https://github.com/org/s3']);
    writeFileSync(setup.fileAt('s3.yaml').path, modified);
    const changed = { ...setup, changed: ['s3.yaml'], targets: ['s3.yaml'], superseded: new Map([['s3.yaml', base.get('s3.yaml')!]]) };
    const cacheDirectory = path.join(setup.dir, 'cache');
    const cold = await validateChangedRegistry(options(changed, { cacheDirectory }));
    const read: string[] = [];
    const warm = await validateChangedRegistry(
      options(changed, {
        cacheDirectory,
        fileAt: (relative) => {
          read.push(relative);
          return setup.fileAt(relative);
        },
      }),
    );
    expect([...new Set(read)].sort()).toEqual(['s3.yaml', 's7.yaml']);
    expect(warm.results).toEqual(cold.results);
    const found = warm.results[0]!.diagnostics.filter((d) => d.ruleId === 'registry/duplicate');
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining('nominations/s7.yaml')]);

    // Edited again: checked afresh through the index (its findings cached for the next run), like a run without the cache.
    writeFileSync(
      setup.fileAt('s3.yaml').path,
      withEdits([['name'], 'Solution L'], [['repositories', 0, 'url'], 'https://github.com/org/s3'], [['website'], 'http://example.org']),
    );
    const uncached = (await validateChangedRegistry(options(changed))).results;
    expect(uncached[0]!.diagnostics.map((d) => d.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('nominations/s11.yaml')]),
    );
    expect(
      (
        await validateChangedRegistry(
          options(changed, {
            cacheDirectory,
            listBase: () => {
              throw new Error('listed');
            },
          }),
        )
      ).results,
    ).toEqual(uncached);
    const hash = contentHash(readFileSync(setup.fileAt('s3.yaml').path));
    const cachedRows = readdirSync(path.join(cacheDirectory, 'details')).map((bucket) =>
      readFileSync(path.join(cacheDirectory, 'details', bucket), 'utf8'),
    );
    expect(cachedRows.filter((text) => text.includes(`"nominations/s3.yaml":["${hash}"`))).toHaveLength(1);
    expect(
      (
        await validateChangedRegistry(
          options(changed, {
            cacheDirectory,
            listBase: () => {
              throw new Error('listed');
            },
          }),
        )
      ).results,
    ).toEqual(uncached);
  });

  it('writes no index and reads every file when the cache is off, and builds a new one when the configuration changes', async () => {
    const setup = setUp({
      base: new Map([
        ['a.yaml', TEXTS[0]!],
        ['b.yaml', TEXTS[4]!],
      ]),
      fates: new Map([
        ['a.yaml', { kind: 'modify', text: 9 }],
        ['b.yaml', { kind: 'keep' }],
      ]),
      added: new Map(),
    });
    await validateChangedRegistry(options(setup));
    expect(existsSync(path.join(setup.dir, 'cache'))).toBe(false);
    const cacheDirectory = path.join(setup.dir, 'cache');
    const reference = (await validateChangedRegistry(options(setup, { cacheDirectory }))).results;
    const config: Config = { ...DEFAULT_CONFIG, rules: { 'registry/duplicate': { severity: 'warning' } } };
    let listedAgain = false;
    const other = await validateChangedRegistry(
      options(setup, {
        cacheDirectory,
        config,
        listBase: async () => {
          listedAgain = true;
          return setup.baseIds;
        },
      }),
    );
    expect(listedAgain).toBe(true);
    expect(other.results.map((r) => r.file)).toEqual(reference.map((r) => r.file));
    expect(readdirSync(path.join(cacheDirectory, 'registry-index'))).toHaveLength(1);
  });
});

function readText(setup: ReturnType<typeof setUp>, file: string): string {
  return readFileSync(setup.fileAt(file).path, 'utf8');
}

describe('validate --changed and the versions of the Standard', () => {
  const noAnswers: [Array<string | number>, unknown] = [['privacy', 'piiRequirements'], undefined];
  const approved = (date: string) =>
    withEdits([['stage'], 'dpg'], [['review'], { date, reviewer: 'dpg-review-team' }], [['standardVersion'], '1.1.6'], noAnswers);

  it.each([
    {
      name: 'an approved record whose review date stays owes the answers at its next review',
      after: '2026-05-04',
      severity: 'warning',
      overdue: false,
    },
    { name: 'a new review date submits the renewal, judged by the current version', after: '2026-11-20', severity: 'error', overdue: true },
  ])('$name', async ({ after, severity, overdue }) => {
    const base = new Map([['a.yaml', approved('2026-05-04')]]);
    const setup = setUp({ base, fates: new Map([['a.yaml', { kind: 'keep' }]]), added: new Map() });
    writeFileSync(setup.fileAt('a.yaml').path, approved(after).replace('name:', '# edited\nname:'));
    const changed = { ...setup, changed: ['a.yaml'], targets: ['a.yaml'], superseded: new Map([['a.yaml', base.get('a.yaml')!]]) };
    // Without the cache, filling it, then through the registry index it wrote.
    const cacheDirectory = path.join(setup.dir, 'cache');
    for (const extra of [{}, { cacheDirectory }, { cacheDirectory }]) {
      const [result] = (await validateChangedRegistry(options(changed, extra))).results;
      const finding = result!.diagnostics.find((d) => d.ruleId === 'privacy/pii-requirements');
      expect(finding).toMatchObject({ severity, due: { since: '1.1.7', assessedUnder: '1.1.6', overdue } });
    }
  });
});
