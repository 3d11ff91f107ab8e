import { asArray, asRecord } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

/** Indexes of the organizations entries that carry the role "owner". */
export function ownerIndexes(organizations: unknown): number[] {
  return asArray(organizations).flatMap((entry, index) => (asArray(asRecord(entry).roles).includes('owner') ? [index] : []));
}

export const rule: FileRule = {
  kind: 'file',
  id: 'ownership/owner-listed',
  indicator: '3',
  description: 'The owner of the solution is listed among the organisations with the role "owner".',
  defaultSeverity: 'error',
  messages: {
    organization:
      'No organisation has the role "owner" although ownership.ownerType is organization; add owner to the roles of the organisation that holds the rights.',
    individuals:
      'No entry has the role "owner"; ownership.ownerType is individuals, so add the people who own the solution as an organizations entry with roles: [owner].',
    unknownType: 'No organisation has the role "owner"; add owner to the roles of the organisation (or the people) holding the rights.',
  },
  check(context) {
    const organizations = asArray(context.data.organizations);
    // A missing or empty list, or an entry without a list of roles, is already reported by the schema.
    if (organizations.length === 0 || !organizations.every((entry) => Array.isArray(asRecord(entry).roles))) return;
    if (ownerIndexes(organizations).length > 0) return;
    const ownerType = asRecord(context.data.ownership).ownerType;
    const messageId = ownerType === 'organization' || ownerType === 'individuals' ? ownerType : 'unknownType';
    context.report({ path: '/organizations', at: 'key', messageId });
  },
};
