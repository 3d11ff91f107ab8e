#!/usr/bin/env node
'use strict';
// The `dpg` executable. CommonJS (bin/package.json says so), so that Node starts it without its ES module
// loader: the CLI runs from the bundle dist/dpg.cjs and its chunks, each with its V8 code cache, when the build
// made them (scripts/bundle.mjs), else from the modules of dist/. DPG_NO_BUNDLE=1 forces the latter.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const dist = path.join(__dirname, '..', 'dist');
/** How Node's module wrapper opens a script: scripts/bundle.mjs wraps the bundle's scripts with it (Module.wrap). */
const WRAPPER_START = Module.wrap('\0').split('\0')[0];
const bundle = path.join(dist, 'dpg.cjs');

/** The bundle's scripts loaded so far (its entry, its chunks, the schema validators), by path. */
const loaded = new Map();

/**
 * Loads one of the bundle's scripts through vm.Script, which (unlike require) accepts a code cache: `<file>.cache`.
 * The chunks and validators it requires (relative `.cjs` paths inside dist/) are loaded the same way, when they are
 * first required, so a run reads and deserialises only the code it uses.
 */
function loadScript(file) {
  const known = loaded.get(file);
  if (known) return known.module.exports;
  const vm = require('node:vm');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No code cache: V8 compiles the script as usual.
  }
  // The scripts are ASCII (scripts/bundle.mjs writes them so and checks), which latin1 decodes faster than UTF-8.
  const source = readFileSync(file, 'latin1');
  // The bundle's scripts come wrapped already, by Node's module wrapper (see scripts/bundle.mjs).
  const script = new vm.Script(source.startsWith(WRAPPER_START) ? source : Module.wrap(source), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  loaded.set(file, { script, module });
  const nodeRequire = Module.createRequire(file);
  const scriptRequire = (id) => {
    if (id.startsWith('.') && id.endsWith('.cjs')) {
      const target = path.resolve(path.dirname(file), id);
      if (!path.relative(dist, target).startsWith('..')) return loadScript(target);
    }
    return nodeRequire(id);
  };
  scriptRequire.resolve = nodeRequire.resolve;
  scriptRequire.cache = nodeRequire.cache;
  script.runInThisContext().call(module.exports, module.exports, scriptRequire, module, file, path.dirname(file));
  return module.exports;
}

// The build runs the CLI with DPG_WRITE_CODE_CACHE=1 and records, for every script loaded, what V8 compiled
// meanwhile, lazily compiled functions included; a recording run starting from an earlier recording keeps what that
// one had, so runs add up.
if (process.env.DPG_WRITE_CODE_CACHE === '1') {
  process.once('beforeExit', () => {
    for (const [file, { script }] of loaded) writeFileSync(`${file}.cache`, script.createCachedData());
  });
}

if (!process.env.DPG_NO_BUNDLE && existsSync(bundle)) {
  loadScript(bundle).run();
} else {
  import(pathToFileURL(path.join(dist, 'cli', 'bin.js')).href).then(({ run }) => run());
}
