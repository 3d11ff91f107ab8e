import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rule } from '../../rules/types.js';

let memo: string | undefined;

/**
 * What identifies the code that produced a cached result: the id the build records (a hash of the
 * built files and the schema), or else a hash of the schema, the rules' checks and, running from the
 * TypeScript sources, every source file (see sourceIdentity), so that editing any of them starts a fresh cache.
 */
export function codeIdentity(rules: readonly Rule[], schema: () => unknown): string {
  if (memo) return memo;
  try {
    memo = (JSON.parse(readFileSync(new URL('../../build-id.json', import.meta.url), 'utf8')) as { id: string }).id;
  } catch {
    memo = createHash('sha256')
      .update(JSON.stringify(schema()))
      .update(rules.map((r) => ('check' in r ? r.check.toString() : r.id)).join('\n'))
      // Only from the TypeScript sources: a build without its id (or the bundle) has no source folder to read.
      .update(import.meta.url.endsWith('.ts') ? sourceIdentity(fileURLToPath(new URL('..', import.meta.url))) : '')
      .digest('hex');
  }
  return memo;
}

/** A hash of the paths and contents of the script files (.ts, .js and the like) below `root`; "" when it cannot be read. */
export function sourceIdentity(root: string): string {
  try {
    const hash = createHash('sha256');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.[cm]?[jt]s$/.test(file))
      .sort();
    for (const file of files) hash.update(`\0${file.split(path.sep).join('/')}\0`).update(readFileSync(path.join(root, file)));
    return hash.digest('hex');
  } catch {
    return '';
  }
}
