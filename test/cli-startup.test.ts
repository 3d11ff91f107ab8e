import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('start-up path of dpg validate', () => {
  it('does not load the GitHub client, git or diff libraries', () => {
    // Records every module URL the ESM loader resolves while the CLI module graph is imported.
    const script = `
      import { register } from 'node:module';
      const seen = [];
      const { port1, port2 } = new MessageChannel();
      port1.on('message', (url) => seen.push(url)); port1.unref();
      register('data:text/javascript,' + encodeURIComponent(
        'let port; export function initialize(d) { port = d.port; }' +
        'export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }'),
        import.meta.url, { data: { port: port2 }, transferList: [port2] });
      await import('./dist/cli/main.js');
      await new Promise((r) => setTimeout(r, 50));
      process.stdout.write(JSON.stringify(seen));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as string[];
    expect(loaded.some((url) => url.includes('/dist/engine/engine.js'))).toBe(true);
    expect(loaded.filter((url) => /@octokit|simple-git|\/node_modules\/diff\/|\/dist\/build\/|playwright|@inquirer|\/dist\/new\/|ajv\/dist\/(compile|core|2020)/.test(url))).toEqual([]);
    // Of the online checks only the settings and the rules' pure helpers load; the network code waits for --online.
    expect(loaded.filter((url) => /\/dist\/online\/(?!(settings|targets|licenses)\.js$)/.test(url))).toEqual([]);
    expect(loaded.some((url) => url.endsWith('/dist/online/settings.js'))).toBe(true);
  });
});
