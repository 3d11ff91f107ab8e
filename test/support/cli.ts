import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/core/io.js';
import { TEST_NOW } from './validate.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(REPO_ROOT, 'bin', 'dpg.js');
const BUILT_ENTRY = path.join(REPO_ROOT, 'dist', 'cli', 'bin.js');

export type CliMode = 'in-process' | 'subprocess';
export const CLI_MODES: readonly CliMode[] = ['in-process', 'subprocess'];

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** Working directory of the run (a temp dir made with `tempDir`). */
  cwd: string;
  /** Extra environment variables; NO_COLOR is always set. */
  env?: Record<string, string>;
  /** Standard input of the run (empty when absent). */
  stdin?: string;
  /** In-process only: the whole environment instead of NO_COLOR and `env` (the caches' folder is kept). */
  exactEnv?: Record<string, string | undefined>;
  /** In-process only: whether stdout and stderr are terminals (default: neither). */
  tty?: boolean;
  /** In-process only: today's date (default: TEST_NOW). */
  now?: Date;
}

/** A line of a JavaScript stack trace, which must never reach a user. */
export const STACK_LINE = /^\s+at\s/m;

/** Runs `main` with a capturing CliIO, a fixed `now` and no terminal. */
export async function runInProcess(args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: options.cwd,
    // The caches' folder of the test run (see cache-root.ts), as a subprocess inherits it.
    env: {
      ...(options.exactEnv ? {} : { NO_COLOR: '1' }),
      ...(process.env.DPG_CACHE_DIR ? { DPG_CACHE_DIR: process.env.DPG_CACHE_DIR } : {}),
      ...(options.exactEnv ?? options.env),
    },
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    now: options.now ?? TEST_NOW,
    readStdin: async () => Buffer.from(options.stdin ?? ''),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Runs the built executable (`node bin/dpg.js`), as a user or CI would. `npm test` builds it first. */
export function runSubprocess(args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  if (!existsSync(BUILT_ENTRY)) throw new Error(`${BUILT_ENTRY} is missing; run \`npm run build\` first (npm test does).`);
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The parent's colour and debug settings must not leak into the expectations.
  delete env.FORCE_COLOR;
  delete env.DPG_DEBUG;
  Object.assign(env, { NO_COLOR: '1' }, options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (options.stdin !== undefined) child.stdin!.end(options.stdin);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    // A net for a run that hangs, not a speed check: a shared machine can be slow.
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === null) {
        reject(new Error(`dpg ${args.join(' ')} was killed by ${signal}`));
        return;
      }
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

export function runCli(mode: CliMode, args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  return mode === 'in-process' ? runInProcess(args, options) : runSubprocess(args, options);
}

const created: string[] = [];

/** A fresh temp dir holding `files` (relative path → content); removed by `removeTempDirs`. */
export function tempDir(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-cli-'));
  created.push(dir);
  for (const [relative, content] of Object.entries(files)) writeTempFile(dir, relative, content);
  return dir;
}

export function writeTempFile(dir: string, relative: string, content: string | Uint8Array): void {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
