import { asArray, asRecord, asString } from '../../core/nomination.js';
import { joinPointer } from '../../core/pointer.js';
import type { FileRule } from '../types.js';
import { ownerIndexes } from './owner-listed.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'ownership/owner-country',
  indicator: '3',
  description: "The owner states its country, as the Standard asks for the owner's country.",
  defaultSeverity: 'warning',
  since: '1.1.7',
  messages: {
    missing:
      'The owner "{name}" has no country; add country: with the ISO 3166 English short name of the country where it is registered (or where the owners live).',
  },
  check(context) {
    const organizations = asArray(context.data.organizations);
    for (const index of ownerIndexes(organizations)) {
      const owner = asRecord(organizations[index]);
      // A country that is present but malformed is for the schema and the country rules.
      if (owner.country !== undefined) continue;
      context.report({
        path: joinPointer('/organizations', index),
        messageId: 'missing',
        data: { name: asString(owner.name) ?? `entry ${index + 1}` },
      });
    }
  },
};
