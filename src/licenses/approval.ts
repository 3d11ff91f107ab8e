import type { Category, LicensedPart } from '../core/nomination.js';
import { successorOf } from './deprecated.js';
import {
  CATEGORY_PARTS,
  LICENSED_PARTS,
  NO_DERIVATIVES_LICENSE,
  OPEN_CONTENT_LICENSE,
  OPEN_DATA_LICENSES,
  PART_POLICIES,
  REJECTED_LICENSES,
  type PartPolicy,
} from './policy.js';
import { deprecatedLicenseIds, isConjunction, isLicenseRef, isOsiApproved, parseSpdx, type SpdxNode } from './spdx.js';

/** Why one licence of an expression is not approved for a part. */
export type Rejection =
  | { kind: 'licenseRef'; license: string }
  | { kind: 'rejected'; license: string; reason: string }
  | { kind: 'noDerivatives'; license: string }
  | { kind: 'notApproved'; license: string };

export interface Verdict {
  approved: boolean;
  /** The licences that keep the expression from being approved; empty when it is. */
  rejections: Rejection[];
}

function onList(id: string, list: PartPolicy['approvedBy'][number]): boolean {
  switch (list) {
    case 'osi':
      return isOsiApproved(id);
    case 'openContent':
      return OPEN_CONTENT_LICENSE.test(id);
    case 'openData':
      return OPEN_DATA_LICENSES.has(id);
  }
}

/** Judges one current (not deprecated) SPDX id for a part. */
function judgeId(id: string, part: LicensedPart): Rejection | undefined {
  const policy = PART_POLICIES[part];
  if (isLicenseRef(id)) return { kind: 'licenseRef', license: id };
  const rejected = REJECTED_LICENSES.find((r) => (typeof r.match === 'string' ? r.match === id : r.match.test(id)));
  if (rejected) return { kind: 'rejected', license: id, reason: rejected.reason.replace('{subject}', policy.subject) };
  if (policy.approvedBy.some((list) => onList(id, list))) return undefined;
  if (NO_DERIVATIVES_LICENSE.test(id)) return { kind: 'noDerivatives', license: id };
  return { kind: 'notApproved', license: id };
}

/**
 * Whether an SPDX expression is approved for a part: `A OR B` when either is, `A AND B` when both
 * are; `WITH` and `+` keep the base licence's status; a deprecated id is judged as its successor.
 */
function judgeExpression(node: SpdxNode, part: LicensedPart): Verdict {
  if (isConjunction(node)) {
    const left = judgeExpression(node.left, part);
    const right = judgeExpression(node.right, part);
    const approved = node.conjunction === 'and' ? left.approved && right.approved : left.approved || right.approved;
    return { approved, rejections: approved ? [] : [...left.rejections, ...right.rejections] };
  }
  const id = node.license;
  const successor = deprecatedLicenseIds().has(id) ? successorOf(id) : undefined;
  const successorTree = successor === undefined ? undefined : parseSpdx(successor);
  if (successorTree?.ok) {
    const verdict = judgeExpression(successorTree.tree, part);
    // Name the licence as the nomination wrote it.
    return { approved: verdict.approved, rejections: verdict.rejections.map((r) => ({ ...r, license: id })) };
  }
  const rejection = judgeId(id, part);
  return { approved: rejection === undefined, rejections: rejection ? [rejection] : [] };
}

/** `judgeExpression` on source text; undefined when the text is not a valid SPDX expression. */
export function judgeSpdx(source: string, part: LicensedPart): Verdict | undefined {
  const parsed = parseSpdx(source);
  return parsed.ok ? judgeExpression(parsed.tree, part) : undefined;
}

/** The parts the categories require, in LICENSED_PARTS order. */
export function requiredParts(categories: readonly Category[]): LicensedPart[] {
  const parts = new Set(categories.flatMap((c) => CATEGORY_PARTS[c].required));
  return LICENSED_PARTS.filter((p) => parts.has(p));
}

/** Every part the categories may have, required or optional. */
export function possibleParts(categories: readonly Category[]): LicensedPart[] {
  const parts = new Set(categories.flatMap((c) => [...CATEGORY_PARTS[c].required, ...CATEGORY_PARTS[c].optional]));
  return LICENSED_PARTS.filter((p) => parts.has(p));
}
