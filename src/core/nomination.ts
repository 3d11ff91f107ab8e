/** The shape of a nomination as described by schemas/nomination.schema.json. */

export type Category = 'software' | 'content' | 'data' | 'ai-model' | 'standard';
export type LicensedPart = 'code' | 'content' | 'data' | 'model' | 'specification';
type HandlingLevel = 'none' | 'collected' | 'stored' | 'distributed';
type Stage = 'nominee' | 'dpg' | 'expired' | 'delisted';

interface EvidencedItem {
  name: string;
  evidenceUrl?: string;
  evidenceText?: string;
}

export interface Nomination {
  name: string;
  aliases?: string[];
  description: string;
  website: string;
  logo?: string;
  categories: Category[];
  repositories?: Array<{ name?: string; url: string }>;
  organizations: Array<{ name: string; website?: string; roles: string[]; country?: string }>;
  sectors: string[];
  countries: { development: string[]; deployment: string[] };
  sdgs: Array<{ goal: number; evidenceText?: string; evidenceUrl?: string }>;
  licenses: Array<{ spdx: string; evidenceUrl?: string; covers?: LicensedPart[] }>;
  ownership: {
    ownerType: 'organization' | 'individuals';
    evidenceUrls: string[];
    ownsAllComponents: boolean;
    redistributionEvidence?: string;
  };
  platformIndependence: { coreDependencies: string[]; hasClosedComponents: boolean; openAlternatives?: string };
  documentation: { urls: string[]; notes?: string };
  dataExtraction: { handlesNonPii: boolean; mechanism?: string; formats?: string[] };
  privacy: {
    laws: string[];
    evidenceUrls?: string[];
    adherenceSteps?: string[];
    piiRequirements?: {
      isMinimal: boolean;
      minimisationExplanation: string;
      consentNotice: string;
      policyUrl: string;
      processing: string;
      deletion: string;
    };
  };
  standards: { openStandards?: EvidencedItem[]; bestPractices?: EvidencedItem[] };
  doNoHarm: {
    preventionSteps: string;
    dataPrivacySecurity: {
      piiHandling: HandlingLevel;
      piiTypes?: string[];
      thirdPartySharing?: boolean;
      sharingCircumstances?: string;
      safeguards?: string;
      trainingDataPii?: boolean;
    };
    inappropriateContent: {
      contentHandling: HandlingLevel;
      contentTypes?: string[];
      policyUrl?: string;
      moderationProcess?: string;
      responseTime?: string;
    };
    harassmentProtection: { userInteraction: boolean; protectionMeasures?: string; underageSafety?: string };
  };
  attestation?: { name: string; title: string };
  stage: Stage;
  review?: { date: string; reviewer: string };
  delisting?: { date: string; reason: string };
  waivers?: Array<{ rule: string; reason: string; approvedBy: string; date?: string }>;
}

/**
 * Rules run even on documents that failed the schema, so every value they read may be of any type.
 * `Partialish<Nomination>` documents that; the helpers below read it safely.
 */
export type MaybeNomination = { [K in keyof Nomination]?: unknown };

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The strings of a list, ignoring anything else in it (data may be schema-invalid). */
export function asStrings(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}
