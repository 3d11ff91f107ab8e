import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileValidator } from '../../src/schema/validate.js';
import { withEdits } from '../support/nomination.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** Documents to compare the validators on: the bundled registry, the fixtures and some broken variants. */
function documents(): Array<{ name: string; data: unknown }> {
  const folders = ['nominations/', 'test/fixtures/valid/'];
  const files = folders.flatMap((folder) =>
    readdirSync(ROOT + folder)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => folder + f),
  );
  const broken = [
    withEdits([['stage'], 'approved']),
    withEdits([['licenses'], 'MIT']),
    withEdits([['platformIndependence', 'hasClosedComponents'], true]),
    withEdits([['sdgs', 0, 'goal'], 18], [['unknownKey'], 1]),
    withEdits([['review'], { date: '2026-02-30x' }]),
  ];
  return [
    ...files.map((file) => ({ name: file, data: parse(readFileSync(ROOT + file, 'utf8')) as unknown })),
    ...broken.map((text, i) => ({ name: `broken ${i}`, data: parse(text) as unknown })),
  ];
}

describe('the schema validator compiled at build time', () => {
  it('is what the built code uses, without loading the schema compiler', () => {
    const script = `
      const { nominationValidator, schemaValidator, validatorOrigin } = await import('./dist/schema/validate.js');
      nominationValidator();
      schemaValidator('review', {});
      schemaValidator('reviewers', {});
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      process.stdout.write(JSON.stringify({ origin: ['nomination', 'review', 'reviewers'].map((n) => validatorOrigin(n)), compiler: loaded.filter((f) => /ajv[\\\\/]dist[\\\\/](compile|core|2020)/.test(f)) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as {
      origin: string[];
      compiler: string[];
    };
    expect(out).toEqual({ origin: ['precompiled', 'precompiled', 'precompiled'], compiler: [] });
  });

  it('agrees with the schema compiled at run time on every fixture', () => {
    const precompiled = require('../../dist/schema/nomination-validator.cjs') as ValidateFunction;
    const compiled = compileValidator();
    const cases = documents();
    expect(cases.length).toBeGreaterThan(10);
    for (const { name, data } of cases) {
      const valid = [precompiled(data), compiled(data)];
      expect({ name, valid: valid[0], errors: precompiled.errors ?? null }).toEqual({
        name,
        valid: valid[1],
        errors: compiled.errors ?? null,
      });
    }
    expect(cases.some(({ data }) => !compiled(data))).toBe(true);
  });
});
