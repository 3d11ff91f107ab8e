import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src/util/atomic-write.js';

describe('writeFileAtomically', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-atomic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates or replaces the file and leaves no temporary file', () => {
    const file = path.join(dir, 'a.yaml');
    writeFileAtomically(file, 'one\n');
    writeFileAtomically(file, 'two\n');
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it('gives the file the mode asked for', () => {
    const file = path.join(dir, 'b.yaml');
    writeFileSync(file, 'x');
    chmodSync(file, 0o640);
    writeFileAtomically(file, 'y', statSync(file).mode);
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('throws when it cannot write, and leaves the folder as it was', () => {
    const folder = path.join(dir, 'sub');
    mkdirSync(folder);
    // The target is a folder: the rename fails after the temporary file was written.
    mkdirSync(path.join(folder, 'c.yaml'));
    expect(() => writeFileAtomically(path.join(folder, 'c.yaml'), 'z')).toThrow();
    expect(readdirSync(folder)).toEqual(['c.yaml']);
    expect(() => writeFileAtomically(path.join(dir, 'missing', 'd.yaml'), 'z')).toThrow(/ENOENT/);
  });
});
