import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let schema: Record<string, unknown> | undefined;

/**
 * The nomination JSON Schema, read from `schemas/` at the package root on first use: only a file that fails its
 * schema (for the messages) or a schema compiled at run time needs it.
 */
export function nominationSchema(): Record<string, unknown> {
  return (schema ??= require('../../schemas/nomination.schema.json') as Record<string, unknown>);
}
