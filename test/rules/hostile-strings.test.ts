import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { validNominationText } from '../support/nomination.js';

/*
 * Every rule that validation runs (file rules, registry rules, the schema), on nominations whose text values are
 * 200 kB of input made to defeat pattern matching and pairwise comparison. Each case runs in a worker thread
 * against the built validator, so that a case that would take minutes is stopped at its budget and fails.
 */

const SIZE = 200_000;
/** Per validation of one file against one other; ample on a busy two-core machine for work that is linear. */
const BUDGET_MS = 3000;
/** The loader refuses files over 1 MB: the hostile values are spread over as many files as that takes. */
const MAX_FILE_BYTES = 900_000;

const repeat = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

const HOSTILE: Array<[string, string]> = [
  ['a run of spaces', repeat(' ')],
  ['a phone label, then spaces and a digit', `phone${repeat(' ')}x 1`],
  ['phone labels and separators', repeat('Tel. number : ')],
  ['a tel: link, then spaces', `tel:${repeat(' ')}x`],
  ['digits with separators and international prefixes', repeat('+1 2-3.4(5) 00')],
  ['at signs and dots', repeat('@.')],
  ['an address without an end to its domain', `${'a'.repeat(64)}@${repeat('b.')}1`],
  ['addresses in one word', repeat('a@b.co')],
  ['http:// repeated', repeat('http://')],
  ['a URL with a run of slashes', `https://example.org${repeat('/')}x`],
  ['a run of dashes', `${repeat('-')}x`],
  ['nested brackets', `${'('.repeat(SIZE / 2)}MIT${')'.repeat(SIZE / 2)}`],
  ['licence operators and deprecated ids', repeat('MIT AND GPL-3.0 OR WITH ')],
  ['backslashes and a quote', `${repeat('\\')}"`],
  ['mixed scripts', repeat('OpenLMIS ОpenLMIS Ορεν 中文 ')],
  ['invisible characters', repeat('O\u200d\u00ad\u202e\u2066p')],
];

type Path = Array<string | number>;

/** The valid nomination with every optional list a rule reads present, so that every rule meets the hostile text. */
function baseNomination(): Record<string, unknown> {
  const data = parse(validNominationText()) as Record<string, unknown>;
  data.aliases = ['Example CM', 'ECM tool'];
  data.waivers = [{ rule: 'url/https', reason: 'A reason.', approvedBy: 'someone' }];
  data.stage = 'dpg';
  data.review = { date: '2026-05-04', reviewer: 'dpg-review-team' };
  return data;
}

/** Where the nomination holds text; of a list, its first item only (rules treat the items of a list alike). */
function stringPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.length ? stringPaths(value[0], [...path, 0]) : [];
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function withValues(data: Record<string, unknown>, paths: readonly Path[], text: string): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const path of paths) {
    let node = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path.at(-1)!] = text;
  }
  return copy;
}

const asYaml = (data: unknown): string => stringify(data, { lineWidth: 0 });

/** The string paths in groups whose hostile values fit in one file. */
function groups(paths: readonly Path[], text: string): Path[][] {
  const perFile = Math.max(1, Math.floor(MAX_FILE_BYTES / Buffer.byteLength(asYaml(text))));
  const out: Path[][] = [];
  for (let i = 0; i < paths.length; i += perFile) out.push(paths.slice(i, i + perFile));
  return out;
}

let worker: Worker;

function timedValidation(
  targets: Array<{ file: string; content: string }>,
  context: Array<{ file: string; content: string }>,
): Promise<{ ms: number; rules: string[] } | 'overran'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.removeAllListeners('message');
      // The thread is stuck in the overrunning case: stop it and start another for the next case.
      void worker.terminate().then(() => {
        worker = newWorker();
        resolve('overran');
      });
    }, BUDGET_MS * 2);
    const failed = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    worker.once('error', failed);
    worker.once('message', (reply: { ms: number; rules: string[] }) => {
      clearTimeout(timer);
      worker.off('error', failed);
      resolve(reply);
    });
    worker.postMessage({ targets, context });
  });
}

function newWorker(): Worker {
  return new Worker(new URL('../support/timed-validation-worker.mjs', import.meta.url));
}

describe('every rule on hostile text', () => {
  const base = baseNomination();
  const paths = stringPaths(base);

  beforeAll(async () => {
    worker = newWorker();
    // The first validation compiles the schema and loads the rules: not part of any case.
    await timedValidation([{ file: 'nominations/warm-up.yaml', content: asYaml(base) }], []);
  });
  afterAll(async () => {
    await worker.terminate();
  });

  it('reaches every kind of string the rules read', () => {
    expect(paths.length).toBeGreaterThan(40);
    for (const key of [
      'name',
      'aliases',
      'description',
      'website',
      'repositories',
      'licenses',
      'sdgs',
      'organizations',
      'waivers',
      'privacy',
      'doNoHarm',
    ]) {
      expect(
        paths.some((p) => p[0] === key),
        key,
      ).toBe(true);
    }
  });

  it.each(HOSTILE)(
    'validates nominations full of %s within the budget',
    async (_name, text) => {
      for (const group of groups(paths, text)) {
        const data = withValues(base, group, text);
        const reply = await timedValidation(
          [{ file: 'nominations/hostile.yaml', content: asYaml(data) }],
          // A second file with the same values, so that the registry rules compare hostile text across files too.
          [{ file: 'nominations/hostile-twin.yaml', content: asYaml(data) }],
        );
        const where = group.map((p) => p.join('.')).join(', ');
        expect(reply, `overran ${BUDGET_MS * 2} ms with ${where}`).not.toBe('overran');
        if (reply === 'overran') return;
        expect(reply.ms, `took ${Math.round(reply.ms)} ms with ${where}`).toBeLessThan(BUDGET_MS);
        // The file was read and checked: findings of the rules, not only a refusal of the loader.
        expect(
          reply.rules.some((id) => id.startsWith('yaml/')),
          reply.rules.join(', '),
        ).toBe(false);
      }
    },
    120_000,
  );
});
