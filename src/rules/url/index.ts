import { rule as https } from './https.js';
import { rule as valid } from './valid.js';

export const urlRules = [valid, https];
