import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let library: typeof import('yaml') | undefined;

/**
 * The yaml package, loaded on first use: a validation whose files all come from the results cache parses no YAML,
 * and the bundle keeps the package in a script of its own that such a run never reads (see scripts/bundle.mjs).
 */
export function yaml(): typeof import('yaml') {
  return (library ??= require('yaml') as typeof import('yaml'));
}
