import { rule as duplicate } from './duplicate.js';
import { rule as filenameSlug } from './filename-slug.js';

export const registryRules = [filenameSlug, duplicate];
