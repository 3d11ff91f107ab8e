export { validateSources, type SourceFile, type ValidateOptions } from './lint/engine.js';
export { loadNomination, type LoadedFile } from './load/load.js';
export { parseConfig, DEFAULT_CONFIG, type Config } from './config/config.js';
export { ALL_RULES, findRule } from './rules/index.js';
export { FORMATTERS } from './formatters/index.js';
export type * from './core/types.js';
export type { Nomination } from './core/nomination.js';
