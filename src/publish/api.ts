import { asArray, asRecord, asString, asStrings } from '../core/nomination.js';
import type { IndicatorId } from '../core/types.js';
import type { PublishedRecord } from './select.js';

/**
 * The JSON API under api/v1/, as plain objects. Documents are described by schemas/api/*.schema.json;
 * field order is fixed here and lists are sorted, so the same registry always gives the same bytes.
 */

const API_VERSION = 1;

export interface RecordSummary {
  slug: string;
  name: string;
  aliases: string[];
  description: string;
  website: string | null;
  categories: string[];
  sdgs: number[];
  licenses: string[];
  sectors: string[];
  countries: { development: string[]; deployment: string[] };
  organizations: string[];
  owners: string[];
  reviewDate: string | null;
  expires: string | null;
  counts: {
    sdgs: number;
    licenses: number;
    organizations: number;
    repositories: number;
    countries: number;
    openStandards: number;
    bestPractices: number;
  };
  dueAtRenewal: DueAnswer[];
  /** The full record and the web page, relative to the site root. */
  record: string;
  page: string;
}

/**
 * An answer a DPG owes at its next review: a requirement that a later version of the Standard than the one
 * it was assessed under introduced. Empty for nominees, who are judged by the current version.
 */
export interface DueAnswer {
  indicator: IndicatorId | null;
  rule: string;
  since: string;
  assessedUnder: string;
  /** The end of the recognition, by which the answer is due. */
  by: string | null;
  message: string;
}

interface Tally {
  [value: string]: number;
}

export interface DpgIndex {
  apiVersion: number;
  count: number;
  nomineeCount: number;
  counts: { categories: Tally; sdgs: Tally; licenses: Tally; sectors: Tally; countries: Tally };
  dpgs: RecordSummary[];
}

export interface NomineeIndex {
  apiVersion: number;
  count: number;
  nominees: RecordSummary[];
}

export interface RecordDocument {
  apiVersion: number;
  slug: string;
  stage: 'dpg' | 'nominee';
  reviewDate: string | null;
  expires: string | null;
  /** Relative to the site root. */
  page: string;
  dueAtRenewal: DueAnswer[];
  /** The nomination as written in the registry. */
  record: Record<string, unknown>;
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b, 'en'));
}

export type RecordKind = 'dpg' | 'nominee';

export const API_ROOT = 'api/v1';

/** Paths relative to the site root. */
export function recordPath(kind: RecordKind, slug: string): string {
  return `${API_ROOT}/${kind === 'dpg' ? 'dpgs' : 'nominees'}/${slug}.json`;
}

function pagePath(kind: RecordKind, slug: string): string {
  return `${kind === 'dpg' ? 'dpgs' : 'nominees'}/${slug}/index.html`;
}

function dueAnswers(record: PublishedRecord): DueAnswer[] {
  return (record.dueAtRenewal ?? []).map((d) => ({
    indicator: d.indicator,
    rule: d.rule,
    since: d.since,
    assessedUnder: d.assessedUnder,
    by: d.by,
    message: d.message,
  }));
}

export function summarise(record: PublishedRecord, kind: RecordKind): RecordSummary {
  const data = record.data;
  const countries = asRecord(data.countries);
  const organizations = asArray(data.organizations).map(asRecord);
  const standards = asRecord(data.standards);
  const development = asStrings(countries.development);
  const deployment = asStrings(countries.deployment);
  return {
    slug: record.slug,
    name: asString(data.name) ?? record.slug,
    aliases: asStrings(data.aliases),
    description: asString(data.description) ?? '',
    website: asString(data.website) ?? null,
    categories: asStrings(data.categories),
    sdgs: [
      ...new Set(
        asArray(data.sdgs)
          .map((s) => asRecord(s).goal)
          .filter((g): g is number => typeof g === 'number'),
      ),
    ].sort((a, b) => a - b),
    // One entry per licence, even when a nomination lists it for several parts (code, content, data).
    licenses: [
      ...new Set(
        asArray(data.licenses)
          .map((l) => asString(asRecord(l).spdx))
          .filter((s): s is string => s !== undefined),
      ),
    ],
    sectors: asStrings(data.sectors),
    countries: { development, deployment },
    organizations: organizations.map((o) => asString(o.name)).filter((n): n is string => n !== undefined),
    owners: organizations
      .filter((o) => asArray(o.roles).includes('owner'))
      .map((o) => asString(o.name))
      .filter((n): n is string => n !== undefined),
    reviewDate: record.reviewDate ?? null,
    expires: record.expires ?? null,
    counts: {
      sdgs: asArray(data.sdgs).length,
      licenses: asArray(data.licenses).length,
      organizations: organizations.length,
      repositories: asArray(data.repositories).length,
      countries: new Set([...development, ...deployment]).size,
      openStandards: asArray(standards.openStandards).length,
      bestPractices: asArray(standards.bestPractices).length,
    },
    dueAtRenewal: dueAnswers(record),
    record: recordPath(kind, record.slug),
    page: pagePath(kind, record.slug),
  };
}

/** Every value a filter can take: the countries of development and deployment together. */
export function countriesOf(summary: RecordSummary): string[] {
  return uniqueSorted([...summary.countries.development, ...summary.countries.deployment]);
}

function tally(lists: Array<Array<string | number>>, numeric = false): Tally {
  const counts = new Map<string, number>();
  for (const list of lists) for (const value of new Set(list.map(String))) counts.set(value, (counts.get(value) ?? 0) + 1);
  const keys = [...counts.keys()].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => a.localeCompare(b, 'en'));
  return Object.fromEntries(keys.map((k) => [k, counts.get(k)!]));
}

export function buildDpgIndex(dpgs: readonly RecordSummary[], nomineeCount: number): DpgIndex {
  return {
    apiVersion: API_VERSION,
    count: dpgs.length,
    nomineeCount,
    counts: {
      categories: tally(dpgs.map((d) => d.categories)),
      sdgs: tally(
        dpgs.map((d) => d.sdgs),
        true,
      ),
      licenses: tally(dpgs.map((d) => d.licenses)),
      sectors: tally(dpgs.map((d) => d.sectors)),
      countries: tally(dpgs.map(countriesOf)),
    },
    dpgs: [...dpgs],
  };
}

export function buildNomineeIndex(nominees: readonly RecordSummary[]): NomineeIndex {
  return { apiVersion: API_VERSION, count: nominees.length, nominees: [...nominees] };
}

export function buildRecordDocument(record: PublishedRecord, kind: RecordKind): RecordDocument {
  return {
    apiVersion: API_VERSION,
    slug: record.slug,
    stage: kind,
    reviewDate: record.reviewDate ?? null,
    expires: record.expires ?? null,
    page: pagePath(kind, record.slug),
    dueAtRenewal: dueAnswers(record),
    record: record.data,
  };
}

/** Pretty-printed JSON with a final newline, as every API file is written. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
