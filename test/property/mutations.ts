import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseDocument } from 'yaml';

const NOMINATIONS = fileURLToPath(new URL('../../nominations/', import.meta.url));
const VALID = fileURLToPath(new URL('../fixtures/valid/software.yaml', import.meta.url));

/** The bundled nominations and the canonical valid one: the material the mutations start from. */
export const SEEDS: readonly string[] = [
  readFileSync(VALID, 'utf8'),
  ...readdirSync(NOMINATIONS)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(NOMINATIONS + f, 'utf8')),
];

type Mutation = (text: string) => string;

const lines = (text: string): string[] => text.split('\n');
const at = (n: number, length: number): number => (length === 0 ? 0 : n % length);

/** Values of the wrong type for whatever a schema path expects. */
const WRONG_VALUES: readonly unknown[] = [null, 0, -1, 3.5, true, '', 'text', [], [1, 'two'], {}, { a: { b: [] } }, 'x'.repeat(5000)];

/** Leaf and branch paths of a document, to aim type errors at. */
function pathsOf(
  value: unknown,
  prefix: Array<string | number> = [],
  out: Array<Array<string | number>> = [],
): Array<Array<string | number>> {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const key = Array.isArray(value) ? Number(k) : k;
      out.push([...prefix, key]);
      pathsOf(v, [...prefix, key], out);
    }
  }
  return out;
}

/** One random edit of a nomination's text; the arbitraries pick where and what. */
const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n): Mutation => (text) => {
    const l = lines(text);
    l.splice(at(n, l.length), 1);
    return l.join('\n');
  }),
  fc.nat().map((n): Mutation => (text) => {
    const l = lines(text);
    const i = at(n, l.length);
    l.splice(i, 0, l[i] ?? '');
    return l.join('\n');
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (text) => {
    const l = lines(text);
    const i = at(a, l.length);
    const j = at(b, l.length);
    [l[i], l[j]] = [l[j]!, l[i]!];
    return l.join('\n');
  }),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 8 })).map(([n, s]): Mutation => (text) => {
    const i = at(n, text.length + 1);
    return text.slice(0, i) + s + text.slice(i);
  }),
  fc
    .tuple(fc.nat(), fc.constantFrom(':', '-', '"', "'", '[', '{', '&a', '*a', '\t', '#', '? ', '!!binary ', '---\n', '\0', '\uFEFF', '|'))
    .map(([n, s]): Mutation => (text) => {
      const i = at(n, text.length + 1);
      return text.slice(0, i) + s + text.slice(i);
    }),
  fc.integer({ min: 1, max: 120 }).map(
    (depth): Mutation =>
      (text) =>
        `${text}\nnested: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`,
  ),
  fc.integer({ min: 1, max: 120 }).map(
    (depth): Mutation =>
      (text) =>
        `${text}\nnestedBlock:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}k${i}:`).join('\n')} end\n`,
  ),
  fc.integer({ min: 1, max: 12 }).map(
    (width): Mutation =>
      (text) =>
        `${text}\na0: &a0 [x, x]\n${Array.from({ length: width }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`).join('\n')}\n`,
  ),
  fc.integer({ min: 1, max: 200_000 }).map(
    (size): Mutation =>
      (text) =>
        text.replace(/^description: .*$/m, `description: ${'d'.repeat(size)}`),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...WRONG_VALUES)).map(([n, value]): Mutation => (text) => {
    const doc = parseDocument(text);
    const paths = pathsOf(doc.toJS());
    if (!paths.length) return text;
    doc.setIn(paths[at(n, paths.length)]!, value);
    return doc.toString();
  }),
);

/** A nomination text: a seed with one to four mutations applied. */
export const nominationTextArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }))
  .map(([seed, mutations]) => {
    let text = seed;
    for (const mutate of mutations) {
      try {
        text = mutate(text);
      } catch {
        // A mutation that cannot apply (e.g. the document no longer parses for a type edit) leaves the text.
      }
    }
    return text;
  });
