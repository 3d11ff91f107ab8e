// Bundles the built CLI (dist/cli/bin.js) into one CommonJS file, dist/dpg.cjs, and records a V8 code cache
// for it (dist/dpg.cjs.cache): `dpg` then starts without resolving, reading and compiling a hundred modules.
// bin/dpg.js falls back to the unbundled dist/ when the bundle is missing; so does this script when
// rolldown (installed with vitest) is not available.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const output = path.join(dist, 'dpg.cjs');
const codeCache = `${output}.cache`;
rmSync(output, { force: true });
rmSync(codeCache, { force: true });

let rolldown;
try {
  ({ rolldown } = await import('rolldown'));
} catch {
  console.warn('bundle: rolldown is not installed; dpg runs from the unbundled dist/ (slower start).');
  process.exit(0);
}

// Loaded on demand by the website build, with files of its own; never bundled. The other heavy modules are bundled
// but, being imported on demand, only run when a command needs them (see test/cli-startup.test.ts).
const HEAVY = /^playwright-core(\/|$)/;
const RELATIVE = /(require\(|new URL\()\s*(['"])(\.\.?\/[^'"]+)\2/g;

/** Paths relative to a module of dist/ (JSON files, the worker script) made relative to the bundle instead. */
const relocateRelativePaths = {
  name: 'relocate-relative-paths',
  transform(code, id) {
    if (!id.startsWith(dist) || !RELATIVE.test(code)) return null;
    return code.replace(RELATIVE, (whole, call, quote, target) => {
      const relocated = path.relative(dist, path.resolve(path.dirname(id), target)).split(path.sep).join('/');
      return `${call}${quote}${relocated.startsWith('.') ? relocated : `./${relocated}`}${quote}`;
    });
  },
};

const build = await rolldown({
  input: path.join(dist, 'cli', 'bin.js'),
  platform: 'node',
  external: (id) => HEAVY.test(id),
  plugins: [relocateRelativePaths],
  logLevel: 'warn',
});
await build.write({ dir: dist, entryFileNames: 'dpg.cjs', format: 'cjs', codeSplitting: false });
await build.close();

// Run the bundle once so that V8 records the code it compiled, then check that it works.
const bin = path.join(root, 'bin', 'dpg.js');
const sample = path.join(root, 'nominations', 'aam-digital.yaml');
try {
  execFileSync(process.execPath, [bin, 'validate', sample, '--no-cache', '--format', 'json'], {
    cwd: root, env: { ...process.env, DPG_WRITE_CODE_CACHE: codeCache }, stdio: ['ignore', 'ignore', 'pipe'],
  });
} catch (err) {
  if (err.status !== 1) {
    rmSync(output, { force: true });
    rmSync(codeCache, { force: true });
    console.warn(`bundle: the bundled CLI failed its smoke test, so it was removed: ${String(err.stderr ?? err.message).trim()}`);
  }
}
