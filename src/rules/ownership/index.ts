import { rule as ownerCountry } from './owner-country.js';
import { rule as ownerListed } from './owner-listed.js';

export const ownershipRules = [ownerListed, ownerCountry];
