import { rule as duplicate } from './duplicate.js';
import { rule as filenameSlug } from './filename-slug.js';
import { rule as regularFile } from './regular-file.js';

export const registryRules = [regularFile, filenameSlug, duplicate];
