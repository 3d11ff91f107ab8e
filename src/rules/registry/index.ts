import { rule as duplicate } from './duplicate.js';
import { rule as filenameSlug } from './filename-slug.js';
import { rule as regularFile } from './regular-file.js';
import { rule as sharedRepository } from './shared-repository.js';
import { rule as uniqueSlug } from './unique-slug.js';

export const registryRules = [regularFile, filenameSlug, uniqueSlug, duplicate, sharedRepository];
