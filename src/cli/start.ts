import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/**
 * Starts the CLI: from the single-file bundle with its V8 code cache when the build made one
 * (scripts/bundle.mjs), else from the modules of dist/. DPG_NO_BUNDLE=1 forces the latter.
 */
export async function start(): Promise<void> {
  const bundle = fileURLToPath(new URL('../dpg.cjs', import.meta.url));
  if (!process.env.DPG_NO_BUNDLE && existsSync(bundle)) {
    const { run } = loadBundle(bundle) as { run(): void };
    run();
    return;
  }
  const { run } = await import('./bin.js');
  run();
}

function loadBundle(file: string): unknown {
  const cacheFile = `${file}.cache`;
  const writeCacheTo = process.env.DPG_WRITE_CODE_CACHE;
  let cachedData: Buffer | undefined;
  if (!writeCacheTo) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No code cache: V8 compiles the bundle as usual.
    }
  }
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)
    .call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  // The build runs the CLI once and records everything V8 compiled meanwhile, lazily compiled functions included.
  if (writeCacheTo) process.once('beforeExit', () => writeFileSync(writeCacheTo, script.createCachedData()));
  return module.exports;
}
