import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, removeTempDirs, runInProcess, tempDir, type CliRun } from './support/cli.js';
import { validNominationText } from './support/nomination.js';

const ESCAPE = /\u001b\[/;
const FIX_FILE = 'nominations/example-case-manager.yaml';
const buildOut = mkdtempSync(path.join(tmpdir(), 'dpg-colour-build-'));

afterAll(() => {
  removeTempDirs();
  rmSync(buildOut, { recursive: true, force: true });
});

interface Terminal {
  env: Record<string, string>;
  tty: boolean;
  noColorFlag?: boolean;
}

function run(args: readonly string[], cwd: string, terminal: Terminal): Promise<CliRun> {
  return runInProcess([...args, ...(terminal.noColorFlag ? ['--no-color'] : [])], { cwd, exactEnv: terminal.env, tty: terminal.tty });
}

function fixable(): string {
  return tempDir({
    [FIX_FILE]: validNominationText().replace(
      'website: https://www.aam-digital.com\ncategories',
      'website: http://www.aam-digital.com\ncategories',
    ),
  });
}

/** Each command's text output, and a piece of it that is coloured when colour is on. */
const COMMANDS: Array<{ name: string; args: string[]; cwd: () => string; painted: string }> = [
  { name: 'status', args: ['status', 'aam-digital'], cwd: () => REPO_ROOT, painted: '\u001b[32mpass\u001b[39m' },
  { name: 'renewals', args: ['renewals', '--within', '12m'], cwd: () => REPO_ROOT, painted: '\u001b[2m(reviewed ' },
  { name: 'rules', args: ['rules'], cwd: () => REPO_ROOT, painted: '\u001b[31merror  \u001b[39m' },
  { name: 'import', args: ['import', '--dry-run', 'test/fixtures/dpga'], cwd: () => REPO_ROOT, painted: '\u001b[32mwould write\u001b[39m' },
  {
    name: 'fix --dry-run',
    args: ['fix', '--dry-run', FIX_FILE],
    cwd: fixable,
    painted: '\u001b[32m+website: https://www.aam-digital.com\u001b[39m',
  },
  { name: 'build', args: ['build', '--out', buildOut, '--force'], cwd: () => REPO_ROOT, painted: '\u001b[32mPublished\u001b[39m' },
];

const TERMINALS: Array<{ name: string; terminal: Terminal; colour: boolean }> = [
  { name: 'FORCE_COLOR=1 (not a terminal)', terminal: { env: { FORCE_COLOR: '1' }, tty: false }, colour: true },
  { name: 'a terminal', terminal: { env: {}, tty: true }, colour: true },
  { name: 'NO_COLOR=1 on a terminal', terminal: { env: { NO_COLOR: '1' }, tty: true }, colour: false },
  { name: '--no-color on a terminal', terminal: { env: {}, tty: true, noColorFlag: true }, colour: false },
  { name: '--no-color beats FORCE_COLOR=1', terminal: { env: { FORCE_COLOR: '1' }, tty: true, noColorFlag: true }, colour: false },
  { name: 'FORCE_COLOR=0, not a terminal', terminal: { env: { FORCE_COLOR: '0' }, tty: false }, colour: false },
  { name: 'not a terminal', terminal: { env: {}, tty: false }, colour: false },
];

describe.each(COMMANDS)('dpg $name', ({ args, cwd, painted }) => {
  it.each(TERMINALS)('$name: colour $colour', async ({ terminal, colour }) => {
    const result = await run(args, cwd(), terminal);
    expect(result.stderr).not.toMatch(/error: unknown option/);
    if (colour) {
      expect(result.stdout).toContain(painted);
    } else {
      expect(result.stdout).not.toMatch(ESCAPE);
      expect(result.stderr).not.toMatch(ESCAPE);
      // The same text is there, without colour.
      expect(result.stdout).toContain(painted.replace(/\u001b\[\d+m/g, ''));
    }
  });
});

describe('machine formats are never coloured', () => {
  it.each([
    { name: 'status --format json', args: ['status', 'aam-digital', '--format', 'json'], cwd: () => REPO_ROOT },
    { name: 'status --format markdown', args: ['status', 'aam-digital', '--format', 'markdown'], cwd: () => REPO_ROOT },
    { name: 'renewals --format json', args: ['renewals', '--within', '12m', '--format', 'json'], cwd: () => REPO_ROOT },
    { name: 'renewals --format markdown', args: ['renewals', '--within', '12m', '--format', 'markdown'], cwd: () => REPO_ROOT },
    { name: 'rules --format json', args: ['rules', '--format', 'json'], cwd: () => REPO_ROOT },
    { name: 'import --format json', args: ['import', '--dry-run', '--format', 'json', 'test/fixtures/dpga'], cwd: () => REPO_ROOT },
    { name: 'fix --dry-run --format json', args: ['fix', '--dry-run', '--format', 'json', FIX_FILE], cwd: fixable },
  ])('$name with FORCE_COLOR=1 on a terminal', async ({ args, cwd }) => {
    const result = await run(args, cwd(), { env: { FORCE_COLOR: '1' }, tty: true });
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(result.stdout).not.toMatch(ESCAPE);
  });

  it('fix --format json sends its diff, coloured, to a terminal stderr only', async () => {
    const onTerminal = await run(['fix', '--dry-run', '--format', 'json', FIX_FILE], fixable(), { env: {}, tty: true });
    expect(onTerminal.stderr).toContain('\u001b[31m-website: http://www.aam-digital.com\u001b[39m');
    const piped = await run(['fix', '--dry-run', '--format', 'json', FIX_FILE], fixable(), { env: {}, tty: false });
    expect(piped.stderr).toContain('-website: http://www.aam-digital.com');
    expect(piped.stderr).not.toMatch(ESCAPE);
  });
});
