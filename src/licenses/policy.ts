import type { Category, LicensedPart } from '../core/nomination.js';

/**
 * Which licences the DPG Standard (indicator 2) approves for which part of a solution. Everything
 * that decides approval is data in this file; src/licenses/approval.ts only applies it.
 */

export const LICENSED_PARTS: readonly LicensedPart[] = ['code', 'content', 'data', 'model', 'specification'];

export interface CategoryParts {
  /** Parts every solution of the category must license under an approved licence. */
  required: readonly LicensedPart[];
  /** Parts it may have and license (a standard's reference code); judged only when a licence says it covers them. */
  optional: readonly LicensedPart[];
}

export const CATEGORY_PARTS: Readonly<Record<Category, CategoryParts>> = {
  software: { required: ['code'], optional: [] },
  content: { required: ['content'], optional: [] },
  data: { required: ['data'], optional: [] },
  'ai-model': { required: ['code', 'model'], optional: [] },
  standard: { required: ['specification'], optional: ['code'] },
};

/** Open data licences conformant with the Open Definition that the registry accepts for data. */
export const OPEN_DATA_LICENSES: ReadonlySet<string> = new Set([
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC0-1.0',
  'ODbL-1.0',
  'ODC-By-1.0',
  'PDDL-1.0',
  'CC-BY-3.0-IGO',
  'CC-BY-SA-3.0-IGO',
  'OGL-UK-3.0',
]);

/**
 * Creative Commons licences accepted for content and specifications: BY, BY-SA, BY-NC and BY-NC-SA
 * in any version and national or IGO port (CC-BY-3.0-AT, CC-BY-SA-3.0-IGO), and CC0.
 */
export const OPEN_CONTENT_LICENSE = /^(CC-BY|CC-BY-SA|CC-BY-NC|CC-BY-NC-SA)-\d+(\.\d+)*(-[A-Z]+)?$|^CC0-1\.0$/;

/** Creative Commons No-Derivatives licences: never accepted, whatever the part. */
export const NO_DERIVATIVES_LICENSE = /^CC-BY(-NC)?-ND-/;

export interface RejectedLicense {
  /** An exact id, or a pattern for a family of ids. */
  match: string | RegExp;
  /** Why; `{subject}` is replaced by what the licence was declared for ("software", "content"). */
  reason: string;
}

/** Licences the registry rejects for every part, even where a list (e.g. the OSI's) approves them. */
export const REJECTED_LICENSES: readonly RejectedLicense[] = [
  { match: 'EUPL-1.1', reason: 'the registry does not accept EUPL 1.1 (its successor EUPL-1.2 is accepted)' },
  { match: 'BSD-4-Clause', reason: 'its advertising clause restricts reuse (BSD-3-Clause is the same licence without it)' },
  { match: /^(CERN-OHL|TAPR-OHL|SHL)-/, reason: 'a hardware licence on {subject} is not accepted, as it is written for physical designs' },
  { match: 'NLOD-1.0', reason: 'the registry does not accept the Norwegian Licence for Open Government Data 1.0' },
];

export interface PartPolicy {
  /** What the part is called in messages ("software (code)"). */
  label: string;
  /** What a licence is declared for, for the reasons above ("software"). */
  subject: string;
  /** Why an unapproved licence fails, after its id ('"CC-BY-4.0" is not approved by the OSI'). */
  notApproved: string;
  /** What to use instead. */
  requirement: string;
  /** The lists whose union approves a licence for this part. */
  approvedBy: ReadonlyArray<'osi' | 'openContent' | 'openData'>;
}

const CONTENT_REQUIREMENT = 'must use CC BY, CC BY-SA, CC0, CC BY-NC or CC BY-NC-SA';

export const PART_POLICIES: Readonly<Record<LicensedPart, PartPolicy>> = {
  code: {
    label: 'software (code)',
    subject: 'software',
    notApproved: 'is not approved by the OSI',
    requirement: 'software (code) needs an OSI-approved licence such as Apache-2.0, MIT or GPL-3.0-or-later',
    approvedBy: ['osi'],
  },
  content: {
    label: 'content',
    subject: 'content',
    notApproved: 'is not an approved open content licence',
    requirement: `content ${CONTENT_REQUIREMENT}`,
    approvedBy: ['openContent'],
  },
  // Real approved standards publish their specification under OSI licences too (the Open Contracting
  // Data Standard under Apache-2.0, DIGIT under MIT), so both kinds of open licence are accepted.
  specification: {
    label: 'specification',
    subject: 'a specification',
    notApproved: 'is neither an approved open content licence nor OSI-approved',
    requirement: `a standard's specification ${CONTENT_REQUIREMENT}, or an OSI-approved licence`,
    approvedBy: ['openContent', 'osi'],
  },
  data: {
    label: 'data',
    subject: 'data',
    notApproved: 'is not an Open Definition conformant data licence accepted by the registry',
    requirement:
      'data must use CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, ODbL-1.0, ODC-By-1.0, PDDL-1.0, CC-BY-3.0-IGO, CC-BY-SA-3.0-IGO or OGL-UK-3.0',
    approvedBy: ['openData'],
  },
  // Model weights are data produced by code and are published under either kind of licence; the
  // Standard asks for "open data/content licences" for them, and OSI licences are open for them too.
  model: {
    label: 'AI model (weights)',
    subject: 'AI model weights',
    notApproved: 'is not an approved open licence for AI model weights',
    requirement:
      'AI model weights need an open data or content licence (e.g. CC-BY-4.0, CC0-1.0, ODbL-1.0) or an OSI-approved licence (e.g. Apache-2.0, MIT)',
    approvedBy: ['openData', 'openContent', 'osi'],
  },
};
