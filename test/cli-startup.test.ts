import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validNominationText } from './support/nomination.js';

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
    const loaded = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' }),
    ) as string[];
    expect(loaded.some((url) => url.includes('/dist/lint/engine.js'))).toBe(true);
    expect(
      loaded.filter((url) =>
        /@octokit|simple-git|\/dist\/runner\/git\/(changed|run)\.js|\/node_modules\/diff\/|\/dist\/publish\/|\/dist\/github\/|\/dist\/nominate\/|playwright|@inquirer|\/dist\/new\/|ajv\/dist\/(compile|core|2020)/.test(
          url,
        ),
      ),
    ).toEqual([]);
    // The online checks' network code waits for --online; their settings are part of the configuration.
    expect(loaded.filter((url) => /\/dist\/online\//.test(url))).toEqual([]);
    expect(loaded.some((url) => url.endsWith('/dist/config/online.js'))).toBe(true);
  });

  it('the built executable loads no network, thread, process or prompt modules to validate a file', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'dpg-startup-'));
    // Outside the registry's folder, where dpg would not use it.
    const caches = mkdtempSync(path.join(tmpdir(), 'dpg-startup-caches-'));
    try {
      mkdirSync(path.join(work, 'nominations'));
      writeFileSync(path.join(work, 'nominations', 'example-case-manager.yaml'), validNominationText());
      const list = path.join(work, 'loaded.json');
      // Records the built-in modules loaded after start, written to a file: the run's stdio stays closed.
      const preload = path.join(work, 'record.cjs');
      // Also the files loaded through require: the data tables the bundle leaves out (see scripts/bundle.mjs).
      writeFileSync(
        preload,
        `const before = new Set(process.moduleLoadList);
process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify([...process.moduleLoadList.filter((m) => !before.has(m)), ...Object.keys(require.cache)])));`,
      );
      const run = () => {
        spawnSync(
          process.execPath,
          ['-r', preload, path.join(ROOT, 'bin', 'dpg.js'), 'validate', 'nominations/example-case-manager.yaml'],
          { cwd: work, stdio: 'ignore', env: { ...process.env, DPG_CACHE_DIR: caches } },
        );
        return (JSON.parse(readFileSync(list, 'utf8')) as string[]).map((m) => m.replace(/^NativeModule /, ''));
      };
      const tables = (loaded: string[]) =>
        loaded
          .filter((m) => /\/node_modules\/(unhomoglyph|i18n-iso-countries)\//.test(m))
          .map((m) => m.replace(/^.*\/node_modules\//, ''))
          .sort();
      // The first run analyses the file: its countries are looked up and its name's look-alike key made.
      expect(tables(run())).toEqual([
        'i18n-iso-countries/codes.json',
        'i18n-iso-countries/index.js',
        'i18n-iso-countries/langs/en.json',
        'i18n-iso-countries/supportedLocales.json',
        'unhomoglyph/data.json',
      ]);
      // The second finds its results in the cache: no table is needed.
      const loaded = run();
      expect(tables(loaded)).toEqual([]);
      expect(loaded).toContain('vm');
      expect(loaded.filter((m) => /^(http|https|net|tls|dns|child_process|worker_threads|readline|tty)$/.test(m))).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
      rmSync(caches, { recursive: true, force: true });
    }
  });

  it('the bundle leaves the Unicode confusables and the country names out, for a smaller file and code cache', () => {
    const bundle = path.join(ROOT, 'dist', 'dpg-start.cjs');
    // rolldown is a development dependency, so `npm run build` (the first step of `npm test`) always bundles.
    expect(existsSync(bundle), `${bundle} is missing: run npm run build`).toBe(true);
    const text = readFileSync(bundle, 'utf8');
    // Nor does the code a validation starts with hold the yaml package, the validators or the schemas.
    expect(text).toContain('require("./dpg-yaml.cjs")');
    expect(text).toContain('require("./schema/nomination-validator.cjs")');
    expect(text).toContain('require("../schemas/nomination.schema.json")');
    expect(text).not.toContain('YAMLParseError');
    expect(text).toContain('require("unhomoglyph/data.json")');
    expect(text).toContain('require("i18n-iso-countries/langs/en.json")');
    // An entry of each table: "m" looks like "rn"; the library's English name of AF.
    expect(text).not.toMatch(/"m": "rn"|"AF": "Afghanistan"/);
  });
});
