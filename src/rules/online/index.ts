import { rule as brokenLink } from './broken-link.js';
import { rule as licenseEvidenceMismatch } from './license-evidence-mismatch.js';
import { rule as licenseMismatch } from './license-mismatch.js';
import { rule as licenseUnverified } from './license-unverified.js';
import { rule as repositoryArchived } from './repository-archived.js';
import { rule as repositoryMissing } from './repository-missing.js';
import { rule as repositoryStale } from './repository-stale.js';
import { rule as unverifiedLink } from './unverified-link.js';

/** Checks made only with `dpg validate --online`. The page-reading rule comes first so that its reads also answer the link checks. */
export const onlineRules = [
  licenseEvidenceMismatch,
  brokenLink,
  unverifiedLink,
  repositoryMissing,
  repositoryArchived,
  repositoryStale,
  licenseMismatch,
  licenseUnverified,
];
