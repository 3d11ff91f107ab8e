import { rule as evidenceRequired } from './evidence-required.js';
import { rule as piiRequirements } from './pii-requirements.js';
import { rule as personalContact } from './personal-contact.js';

export const privacyRules = [evidenceRequired, piiRequirements, personalContact];
