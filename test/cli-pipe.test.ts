import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/dpg.js', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Runs the built CLI with its stdout read for one line only, then closed, as `dpg … | head -1` does. */
function runReadingOneLine(args: string[]): Promise<{ firstLine: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let firstLine: string | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      if (firstLine !== undefined) return;
      stdout += chunk.toString();
      const end = stdout.indexOf('\n');
      if (end >= 0) {
        firstLine = stdout.slice(0, end);
        child.stdout.destroy();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ firstLine: firstLine ?? '', stderr, code }));
  });
}

describe('output to a pipe that closes early', () => {
  it.each([
    { name: 'dpg rules', args: ['rules'], code: 0 },
    {
      name: "dpg import --dry-run of the former registry's records",
      args: ['import', '--dry-run', fileURLToPath(new URL('fixtures/dpga', import.meta.url))],
      code: 0,
    },
  ])('$name stops quietly with its own exit status', async ({ args, code }) => {
    const run = await runReadingOneLine(args);
    expect(run.firstLine.length).toBeGreaterThan(0);
    expect(run.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(code);
  });
});
