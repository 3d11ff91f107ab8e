// Bundles the built CLI (dist/cli/bin.js) for a fast start: dist/dpg.cjs and its chunks dist/dpg-*.cjs, CommonJS, each
// with a V8 code cache (<file>.cache) recorded on typical runs; `dpg` then starts without resolving, reading and
// compiling a hundred modules. The chunk `dpg-start.cjs` holds every module the CLI imports statically, the other
// chunks what commands and options import on demand (the GitHub client, git, the website build, prompts …), so a
// validation reads and deserialises only the code it can run. bin/dpg.js loads them; it falls back to the unbundled
// dist/ when the bundle is missing, and so does this script when rolldown (installed with vitest) is not available.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Module, { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const entry = path.join(dist, 'cli', 'bin.js');
const browserOutput = path.join(dist, 'nominate.js');
const validators = path.join(dist, 'schema');
/** The files bin/dpg.js loads itself (the bundle's scripts and the precompiled validators), which must be ASCII. */
const loadedScripts = () => [
  ...readdirSync(dist)
    .filter((f) => /^dpg(-.+)?\.cjs$/.test(f))
    .map((f) => path.join(dist, f)),
  ...readdirSync(validators)
    .filter((f) => f.endsWith('-validator.cjs'))
    .map((f) => path.join(validators, f)),
];
/** The code caches a run records (see bin/dpg.js). */
const codeCaches = () => loadedScripts().map((file) => `${file}.cache`);

/** Removes the bundle and every code cache, so that bin/dpg.js runs the unbundled dist/. */
function removeBundle() {
  for (const file of codeCaches()) rmSync(file, { force: true });
  for (const file of readdirSync(dist)) if (/^dpg(-.+)?\.cjs$/.test(file)) rmSync(path.join(dist, file), { force: true });
}
removeBundle();
rmSync(browserOutput, { force: true });

let rolldown;
try {
  ({ rolldown } = await import('rolldown'));
} catch {
  console.warn('bundle: rolldown is not installed; dpg runs from the unbundled dist/ (slower start).');
  process.exit(0);
}

// Never bundled: loaded on demand by the website build, with files of its own (playwright-core), or only when a
// schema is compiled at run time (ajv's compiler). The other heavy modules are bundled but, being imported on
// demand, only run when a command needs them (see test/cli-startup.test.ts). The Unicode confusables and the
// country names stay files too, read by require (as JSON, fast) only when a file is analysed: bundled, they made the
// bundle and its code cache, read on every start, 240 kB larger.
const EXTERNAL =
  /^(playwright-core(\/|$)|ajv\/dist\/2020\.js$|unhomoglyph\/data\.json$|i18n-iso-countries\/|spdx-license-list$|spdx-license-ids\/)/;
const RELATIVE_URL = /new URL\(\s*(['"])(\.\.?\/[^'"]+)\1/g;
const CREATE_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/m;

/**
 * The modules of dist/ load JSON data, the precompiled validators and CommonJS packages through
 * `createRequire(import.meta.url)`, which a bundler cannot follow. In the bundle they use its own `require`,
 * so that these are bundled too and covered by the code cache rather than read and compiled at every start.
 */
const bundleRequires = {
  name: 'bundle-requires',
  transform(code, id) {
    if (!id.startsWith(dist) || !CREATE_REQUIRE.test(code)) return null;
    return code.replace(CREATE_REQUIRE, '').replace(/^import \{ createRequire \} from 'node:module';$/m, '');
  },
};

/** Paths relative to a module of dist/ that stay files (the worker script) made relative to the bundle instead. */
const relocateRelativeUrls = {
  name: 'relocate-relative-urls',
  transform(code, id) {
    if (!id.startsWith(dist) || !RELATIVE_URL.test(code)) return null;
    return code.replace(RELATIVE_URL, (whole, quote, target) => {
      const relocated = path
        .relative(dist, path.resolve(path.dirname(id), target))
        .split(path.sep)
        .join('/');
      return `new URL(${quote}${relocated.startsWith('.') ? relocated : `./${relocated}`}${quote}`;
    });
  },
};

// Node's own modules that are not loaded at start-up anyway and serve commands or options other than a plain
// validation (network, threads, prompts, processes; hashing, for files not seen before). The bundle requires
// them at its top; they are made lazy.
const LAZY_BUILTINS = [
  'child_process',
  'crypto',
  'dns/promises',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'readline',
  'tty',
  'worker_threads',
];
const BUILTIN_REQUIRE = new RegExp(
  `^(\\s*)(let|const|var) (\\w+) = require\\("((?:node:)?(?:${LAZY_BUILTINS.join('|')}))"\\);(\\n\\s*\\3 = ((?:\\w+\\.)?__toESM)\\(\\3, 1\\);)?$`,
  'gm',
);
const LAZY_HELPER =
  'var __lazyBuiltin = (load) => { let loaded; const target = () => (loaded ??= load()); ' +
  'return new Proxy({}, { get: (_, key) => target()[key], has: (_, key) => key in target(), ownKeys: () => Reflect.ownKeys(target()), ' +
  'getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(target(), key); return d && { ...d, configurable: true }; } }); };\n';

/** Requires of the modules in LAZY_BUILTINS become objects that load the module on first use. */
const lazyBuiltins = {
  name: 'lazy-builtins',
  renderChunk(code) {
    let count = 0;
    const lazy = code.replace(BUILTIN_REQUIRE, (whole, indent, kind, name, id, toEsmLine, toEsm) => {
      count++;
      return `${indent}${kind} ${name} = __lazyBuiltin(() => ${toEsm ? `${toEsm}(require("${id}"), 1)` : `require("${id}")`});`;
    });
    if (count === 0) return null;
    const firstLineEnd = lazy.indexOf('\n') + 1;
    return lazy.slice(0, firstLineEnd) + LAZY_HELPER + lazy.slice(firstLineEnd);
  },
};

/**
 * The precompiled validators and the JSON Schemas stay files of their own, read only when a file is checked against
 * its schema (the validators with their code caches): a run whose files all come from the results cache needs none of
 * their 360 kB. Their paths are made relative to the bundle's scripts, which sit in dist/ itself.
 */
const SEPARATE_FILE = /(-validator\.cjs|\/schemas\/[\w.-]+\.schema\.json)$/;
const separateFiles = {
  name: 'separate-files',
  resolveId(source, importer) {
    if (!SEPARATE_FILE.test(source) || !importer || !source.startsWith('.')) return null;
    const target = path
      .relative(dist, path.resolve(path.dirname(importer), source))
      .split(path.sep)
      .join('/');
    return { id: target.startsWith('.') ? target : `./${target}`, external: true };
  },
};

/**
 * The yaml package is a script of its own, dist/dpg-yaml.cjs (built below), that every other script requires: the
 * modules a validation starts with reach it only on first use (src/util/yaml.ts), so a run whose files all come from
 * the results cache never reads it.
 */
const YAML_SCRIPT = './dpg-yaml.cjs';
const separateYaml = {
  name: 'separate-yaml',
  resolveId: (source) => (source === 'yaml' ? { id: YAML_SCRIPT, external: true } : null),
};

/** Every module the entry reaches through static imports and requires (not dynamic imports): the start chunk. */
const moduleInfos = new Map();
const recordModules = { name: 'record-modules', moduleParsed: (info) => void moduleInfos.set(info.id, info) };
let startModules;
function isStartModule(id) {
  if (!startModules) {
    startModules = new Set();
    const pending = [entry];
    while (pending.length) {
      const next = pending.pop();
      if (startModules.has(next)) continue;
      startModules.add(next);
      pending.push(...(moduleInfos.get(next)?.importedIds ?? []));
    }
  }
  return startModules.has(id);
}

const build = await rolldown({
  input: entry,
  platform: 'node',
  external: (id) => EXTERNAL.test(id),
  plugins: [separateFiles, separateYaml, bundleRequires, relocateRelativeUrls, lazyBuiltins, recordModules],
  // A module imported both statically and on demand simply stays where the static import puts it.
  onLog: (level, log, report) => (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' ? undefined : report(level, log)),
  logLevel: 'warn',
});
await build.write({
  dir: dist,
  entryFileNames: 'dpg.cjs',
  // Beside the entry, so that the paths the relocations above make relative to dist/ hold in every chunk.
  chunkFileNames: 'dpg-[name].cjs',
  format: 'cjs',
  codeSplitting: { groups: [{ name: 'start', test: isStartModule, priority: 10 }] },
  charset: 'ascii',
  comments: false,
});
await build.close();
const yamlBuild = await rolldown({ input: createRequire(import.meta.url).resolve('yaml'), platform: 'node', logLevel: 'warn' });
await yamlBuild.write({ file: path.join(dist, YAML_SCRIPT), format: 'cjs', codeSplitting: false, charset: 'ascii', comments: false });
await yamlBuild.close();
// Each script of the bundle becomes the function bin/dpg.js calls, wrapped by Node's own module wrapper (bin/dpg.js
// recognises its opening text): the loader then compiles the file's text as it was read, without first copying it into
// a wrapped string. (Done here: rolldown's `banner` and `footer` must each be complete statements.)
for (const file of loadedScripts()) {
  if (path.dirname(file) !== dist) continue;
  writeFileSync(file, Module.wrap(readFileSync(file, 'latin1')), 'latin1');
}
// bin/dpg.js reads its scripts as latin1, which is only right for ASCII.
for (const file of loadedScripts()) {
  const nonAscii = readFileSync(file).findIndex((byte) => byte > 0x7f);
  if (nonAscii !== -1) {
    removeBundle();
    throw new Error(
      `bundle: ${path.relative(root, file)} has a byte outside ASCII at offset ${nonAscii}; bin/dpg.js could not read it as latin1.`,
    );
  }
}

// The nomination form's script for browsers (dist/nominate.js, published by `dpg build` as assets/nominate.js): the
// question table, the precompiled schema validator and the rule engine in one file. Node's modules are only reached
// by code the form never runs (writing files, compiling other schemas); they become empty stand-ins (with the
// `constants` object that the file reader reads when it loads).
const NODE_ONLY = /^(node:|ajv\/dist\/2020\.js$)/;
const nodeStandIns = {
  name: 'node-stand-ins',
  resolveId: (id) => (NODE_ONLY.test(id) ? `\0stand-in:${id}` : null),
  load: (id) => (id.startsWith('\0stand-in:') ? 'export default {}; export const constants = {};' : null),
};
const browser = await rolldown({
  input: path.join(dist, 'nominate', 'browser.js'),
  platform: 'browser',
  plugins: [bundleRequires, nodeStandIns],
  shimMissingExports: true,
  logLevel: 'warn',
  onLog: (level, log, report) => (log.code === 'SHIMMED_EXPORT' ? undefined : report(level, log)),
});
await browser.write({ file: browserOutput, format: 'iife', codeSplitting: false, charset: 'ascii', comments: false, minify: true });
await browser.close();

// Run the bundle so that V8 records the code it compiled, and check that it works. The recorded runs are what
// a nominator's and a pull request's runs look like: in a copy of two bundled nominations with a warm cache,
// one file unchanged (served from the cache) and one edited (analysed), reported in the default format; then,
// adding to that recording, `validate --changed` in a git repository of them, through its registry index.
const bin = path.join(root, 'bin', 'dpg.js');
const training = mkdtempSync(path.join(tmpdir(), 'dpg-bundle-'));
const run = (args, env = {}) =>
  execFileSync(process.execPath, [bin, 'validate', ...args], {
    cwd: training,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
/** Runs the CLI; exit status 1 (problems found) is a success here. */
const runReporting = (args, env) => {
  try {
    run(args, env);
  } catch (err) {
    if (err.status !== 1) throw err;
  }
};
try {
  const registry = path.join(training, 'nominations');
  mkdirSync(registry);
  const [first, second] = readdirSync(path.join(root, 'nominations'))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  for (const file of [first, second]) copyFileSync(path.join(root, 'nominations', file), path.join(registry, file));
  run([]);
  // An edit the rules report on (a website over http), so the report's problem lines run too.
  const edited = path.join(registry, second);
  const original = readFileSync(edited, 'utf8');
  writeFileSync(edited, original.replace(/^website: https:/m, 'website: http:'));
  runReporting([path.join('nominations', first), path.join('nominations', second)], { DPG_WRITE_CODE_CACHE: '1' });
  writeFileSync(edited, original);
  if (committed(training)) {
    writeFileSync(edited, original.replace(/^website: https:/m, 'website: http:'));
    // The first run writes the index of main; the recorded one reads it.
    runReporting(['--changed', '--base', 'main']);
    runReporting(['--changed', '--base', 'main'], { DPG_WRITE_CODE_CACHE: '1' });
  }
} catch (err) {
  removeBundle();
  console.warn(`bundle: the bundled CLI failed its smoke test, so it was removed: ${String(err.stderr ?? err.message).trim()}`);
} finally {
  rmSync(training, { recursive: true, force: true });
}

/** Makes `folder` a git repository with its files committed on main; false when git is not usable here. */
function committed(folder) {
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=dpg', '-c', 'user.email=dpg@example.org', '-c', 'commit.gpgsign=false', ...args], {
      cwd: folder,
      stdio: 'ignore',
    });
  try {
    writeFileSync(path.join(folder, '.gitignore'), 'node_modules/\n');
    git('init', '--quiet', '-b', 'main');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'registry');
    return true;
  } catch {
    return false;
  }
}
