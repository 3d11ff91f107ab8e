import { asArray, asRecord, asString, asStrings } from '../core/nomination.js';
import type { PublishedRecord } from './select.js';

/**
 * The former DPG registry's layout, for consumers of its files: a `nominees/<slug>.json` record
 * (identity, licences, SDGs, organisations, stage) and a `digitalpublicgoods/<slug>.json` screening
 * record (Yes/No answers per indicator). The reverse of src/import/dpga.ts: what the old layout has
 * no place for (organisation countries, licence `covers`, the 2025 privacy answers) is left out, and
 * `dpg import` reads the export back.
 */

const CATEGORY_TYPES: Record<string, string> = { 'ai-model': 'aimodel' };
const STAGES: Record<string, string> = { dpg: 'DPG', nominee: 'nominee', expired: 'archive' };
/** Roles the old `org_type` knew; a developer was recorded as a maintainer. */
const ORG_TYPES: Record<string, string> = {
  owner: 'owner',
  maintainer: 'maintainer',
  funder: 'funder',
  implementer: 'implementer',
  developer: 'maintainer',
};

type Answer = 'Yes' | 'No' | 'Unknown';

function answer(value: unknown): Answer {
  return value === true ? 'Yes' : value === false ? 'No' : 'Unknown';
}

function optional<T>(key: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : { [key]: value };
}

export interface DpgaExport {
  nominee: Record<string, unknown>;
  screening: Record<string, unknown>;
}

function toDpgaNominee(data: Record<string, unknown>): Record<string, unknown> {
  const organizations: Array<Record<string, unknown>> = [];
  for (const org of asArray(data.organizations).map(asRecord)) {
    const roles = [...new Set(asStrings(org.roles).map((r) => ORG_TYPES[r] ?? r))];
    for (const role of roles.length ? roles : [undefined]) {
      organizations.push({ name: asString(org.name) ?? '', ...optional('website', asString(org.website)), ...optional('org_type', role) });
    }
  }
  return {
    name: asString(data.name) ?? '',
    ...(asStrings(data.aliases).length ? { aliases: asStrings(data.aliases) } : {}),
    description: asString(data.description) ?? '',
    ...optional('website', asString(data.website)),
    license: asArray(data.licenses)
      .map(asRecord)
      .map((l) => ({ spdx: asString(l.spdx) ?? '', licenseURL: asString(l.evidenceUrl) ?? '' })),
    SDGs: asArray(data.sdgs)
      .map(asRecord)
      .map((s) => ({
        SDGNumber: s.goal,
        ...optional('evidenceText', asString(s.evidenceText)),
        ...optional('evidenceURL', asString(s.evidenceUrl)),
      })),
    sectors: asStrings(data.sectors),
    type: asStrings(data.categories).map((c) => CATEGORY_TYPES[c] ?? c),
    ...(asArray(data.repositories).length
      ? {
          repositories: asArray(data.repositories)
            .map(asRecord)
            .map((r) => ({ ...optional('name', asString(r.name)), url: asString(r.url) ?? '' })),
        }
      : {}),
    organizations,
    stage: STAGES[asString(data.stage) ?? ''] ?? asString(data.stage) ?? 'nominee',
  };
}

/** "Name - explanation" (and its link), the way the old form listed a standard or a practice. */
function listedItem(item: Record<string, unknown>, withUrl: boolean): string {
  const details = [asString(item.evidenceText), withUrl ? asString(item.evidenceUrl) : undefined].filter((d): d is string => Boolean(d));
  return details.length ? `${asString(item.name) ?? ''} - ${details.join(' ')}` : (asString(item.name) ?? '');
}

function toDpgaScreening(data: Record<string, unknown>): Record<string, unknown> {
  const ownership = asRecord(data.ownership);
  const platform = asRecord(data.platformIndependence);
  const documentation = asRecord(data.documentation);
  const extraction = asRecord(data.dataExtraction);
  const privacy = asRecord(data.privacy);
  const standards = asRecord(data.standards);
  const harm = asRecord(data.doNoHarm);
  const pii = asRecord(harm.dataPrivacySecurity);
  const content = asRecord(harm.inappropriateContent);
  const harassment = asRecord(harm.harassmentProtection);
  const countries = asRecord(data.countries);
  const openStandards = asArray(standards.openStandards).map(asRecord);
  const bestPractices = asArray(standards.bestPractices).map(asRecord);
  const closed = platform.hasClosedComponents === true;
  const handlesNonPii = extraction.handlesNonPii === true;
  const collectsPii = asString(pii.piiHandling) !== undefined && pii.piiHandling !== 'none';
  const handlesContent = asString(content.contentHandling) !== undefined && content.contentHandling !== 'none';
  const interaction = harassment.userInteraction === true;
  const steps = asStrings(privacy.adherenceSteps);
  // The old form had no field for privacy evidence links; they were written into the adherence steps.
  const unmentioned = asStrings(privacy.evidenceUrls).filter((url) => !steps.some((s) => s.includes(url)));
  const [copyrightUrl] = asStrings(ownership.evidenceUrls);
  return {
    name: asString(data.name) ?? '',
    clearOwnership: { isOwnershipExplicit: copyrightUrl ? 'Yes' : 'Unknown', copyrightURL: copyrightUrl ?? '' },
    platformIndependence: {
      mandatoryDepsCreateMoreRestrictions: answer(platform.hasClosedComponents),
      isSoftwarePltIndependent: closed ? (asString(platform.openAlternatives) ? 'Yes' : 'Unknown') : '',
      pltIndependenceDesc: asString(platform.openAlternatives) ?? '',
    },
    documentation: {
      isDocumentationAvailable: asStrings(documentation.urls).length ? 'Yes' : 'No',
      documentationURL: asStrings(documentation.urls),
    },
    NonPII: {
      collectsNonPII: answer(extraction.handlesNonPii),
      checkNonPIIAccessMechanism: handlesNonPii ? (asString(extraction.mechanism) ? 'Yes' : 'No') : '',
      nonPIIAccessMechanism: asString(extraction.mechanism) ?? '',
    },
    privacy: {
      isPrivacyCompliant: asStrings(privacy.laws).length ? 'Yes' : 'Unknown',
      privacyComplianceList: asStrings(privacy.laws),
      adherenceSteps: [...steps, ...unmentioned.map((url) => `Privacy evidence: ${url}`)],
    },
    standards: {
      supportStandards: openStandards.length ? 'Yes' : 'No',
      standardsList: openStandards.map((s) => listedItem(s, false)),
      evidenceStandardSupport: openStandards.map((s) => asString(s.evidenceUrl)).filter((u): u is string => Boolean(u)),
      implementBestPractices: bestPractices.length ? 'Yes' : 'No',
      bestPracticesList: bestPractices.map((b) => listedItem(b, true)),
    },
    doNoHarm: {
      preventHarm: {
        stepsToPreventHarm: asString(harm.preventionSteps) ? 'Yes' : 'Unknown',
        additionalInfoMechanismProcessesPolicies: asString(harm.preventionSteps) ?? '',
      },
      dataPrivacySecurity: {
        collectsPII: asString(pii.piiHandling) === undefined ? 'Unknown' : collectsPii ? 'Yes' : 'No',
        typesOfDataCollected: asStrings(pii.piiTypes),
        thirdPartyDataSharing: collectsPii
          ? pii.thirdPartySharing === undefined
            ? pii.piiHandling === 'distributed'
              ? 'Yes'
              : 'Unknown'
            : answer(pii.thirdPartySharing)
          : 'No',
        dataSharingCircumstances: asString(pii.sharingCircumstances) ? [asString(pii.sharingCircumstances)!] : [],
        ...(collectsPii ? { ensurePrivacySecurity: asString(pii.safeguards) ? 'Yes' : 'Unknown' } : {}),
        privacySecurityDescription: asString(pii.safeguards) ?? '',
      },
      inappropriateIllegalContent: {
        collectStoreDistribute: asString(content.contentHandling) === undefined ? 'Unknown' : handlesContent ? 'Yes' : 'No',
        type: asStrings(content.contentTypes).join(', '),
        contentFilter: '',
        policyGuidelinesDocumentationLink: asString(content.policyUrl) ?? '',
        illegalContentDetection: handlesContent ? (asString(content.moderationProcess) ? 'Yes' : 'Unknown') : '',
        illegalContentDetectionMechanism: asString(content.moderationProcess) ?? '',
      },
      protectionFromHarassment: {
        userInteraction: answer(harassment.userInteraction),
        addressSafetySecurityUnderageUsers: interaction ? (asString(harassment.underageSafety) ? 'Yes' : 'Unknown') : '',
        stepsAddressRiskPreventSafetyUnderageUsers: asString(harassment.underageSafety) ? [asString(harassment.underageSafety)!] : [],
        griefAbuseHarassmentProtection: interaction ? (asString(harassment.protectionMeasures) ? 'Yes' : 'Unknown') : '',
        harassmentProtectionSteps: asString(harassment.protectionMeasures) ? [asString(harassment.protectionMeasures)!] : [],
      },
    },
    locations: { developmentCountries: asStrings(countries.development), deploymentCountries: asStrings(countries.deployment) },
  };
}

export function toDpga(record: PublishedRecord): DpgaExport {
  return { nominee: toDpgaNominee(record.data), screening: toDpgaScreening(record.data) };
}
