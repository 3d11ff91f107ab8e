import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Rule } from '../rules/types.js';

let memo: string | undefined;

/**
 * What identifies the code that produced a cached result: the id the build records (a hash of the
 * built files and the schema), or, running from the sources, a hash of the rules' checks and the schema.
 */
export function codeIdentity(rules: readonly Rule[], schema: () => unknown): string {
  if (memo) return memo;
  try {
    memo = (JSON.parse(readFileSync(new URL('../build-id.json', import.meta.url), 'utf8')) as { id: string }).id;
  } catch {
    memo = createHash('sha256')
      .update(JSON.stringify(schema()))
      .update(rules.map((r) => ('check' in r ? r.check.toString() : r.id)).join('\n'))
      .digest('hex');
  }
  return memo;
}
