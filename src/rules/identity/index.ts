import { rule as aliases } from './aliases.js';
import { rule as genericAlias } from './generic-alias.js';
import { rule as logo } from './logo.js';
import { rule as repositoryRequired } from './repository-required.js';
import { rule as repositoryUrl } from './repository-url.js';

export const identityRules = [aliases, genericAlias, logo, repositoryRequired, repositoryUrl];
