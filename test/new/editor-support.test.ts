import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateSources } from '../../src/lint/engine.js';
import { loadConfig, registryFiles } from '../../src/runner/files.js';
import { REPO_ROOT } from '../support/cli.js';
import { TEST_NOW } from '../support/validate.js';

const MODELINE = '# yaml-language-server: $schema=../schemas/nomination.schema.json';

interface SchemaNode {
  type?: string;
  title?: string;
  description?: string;
  examples?: unknown[];
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
}

const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/nomination.schema.json'), 'utf8')) as SchemaNode;
const resolve = (node: SchemaNode): SchemaNode =>
  node.$ref ? { ...resolve(schema.$defs![node.$ref.replace('#/$defs/', '')]!), ...node } : node;

/** Every leaf property of the schema with its (resolved) definition: what editors complete and explain. */
function leaves(node: SchemaNode, prefix = ''): Array<{ field: string; node: SchemaNode }> {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const field = prefix ? `${prefix}.${key}` : key;
    const resolved = resolve(child);
    const items = resolved.items ? resolve(resolved.items) : undefined;
    if (resolved.properties) return leaves(resolved, field);
    if (items?.properties) return leaves(items, `${field}[]`);
    return [{ field, node: resolved }];
  });
}

const LEAVES = leaves(schema);

describe('editor support', () => {
  it('every nomination of the registry starts with the schema modeline', () => {
    const { config, root } = loadConfig(REPO_ROOT);
    const files = registryFiles(path.resolve(root, config.registry));
    expect(files.length).toBeGreaterThanOrEqual(10);
    const without = files.filter((file) => readFileSync(file, 'utf8').split('\n')[0] !== MODELINE);
    expect(without.map((file) => path.relative(REPO_ROOT, file))).toEqual([]);
  });

  it('every leaf property of the schema has a title and a description for hovers', () => {
    expect(LEAVES.length).toBeGreaterThan(60);
    expect(LEAVES.filter(({ node }) => !node.title?.trim() || !node.description?.trim()).map((l) => l.field)).toEqual([]);
  });

  it('every leaf property has examples for completion, except yes/no answers and fixed vocabularies', () => {
    const needsExamples = LEAVES.filter(({ node }) => node.type !== 'boolean' && !node.enum);
    expect(needsExamples.filter(({ node }) => !Array.isArray(node.examples) || !node.examples.length).map((l) => l.field)).toEqual([]);
  });

  it('the examples of list fields are lists, and of text fields texts', () => {
    const mismatched = LEAVES.filter(({ node }) =>
      (node.examples ?? []).some(
        (example) =>
          (node.type === 'array'
            ? !Array.isArray(example)
            : node.type === 'integer'
              ? !Number.isInteger(example)
              : typeof example !== 'string') && node.type !== 'boolean',
      ),
    );
    expect(mismatched.map((l) => l.field)).toEqual([]);
  });
});

describe('the complete annotated example of docs/format.md', () => {
  const page = readFileSync(path.join(REPO_ROOT, 'docs/format.md'), 'utf8');
  const section = page.slice(page.indexOf('## A complete annotated example'));
  const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;

  it('starts with the modeline and validates clean', () => {
    expect(example.split('\n')[0]).toBe(MODELINE);
    const [result] = validateSources([{ file: 'nominations/harvest-ledger.yaml', content: example }], {
      config: loadConfig(REPO_ROOT).config,
      now: TEST_NOW,
    });
    expect(result!.diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.message}`)).toEqual([]);
  });

  it('has every section a nominator writes, each introduced by a comment', () => {
    const data = parse(example) as Record<string, unknown>;
    const sections = Object.keys(schema.properties!).filter((key) => !['review', 'delisting', 'waivers'].includes(key));
    expect(sections.filter((key) => data[key] === undefined)).toEqual([]);
    for (const title of [
      'Indicator 1 ',
      'Indicator 2 ',
      'Indicator 3 ',
      'Indicator 4 ',
      'Indicator 5 ',
      'Indicator 6 ',
      'Indicator 7 ',
      'Indicator 8 ',
      'Indicator 9 ',
    ]) {
      expect(example).toContain(`# ${title}`);
    }
    for (const part of ['# 9a', '# 9b', '# 9c']) expect(example).toContain(part);
  });
});
