/**
 * The versions of the DPG Standard dpg knows, oldest first. A record names the version it was assessed
 * against (`standardVersion`); a requirement a later version introduced is, for an approved record, due at
 * its next review rather than an error (see docs/standard-versions.md).
 */
interface StandardVersion {
  version: string;
  /** The day the version came into force (YYYY-MM-DD), when known. */
  since?: string;
  /** What the version asks that the one before did not. */
  adds: readonly string[];
}

const STANDARD_VERSIONS: readonly StandardVersion[] = [
  {
    version: '1.1.6',
    adds: [
      "The nine indicators as the former registry's questionnaire asked them: the record an approved DPG of the former registry carries.",
    ],
  },
  {
    version: '1.1.7',
    since: '2025-06-26',
    adds: [
      'The 2025 privacy requirements: the five privacy answers (privacy.piiRequirements) when personal data is handled.',
      'AI systems: whether the training data contains personal data (doNoHarm.dataPrivacySecurity.trainingDataPii).',
      "The owner's country (organizations[].country of the owner).",
      'Whether the owner owns every component (ownership.ownsAllComponents) and the core dependencies (platformIndependence.coreDependencies).',
      'Evidence for every open standard and best practice named (standards.openStandards[], standards.bestPractices[]).',
      'The sectors of the solution (sectors).',
    ],
  },
];

export const CURRENT_STANDARD_VERSION = STANDARD_VERSIONS[STANDARD_VERSIONS.length - 1]!.version;

/** The version of an approved record that names none: it was recognised before records named a version. */
export const BASELINE_STANDARD_VERSION = STANDARD_VERSIONS[0]!.version;

/** The version the former registry's questionnaire asked: its records cannot answer anything later. */
export const FORMER_REGISTRY_VERSION = '1.1.6';

const STANDARD_VERSION_IDS: readonly string[] = STANDARD_VERSIONS.map((v) => v.version);

/** Negative when `a` is older than `b`; versions dpg does not know sort as the current one. */
export function compareStandardVersions(a: string, b: string): number {
  const rank = (v: string) => {
    const index = STANDARD_VERSION_IDS.indexOf(v);
    return index < 0 ? STANDARD_VERSION_IDS.length - 1 : index;
  };
  return rank(a) - rank(b);
}
