import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runInProcess } from './support/cli.js';

describe('dpg status operands', () => {
  it.each([
    { name: "a path from the registry's parent", operand: 'nominations/aam-digital.yaml' },
    { name: 'a ./ path', operand: './nominations/aam-digital.yaml' },
    { name: 'an absolute path', operand: `${REPO_ROOT}nominations/aam-digital.yaml` },
  ])('takes $name as well as the slug', async ({ operand }) => {
    const bySlug = await runInProcess(['status', 'aam-digital'], { cwd: REPO_ROOT });
    const byPath = await runInProcess(['status', operand], { cwd: REPO_ROOT });
    expect(bySlug.stdout).toContain('Aam Digital');
    expect(byPath).toEqual(bySlug);
  });

  it.each([
    {
      name: 'a file outside the registry',
      operand: 'examples/example-stock-manager.yaml',
      message: 'examples/example-stock-manager.yaml is not a nomination of nominations/',
    },
    { name: 'a misspelt path', operand: 'nominations/aam-digitl.yaml', message: 'Did you mean "aam-digital"?' },
    { name: 'an unknown slug', operand: 'aam-digitl', message: 'No nomination "aam-digitl" in nominations/.' },
  ])('refuses $name', async ({ operand, message }) => {
    const run = await runInProcess(['status', operand], { cwd: REPO_ROOT });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
