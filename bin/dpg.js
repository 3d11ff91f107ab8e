#!/usr/bin/env node
'use strict';
// The `dpg` executable. CommonJS (bin/package.json says so), so that Node starts it without its ES module
// loader: the CLI runs from the single-file bundle dist/dpg.cjs with its V8 code cache when the build made
// them (scripts/bundle.mjs), else from the modules of dist/. DPG_NO_BUNDLE=1 forces the latter.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const bundle = path.join(__dirname, '..', 'dist', 'dpg.cjs');

/** Loads the bundle through vm.Script, which (unlike require) accepts a code cache. */
function loadBundle(file) {
  const vm = require('node:vm');
  const cacheFile = `${file}.cache`;
  // The build runs the CLI and records everything V8 compiled meanwhile, lazily compiled functions included;
  // a recording run starting from an earlier recording keeps what that one had, so runs add up.
  const writeCacheTo = process.env.DPG_WRITE_CODE_CACHE;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No code cache: V8 compiles the bundle as usual.
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  if (writeCacheTo) process.once('beforeExit', () => writeFileSync(writeCacheTo, script.createCachedData()));
  return module.exports;
}

if (!process.env.DPG_NO_BUNDLE && existsSync(bundle)) {
  loadBundle(bundle).run();
} else {
  import(pathToFileURL(path.join(__dirname, '..', 'dist', 'cli', 'bin.js')).href).then(({ run }) => run());
}
