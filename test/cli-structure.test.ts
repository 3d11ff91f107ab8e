import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/cli.js';

const COMMANDS = path.join(REPO_ROOT, 'src/cli/commands');

describe('the CLI commands', () => {
  const files = readdirSync(COMMANDS).filter((f) => f.endsWith('.ts'));

  it('are found', () => {
    expect(files).toContain('validate.ts');
  });

  // What two commands share lives in src/cli/shared/, so a command can change without breaking another.
  it.each(files)('%s imports no other command', (file) => {
    const source = readFileSync(path.join(COMMANDS, file), 'utf8');
    const imports = [...source.matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]!);
    expect(imports.filter((spec) => spec.startsWith('./') || spec.includes('/commands/'))).toEqual([]);
  });
});
