import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { displayPath, globFiles, registryFiles, resolveOperands } from '../../src/runner/files.js';
import { isInside } from '../../src/runner/reviews.js';

describe('registryFiles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists .yaml and .yml files at any depth, sorted, skipping hidden ones and other extensions', () => {
    const files = [
      'b.yaml',
      'a.yml',
      'sub/c.yaml',
      'sub/deeper/d.yaml',
      '.hidden.yaml',
      '.git/e.yaml',
      'notes.md',
      'UPPER.YAML',
      'sub/f.yaml.bak',
    ];
    for (const f of files) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), 'name: x\n');
    }
    symlinkSync(path.join(dir, 'b.yaml'), path.join(dir, 'linked.yaml'));
    symlinkSync(path.join(dir, 'sub'), path.join(dir, 'linked-folder'));
    expect(registryFiles(dir).map((f) => path.relative(dir, f).split(path.sep).join('/'))).toEqual([
      'a.yml',
      'b.yaml',
      'linked.yaml',
      'sub/c.yaml',
      'sub/deeper/d.yaml',
    ]);
    expect(registryFiles(path.join(dir, 'missing'))).toEqual([]);
  });
});

describe('isInside', () => {
  it('agrees with path.relative on any pair of paths', () => {
    const segment = fc.constantFrom('a', 'b', '.', '..', '.hidden', '');
    const pathArb = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(pathArb, pathArb, (file, dir) => {
        const relative = path.relative(dir, file);
        expect(isInside(file, dir)).toBe(relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('displayPath', () => {
  /** What displayPath promises: relative with forward slashes inside the working directory, else absolute. */
  const expected = (file: string, cwd: string): string => {
    const relative = path.relative(cwd, file);
    return (relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file).split(path.sep).join('/');
  };

  it('agrees with path.relative on any path', () => {
    const segment = fc.constantFrom('a', 'b', '.', '..', '.hidden', 'x y', '');
    const pathArb = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(pathArb, pathArb, (file, cwd) => {
        expect(displayPath(file, cwd)).toBe(expected(file, cwd));
      }),
      { numRuns: 2000 },
    );
  });

  it('shows files below the working directory relative to it', () => {
    expect(displayPath('/work/reg/nominations/a.yaml', '/work/reg')).toBe('nominations/a.yaml');
    expect(displayPath('/work/reg/nominations/a.yaml', '/work/reg/')).toBe('nominations/a.yaml');
    expect(displayPath('/elsewhere/a.yaml', '/work/reg')).toBe('/elsewhere/a.yaml');
  });
});

describe('globFiles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-glob-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of ['a.yaml', 'b.yml', 'c.md', 'sub/d.yaml', 'sub/deeper/e.yaml', '.hidden/f.yaml', 'sub/.g.yaml']) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), 'name: x\n');
  }
  const relative = (files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

  it.each([
    ['*.yaml', ['a.yaml']],
    ['*.{yaml,yml}', ['a.yaml', 'b.yml']],
    ['sub/*.yaml', ['sub/d.yaml']],
    ['**/*.yaml', ['a.yaml', 'sub/d.yaml', 'sub/deeper/e.yaml']],
    ['sub/**/*.yaml', ['sub/d.yaml', 'sub/deeper/e.yaml']],
    ['*/*.yaml', ['sub/d.yaml']],
    ['nothing-*.yaml', []],
    ['a.yaml', ['a.yaml']],
  ])('%s', (pattern, expected) => {
    expect(relative(globFiles(pattern, dir))).toEqual(expected);
  });

  it('expands a glob operand and reports one that matches nothing', () => {
    expect(relative(resolveOperands(['sub/**/*.yaml'], dir))).toEqual(['sub/d.yaml', 'sub/deeper/e.yaml']);
    expect(() => resolveOperands(['missing/*.yaml'], dir)).toThrow(/No such file or no match: missing\/\*\.yaml/);
  });
});
