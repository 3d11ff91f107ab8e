import { rule as approvedForCategory } from './approved-for-category.js';
import { rule as contentCovers } from './content-covers.js';
import { rule as deprecatedId } from './deprecated-id.js';
import { rule as evidenceUrl } from './evidence-url.js';
import { rule as validSpdx } from './valid-spdx.js';

export const licenseRules = [validSpdx, deprecatedId, approvedForCategory, contentCovers, evidenceUrl];
