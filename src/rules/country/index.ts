import { rule as canonicalName } from './canonical-name.js';
import { rule as iso3166 } from './iso-3166.js';

export const countryRules = [iso3166, canonicalName];
