import { coreRules } from './core.js';
import { gitRules } from './git/index.js';
import { sdgRules } from './sdg/index.js';
import { licenseRules } from './license/index.js';
import { urlRules } from './url/index.js';
import { countryRules } from './country/index.js';
import { identityRules } from './identity/index.js';
import { registryRules } from './registry/index.js';
import { harmRules } from './harm/index.js';
import { lifecycleRules } from './lifecycle/index.js';
import { ownershipRules } from './ownership/index.js';
import { privacyRules } from './privacy/index.js';
import { standardsRules } from './standards/index.js';
import { reviewRules } from './review/index.js';
import { onlineRules } from './online/index.js';
import type { Rule } from './types.js';

/** Every rule dpg knows, in the order `dpg rules` lists them. Each folder under src/rules owns its list. */
export const ALL_RULES: readonly Rule[] = [
  ...coreRules,
  ...gitRules,
  ...sdgRules,
  ...licenseRules,
  ...urlRules,
  ...countryRules,
  ...identityRules,
  ...registryRules,
  ...ownershipRules,
  ...privacyRules,
  ...standardsRules,
  ...harmRules,
  ...lifecycleRules,
  ...reviewRules,
  ...onlineRules,
];

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
