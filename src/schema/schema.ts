import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The nomination JSON Schema, read once from `schemas/` at the package root. */
export const nominationSchema: Record<string, unknown> = require('../../schemas/nomination.schema.json');
