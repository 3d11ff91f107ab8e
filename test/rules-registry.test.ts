import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../src/rules/index.js';
import type { Rule } from '../src/rules/types.js';
import { INDICATOR_IDS } from '../src/core/types.js';
import { REPO_ROOT } from './support/cli.js';

const RULES_DIR = path.join(REPO_ROOT, 'src', 'rules');
const DOCS_DIR = path.join(REPO_ROOT, 'docs', 'rules');
/** Files of src/rules that are not rules: the folder lists, the shared types and the core list. */
const NOT_RULE_FILES = /(^|\/)index\.ts$|^types\.ts$|^core\.ts$/;

const ruleFiles = globSync('**/*.ts', { cwd: RULES_DIR })
  .filter((f) => !NOT_RULE_FILES.test(f))
  .sort();
const fileIds = ruleFiles.map((f) => f.replace(/\.ts$/, ''));
const docIds = globSync('**/*.md', { cwd: DOCS_DIR })
  .map((f) => f.replace(/\.md$/, ''))
  .sort();
const registeredIds = ALL_RULES.map((r) => r.id);

function missingFrom(ids: readonly string[], others: readonly string[]): string[] {
  return others.filter((id) => !ids.includes(id)).sort();
}

function docOf(id: string): string {
  return readFileSync(path.join(DOCS_DIR, `${id}.md`), 'utf8');
}

/** The text of a `## <title>` section, up to the next `## ` heading. */
function section(doc: string, title: string): string | undefined {
  const match = new RegExp(`^## ${title}\\s*$([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(doc);
  return match?.[1];
}

describe('rule registry, rule files and rule docs', () => {
  it('registers every rule once', () => {
    const repeated = registeredIds.filter((id, i) => registeredIds.indexOf(id) !== i);
    expect(repeated).toEqual([]);
  });

  it('registers exactly the rules that have a file under src/rules', () => {
    expect({ unregistered: missingFrom(registeredIds, fileIds), withoutFile: missingFrom(fileIds, registeredIds) }).toEqual({
      unregistered: [],
      withoutFile: [],
    });
  });

  it('documents exactly the registered rules under docs/rules', () => {
    expect({ undocumented: missingFrom(docIds, registeredIds), docsWithoutRule: missingFrom(registeredIds, docIds) }).toEqual({
      undocumented: [],
      docsWithoutRule: [],
    });
  });

  it.each(ruleFiles)('src/rules/%s exports the registered rule named after its path', async (file) => {
    const module = (await import(pathToFileURL(path.join(RULES_DIR, file)).href)) as { rule?: Rule };
    expect(module.rule, `${file} exports \`rule\``).toBeDefined();
    expect(module.rule!.id).toBe(file.replace(/\.ts$/, ''));
    // The very object, so that the registry cannot hold a stale copy.
    expect(ALL_RULES).toContain(module.rule);
  });
});

describe.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  it('has complete metadata', () => {
    expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(['file', 'registry', 'core', 'online']).toContain(rule.kind);
    expect(['error', 'warning', 'info']).toContain(rule.defaultSeverity);
    expect(rule.indicator === null || (INDICATOR_IDS as readonly string[]).includes(rule.indicator)).toBe(true);
    expect(rule.description.trim()).not.toBe('');
    // Every finding's sentence lives with its rule, the loader's, schema's, git's and review's included.
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
    for (const message of Object.values(rule.messages)) expect(message.trim()).not.toBe('');
  });

  it.runIf(docIds.includes(id))('has a docs page in the common format', () => {
    const doc = docOf(id);
    const lines = doc.split('\n');
    expect(lines[0]).toBe(`# ${id}`);

    const meta = lines.find((l) => /^Indicator:/.test(l));
    expect(meta, 'a line "Indicator: … · Default severity: … · Fixable: …"').toBeDefined();
    const indicator = /^Indicator:\s*([^·]+?)\s*(·|$)/.exec(meta!)![1]!;
    if (rule.indicator) expect(indicator).toMatch(new RegExp(`^${rule.indicator}\\b`));
    else expect(indicator, 'a rule without an indicator does not claim one').not.toMatch(/^(\d|9[abc])\b/);
    expect(/Default severity:\s*(\w+)/.exec(meta!)?.[1]).toBe(rule.defaultSeverity);
    expect(/Fixable:\s*(\w+)/.exec(meta!)?.[1]).toBe(rule.fixable ? 'yes' : 'no');

    const intro = doc.slice(doc.indexOf(meta!) + meta!.length, doc.search(/^## Bad\s*$/m));
    expect(intro.replace(/^## Why\s*$/m, '').trim().length, 'a paragraph saying why').toBeGreaterThan(80);
    for (const title of ['Bad', 'Good']) {
      expect(section(doc, title), `## ${title} with a YAML snippet`).toMatch(/^```yaml\n[\s\S]*?\n```$/m);
    }
    for (const option of Object.keys(rule.defaultOptions ?? {})) {
      expect(section(doc, 'Options'), `## Options describes ${option}`).toContain(option);
    }
  });
});
