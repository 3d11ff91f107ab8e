import { joinPointer } from '../../core/pointer.js';
import { judgeSpdx, possibleParts, requiredParts, type Rejection } from '../../licenses/approval.js';
import { CATEGORY_PARTS, LICENSED_PARTS, PART_POLICIES } from '../../licenses/policy.js';
import { asArray, asRecord, type Category, type LicensedPart } from '../../core/nomination.js';
import type { FileRule, ReportDescriptor } from '../types.js';
import { contentOnlyLicenses } from './content-covers.js';

function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && Object.hasOwn(CATEGORY_PARTS, value);
}

function isPart(value: unknown): value is LicensedPart {
  return typeof value === 'string' && (LICENSED_PARTS as readonly string[]).includes(value);
}

function describeRejection(rejection: Rejection, part: LicensedPart): Pick<ReportDescriptor, 'messageId' | 'data'> {
  const { requirement, notApproved } = PART_POLICIES[part];
  const license = rejection.license;
  switch (rejection.kind) {
    case 'licenseRef':
      return { messageId: 'licenseRef', data: { license } };
    case 'rejected':
      return { messageId: 'rejected', data: { license, reason: rejection.reason, requirement } };
    case 'noDerivatives':
      return { messageId: 'noDerivatives', data: { license, requirement } };
    case 'notApproved':
      return { messageId: 'notApproved', data: { license, notApproved, requirement } };
  }
}

export const rule: FileRule = {
  kind: 'file',
  id: 'license/approved-for-category',
  indicator: '2',
  description:
    'Every part of the solution (code, content, data, model, specification) is under a licence the DPG Standard approves for it.',
  defaultSeverity: 'error',
  messages: {
    notApproved: '"{license}" {notApproved}; {requirement}.',
    noDerivatives: '"{license}" is a No-Derivatives licence; {requirement}.',
    rejected: '"{license}" is not accepted: {reason}; {requirement}.',
    licenseRef:
      '"{license}" is a licence outside the SPDX list and is never approved automatically; use an approved SPDX licence, or record a maintainer\'s waiver of license/approved-for-category.',
    coversAmbiguous:
      '"{license}" does not say which parts it covers, and this {categories} nomination has several licences; add covers with the parts it licenses ({parts}).',
    partMissing: 'No licence covers the {label} of this {category} nomination; add one with covers: [{part}] ({requirement}).',
  },
  check(context) {
    const categories = asArray(context.data.categories).filter(isCategory);
    const entries = asArray(context.data.licenses).map(asRecord);
    if (!entries.length) return;
    const required = requiredParts(categories);
    const possible = possibleParts(categories);
    const covered = new Set<LicensedPart>();
    let coverageUnclear = false;
    // A content licence beside the code's licence is license/content-covers' to report (a warning).
    const contentOnly = new Set(contentOnlyLicenses(context.data).map((found) => found.index));

    entries.forEach((entry, index) => {
      const path = joinPointer('/licenses', index);
      const spdx = typeof entry.spdx === 'string' ? entry.spdx : undefined;
      let parts: LicensedPart[];
      if (entry.covers !== undefined) {
        parts = asArray(entry.covers).filter(isPart);
        // A malformed covers is the schema's to report; what this licence covers stays unknown.
        if (!parts.length) {
          coverageUnclear = true;
          return;
        }
      } else if (entries.length > 1 && possible.length > 1) {
        coverageUnclear = true;
        context.report({
          path,
          at: 'key',
          messageId: 'coversAmbiguous',
          data: { license: spdx ?? '?', categories: categories.join(', '), parts: possible.join(', ') },
        });
        return;
      } else if (contentOnly.has(index)) {
        parts = ['content'];
      } else {
        // Left unsaid, a licence covers what the categories require; optional parts must be declared.
        parts = required;
      }
      const reported = new Set<string>();
      for (const part of parts) {
        covered.add(part);
        // An expression that does not parse is license/valid-spdx's to report.
        const verdict = spdx === undefined ? undefined : judgeSpdx(spdx, part);
        if (!verdict || verdict.approved) continue;
        for (const rejection of verdict.rejections) {
          // A custom licence needs one waiver, whatever it covers; other findings name the part's requirement.
          const key = rejection.kind === 'licenseRef' ? rejection.license : `${part} ${rejection.kind} ${rejection.license}`;
          if (reported.has(key)) continue;
          reported.add(key);
          context.report({ path: joinPointer(path, 'spdx'), ...describeRejection(rejection, part) });
        }
      }
    });

    if (coverageUnclear) return;
    for (const part of required) {
      if (covered.has(part)) continue;
      const category = categories.find((c) => CATEGORY_PARTS[c].required.includes(part))!;
      const { label, requirement } = PART_POLICIES[part];
      context.report({ path: '/licenses', at: 'key', messageId: 'partMissing', data: { label, category, part, requirement } });
    }
  },
};
