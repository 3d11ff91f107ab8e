import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runInProcess } from './support/cli.js';

describe("the README's first example", () => {
  it('is what dpg prints for the example file, and the exit status is 1', async () => {
    const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const example = /```console\n\$ npx dpg (.+)\n([\s\S]*?)```/.exec(readme);
    expect(example, 'a console example at the top of the README').not.toBeNull();
    const [, command, shown] = example!;
    const run = await runInProcess(command!.split(' '), { cwd: REPO_ROOT });
    expect(run.stdout).toBe(shown);
    expect(run.code).toBe(1);
  });
});
