import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateSources } from '../src/lint/engine.js';
import { loadConfig, readSource, registryFiles } from '../src/runner/files.js';
import { TEST_NOW } from './support/validate.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { config, root } = loadConfig(ROOT);
const FILES = registryFiles(path.resolve(root, config.registry));
const SOURCES = FILES.map((file) => readSource(file, ROOT));

const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/nomination.schema.json'), 'utf8')) as {
  properties: { categories: { items: { enum: string[] } } };
};
const CATEGORIES = schema.properties.categories.items.enum;

describe('the bundled registry', () => {
  it('holds at least 10 nominations', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(SOURCES.map((source) => ({ name: source.file, source })))('$name has no errors and no warnings', ({ source }) => {
    const [result] = validateSources([source], {
      config,
      now: TEST_NOW,
      context: SOURCES.filter((other) => other.file !== source.file),
    });
    const problems = result!.diagnostics
      .filter((d) => d.severity !== 'info')
      .map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`);
    expect(problems).toEqual([]);
    expect(result!.errorCount + result!.warningCount).toBe(0);
  });

  it('represents every category of the schema', () => {
    const represented = new Set(
      SOURCES.flatMap((source) => {
        const categories = (parse(String(source.content)) as { categories?: unknown }).categories;
        return Array.isArray(categories) ? categories : [];
      }),
    );
    expect(CATEGORIES.filter((category) => !represented.has(category))).toEqual([]);
  });
});
