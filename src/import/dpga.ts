import { judgeSpdx, possibleParts, requiredParts } from '../licenses/approval.js';
import { CATEGORY_PARTS } from '../licenses/policy.js';
import { asArray, asRecord, type Category } from '../core/nomination.js';
import { contentOnlyLicenses } from '../rules/license/content-covers.js';
import { slugify } from '../util/slug.js';
import { resolveCountry } from '../util/countries.js';
import { FORMER_REGISTRY_VERSION } from '../core/standard-versions.js';
import { extractEvidence, type ExtractOptions } from './evidence.js';
import { nominationToYaml, SCHEMA_REF, SECTIONS } from './nomination-yaml.js';

/**
 * Conversion of the former DPG registry's JSON records into nominations. A record is a pair:
 * `nominees/<x>.json` (identity, licences, SDGs, organisations, stage) and
 * `digitalpublicgoods/<x>.json` (screening answers per indicator); `excluded-nominees/<x>.json`
 * records have no screening. Nothing here reads files or prints; the CLI does.
 */

export interface DpgaRecord {
  /** Where the identity record came from, as shown to the user. */
  nomineeFile: string;
  nominee: unknown;
  screeningFile?: string;
  /** The screening answers; undefined when the record has none. */
  screening?: unknown;
  /** The record was in `excluded-nominees/`. */
  excluded: boolean;
  /** The nominee record was in `archive/`: no longer listed by the former registry. */
  archived?: boolean;
  /** The exclusion log's row about an excluded record, and the log's file as shown to the user. */
  exclusion?: { log: string; nominee: string; date?: string; writtenDate: string; reason?: string };
}

export interface ConvertOptions {
  /** Review date (YYYY-MM-DD) and reviewer to record on approved DPGs; the old records have neither. */
  reviewDate?: string;
  reviewer?: string;
  /** The day of the import (YYYY-MM-DD): the review date of approved DPGs when `reviewDate` is not given. */
  today?: string;
  /** `$schema` reference of the modeline, relative to the output folder. */
  schemaRef?: string;
}

/** A field of the nomination that the conversion could not fill, and why. */
interface Gap {
  /** Dotted path in the nomination, e.g. "privacy.piiRequirements". */
  field: string;
  reason: string;
}

/** Something in the old record that was not carried over (or was changed), and why. */
interface Note {
  /** Dotted path in the old record, e.g. "organizations[0].contact_email". */
  source: string;
  note: string;
}

export interface Conversion {
  name: string;
  /** File name without extension: the slug of the name (of the source file when the name is missing). */
  slug: string;
  stage: string | undefined;
  /** The nomination, keys in the schema's order. */
  nomination: Record<string, unknown>;
  /** Old field → new field, for every field that carried a value. */
  mapped: Array<{ from: string; to: string }>;
  missing: Gap[];
  notes: Note[];
  /** Extra comment lines to write above a top-level key of the YAML. */
  comments: Record<string, string[]>;
}

const NOT_ASKED = 'the former registry did not ask for it; needed at the next annual review';

/** The reviewer recorded on an approved record when none is given: the former registry's own review. */
const FORMER_REGISTRY_REVIEWER = 'former-registry';

const CATEGORY_NAMES: Record<string, string> = {
  software: 'software',
  content: 'content',
  data: 'data',
  standard: 'standard',
  aimodel: 'ai-model',
  'ai-model': 'ai-model',
};

const STAGES: Record<string, string> = { dpg: 'dpg', nominee: 'nominee', archive: 'expired' };

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/gi;

/** A link to a privacy policy, terms of service or data-protection page. */
const PRIVACY_PAGE = /privacy|terms|policy|policies|gdpr|data-?protection|datenschutz|legal/i;

/** A JSON document that is not a former registry record, or could not be read. */
export class RecordError extends Error {
  override name = 'RecordError';
}

/** Parses the text of a record file; a clean RecordError (never a raw SyntaxError) when it is not JSON. */
export function parseRecordJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new RecordError(`${file}: not valid JSON (${reason}).`);
  }
}

/** A non-empty text, with the spaces around its line breaks trimmed; undefined for anything else. */
function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .trim();
  return trimmed ? trimmed : undefined;
}

/** The links of a text; in a field meant to hold a URL, hosts written without a scheme count too. */
function urlsIn(value: string, bareHosts: ExtractOptions['bareHosts'] = 'clear'): string[] {
  return extractEvidence(value, { bareHosts }).urls;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** One conversion under way: collects the nomination, what was mapped, what is missing and what was dropped. */
class Converter {
  readonly mapped: Array<{ from: string; to: string }> = [];
  readonly missing: Gap[] = [];
  readonly notes: Note[] = [];
  readonly comments: Record<string, string[]> = {};

  constructor(
    private readonly old: Record<string, unknown>,
    private readonly prefix: string,
  ) {}

  map(from: string, to: string): void {
    this.mapped.push({ from: `${this.prefix}${from}`, to });
  }

  gap(field: string, reason: string): void {
    this.missing.push({ field, reason });
  }

  /**
   * Sets `target[key]` and records the mapping when the old record had a value (non-empty text or
   * list, or a yes/no answer); otherwise records the new field as missing, for `reason`.
   */
  put(target: Record<string, unknown>, key: string, value: unknown, from: string, to: string, reason: string): void {
    const present = value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
    if (present) {
      target[key] = value;
      this.map(from, to);
    } else {
      this.gap(to, reason);
    }
  }

  note(source: string, note: string): void {
    this.notes.push({ source: `${this.prefix}${source}`, note });
  }

  /** Every link of the entries of a field meant to hold links, noting the hosts written without a scheme. */
  links(source: string, entries: string[]): string[] {
    const urls: string[] = [];
    for (const entry of entries) {
      const extracted = extractEvidence(entry, { bareHosts: 'all' });
      for (const host of extracted.schemeless) this.note(source, `"${host}" has no scheme; written as https://${host}`);
      urls.push(...extracted.urls);
    }
    return unique(urls);
  }

  /**
   * The one URL a field meant to hold a URL gives, taken out of whatever text surrounds it. What does
   * not fit (further links, words) is noted; a value without any link is kept as written, for
   * url/valid to report.
   */
  link(source: string, value: string): { url: string; extracted: ReturnType<typeof extractEvidence> } {
    const extracted = extractEvidence(value, { bareHosts: 'all' });
    const [url] = extracted.urls;
    if (!url) return { url: value, extracted };
    for (const host of extracted.schemeless) this.note(source, `"${host}" has no scheme; written as https://${host}`);
    if (extracted.urls.length > 1 || extracted.hasText)
      this.note(source, `${JSON.stringify(value)} holds more than one link; ${url} taken`);
    return { url, extracted };
  }

  comment(key: string, line: string): void {
    (this.comments[key] ??= []).push(line);
  }

  /** A record under `path` (dotted), or an empty one with a note when it has another type. */
  record(path: string): Record<string, unknown> {
    let node: unknown = this.old;
    for (const segment of path.split('.')) node = asRecord(node)[segment];
    if (node !== undefined && asRecord(node) !== node) this.note(path, 'is not an object; ignored');
    return asRecord(node);
  }

  /** A list of non-empty texts; a single text counts as a list of one. */
  texts(parent: Record<string, unknown>, key: string, path = key): string[] {
    const value = parent[key];
    if (value === undefined) return [];
    if (typeof value === 'string') return text(value) ? [text(value)!] : [];
    if (!Array.isArray(value)) {
      this.note(path, 'is neither a list nor a text; ignored');
      return [];
    }
    const out: string[] = [];
    value.forEach((item, i) => {
      const t = text(item);
      if (t) out.push(t);
      else if (item !== '' && !(typeof item === 'string' && !item.trim())) this.note(`${path}[${i}]`, 'is not a text; ignored');
    });
    return out;
  }

  /** "Yes" → true, "No" → false; "Unknown", "" and anything else → undefined (noted unless blank). */
  answer(parent: Record<string, unknown>, key: string, path: string): boolean | undefined {
    const value = parent[key];
    if (value === undefined || value === '') return undefined;
    if (typeof value === 'boolean') return value;
    const normalised = typeof value === 'string' ? value.trim().toLowerCase() : '';
    if (normalised === 'yes') return true;
    if (normalised === 'no') return false;
    this.note(path, `answer ${JSON.stringify(value)} is not Yes or No; left out`);
    return undefined;
  }
}

/** Letters and digits only, lowercase: how a name shows in a host name or a path ("Statistics Sweden" → "statisticssweden"). */
function compact(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** Whether an ownership evidence URL names the organisation: its website's host, or its name in the address. */
function evidenceNames(org: Record<string, unknown>, url: string): boolean {
  const host = hostOf(url);
  const website = typeof org.website === 'string' ? hostOf(org.website) : undefined;
  if (host && website && (host === website || host.endsWith(`.${website}`))) return true;
  const name = compact(String(org.name ?? ''));
  return name.length >= 4 && compact(url).includes(name);
}

/**
 * The organisation to record as owner when the former record named none (only funders and maintainers),
 * although its reviewers judged ownership clear: the one its ownership evidence names, or the only
 * organisation of a record whose ownership was answered as clearly defined.
 */
function ownerNamedByEvidence(
  organizations: Array<Record<string, unknown>>,
  evidence: { urls: string[]; explicit: boolean | undefined },
): Record<string, unknown> | undefined {
  const named = organizations.filter((org) => evidence.urls.some((url) => evidenceNames(org, url)));
  if (named.length === 1) return named[0];
  if (named.length === 0 && organizations.length === 1 && evidence.explicit === true) return organizations[0];
  return undefined;
}

function ownerReason(
  owner: Record<string, unknown>,
  organizations: Array<Record<string, unknown>>,
  evidence: { urls: string[]; explicit: boolean | undefined },
): string {
  const url = evidence.urls.find((u) => evidenceNames(owner, u));
  return url
    ? `the ownership evidence ${url} names it`
    : `it is the only organisation (of ${organizations.length}) and the record says ownership is clearly defined`;
}

function convertIdentity(
  c: Converter,
  old: Record<string, unknown>,
  fallbackSlug: string,
  out: Record<string, unknown>,
  ownershipEvidence: { urls: string[]; explicit: boolean | undefined } = { urls: [], explicit: undefined },
): string {
  const name = text(old.name);
  if (name) {
    out.name = name;
    c.map('name', 'name');
  } else {
    c.gap('name', 'the record has no name');
  }

  const aliases: string[] = [];
  for (const alias of c.texts(old, 'aliases')) {
    if (name && alias.toLowerCase() === name.toLowerCase()) c.note('aliases', `"${alias}" is the name itself; dropped`);
    else if (aliases.some((a) => a.toLowerCase() === alias.toLowerCase())) c.note('aliases', `"${alias}" is listed twice; dropped once`);
    else aliases.push(alias);
  }
  if (asArray(old.aliases).some((a) => typeof a === 'string' && !a.trim())) c.note('aliases', 'empty aliases dropped');
  if (aliases.length) {
    out.aliases = aliases;
    c.map('aliases', 'aliases');
  }

  const description = text(old.description);
  c.put(out, 'description', description, 'description', 'description', 'the record has no description');

  const websiteText = text(old.website);
  const website = websiteText ? c.link('website', websiteText).url : undefined;
  c.put(out, 'website', website, 'website', 'website', 'the record has no website');

  const categories: string[] = [];
  for (const type of c.texts(old, 'type')) {
    const category = CATEGORY_NAMES[type.toLowerCase()];
    if (!category) c.note('type', `unknown category "${type}" kept as written, for validation to report`);
    categories.push(category ?? type);
  }
  if (categories.length) {
    out.categories = unique(categories);
    c.map('type', 'categories');
  } else c.gap('categories', 'the record has no type');

  const repositories: Array<Record<string, string>> = [];
  asArray(old.repositories).forEach((entry, i) => {
    const repo = asRecord(entry);
    const written = text(repo.url);
    const url = written ? c.link(`repositories[${i}].url`, written).url : undefined;
    if (!url) {
      c.note(`repositories[${i}]`, 'has no URL; dropped');
      return;
    }
    if (repositories.some((r) => r.url === url)) return;
    const repoName = text(repo.name);
    repositories.push(repoName ? { name: repoName, url } : { url });
  });
  if (repositories.length) c.map('repositories', 'repositories');
  const repositoryText = text(old.repositoryURL);
  const repositoryUrl = repositoryText ? c.link('repositoryURL', repositoryText).url : undefined;
  if (repositoryUrl) {
    if (!repositories.some((r) => r.url === repositoryUrl)) repositories.push({ url: repositoryUrl });
    c.map('repositoryURL', 'repositories');
  }
  if (repositories.length) out.repositories = repositories;

  const organizations: Array<Record<string, unknown>> = [];
  asArray(old.organizations).forEach((entry, i) => {
    const org = asRecord(entry);
    const orgName = text(org.name);
    if (org.contact_name !== undefined || org.contact_email !== undefined) {
      c.note(
        `organizations[${i}]`,
        'contact_name and contact_email dropped: personal contact details are not published in nomination files',
      );
    }
    if (!orgName) {
      c.note(`organizations[${i}]`, 'has no name; dropped');
      return;
    }
    const role = text(org.org_type)?.toLowerCase();
    const existing = organizations.find((o) => String(o.name).toLowerCase() === orgName.toLowerCase());
    const target = existing ?? { name: orgName };
    const website = text(org.website);
    if (website && target.website === undefined) target.website = website;
    const roles = (target.roles as string[] | undefined) ?? [];
    if (role && !roles.includes(role)) roles.push(role);
    if (!role) c.note(`organizations[${i}].org_type`, 'missing; the organisation has no role');
    target.roles = roles;
    if (!existing) organizations.push(target);
  });
  for (const org of organizations) {
    if (!(org.roles as string[]).length) delete org.roles;
  }
  if (organizations.length) {
    out.organizations = organizations.map(({ name: n, website: w, roles }) => ({
      name: n,
      ...(w ? { website: w } : {}),
      ...(roles ? { roles } : {}),
    }));
    c.map('organizations', 'organizations (org_type → roles)');
    if (!organizations.some((o) => asArray(o.roles).includes('owner'))) {
      const owner = ownerNamedByEvidence(organizations, ownershipEvidence);
      if (owner) {
        (owner.roles as string[]).unshift('owner');
        c.note(
          'organizations',
          `"${String(owner.name)}" was listed as ${String((owner.roles as string[]).slice(1).join(' and ') || 'without a role')} only; recorded as the owner because ${ownerReason(owner, organizations, ownershipEvidence)}: a reviewer should confirm it`,
        );
        c.comment(
          'organizations',
          `Review: "${String(owner.name)}" is recorded as owner from the former record's ownership evidence; confirm it.`,
        );
      } else {
        c.gap('organizations[].roles (owner)', 'no organisation has the role owner in the former record');
      }
    }
    c.gap('organizations[].country', 'the former registry did not record where organisations are registered');
  } else c.gap('organizations', 'the record lists no organisation');

  const sectors = c.texts(old, 'sectors');
  if (sectors.length) {
    out.sectors = unique(sectors);
    c.map('sectors', 'sectors');
  } else c.gap('sectors', 'the record lists no sector');

  return name ? slugify(name) || fallbackSlug : fallbackSlug;
}

function convertCountries(c: Converter, screening: Record<string, unknown> | undefined, out: Record<string, unknown>): void {
  if (!screening) {
    c.gap('countries', 'the record has no screening answers, where countries were kept');
    return;
  }
  const locations = c.record('locations');
  const countries: Record<string, string[]> = {};
  for (const [from, to] of [
    ['developmentCountries', 'development'],
    ['deploymentCountries', 'deployment'],
  ] as const) {
    const names: string[] = [];
    for (const written of c.texts(locations, from, `locations.${from}`)) {
      const resolved = resolveCountry(written);
      const canonical = resolved.kind === 'canonical' || resolved.kind === 'alias' ? resolved.name : undefined;
      if (!canonical)
        c.note(`locations.${from}`, `"${written}" is not an ISO 3166 country name; kept as written, for validation to report`);
      else if (canonical !== written) c.note(`locations.${from}`, `"${written}" written as "${canonical}"`);
      names.push(canonical ?? written);
    }
    countries[to] = unique(names);
    if (names.length) c.map(`locations.${from}`, `countries.${to}`);
    else c.gap(`countries.${to}`, 'the record lists no country');
  }
  out.countries = countries;
}

function convertSdgs(c: Converter, old: Record<string, unknown>, out: Record<string, unknown>): void {
  const sdgs: Array<Record<string, unknown>> = [];
  asArray(old.SDGs).forEach((entry, i) => {
    // Early records wrote an SDG as [number, title]; the title is not evidence.
    if (Array.isArray(entry)) {
      const goal = Number(entry[0]);
      if (Number.isInteger(goal)) sdgs.push({ goal });
      else c.note(`SDGs[${i}]`, 'has no SDG number; dropped');
      return;
    }
    const sdg = asRecord(entry);
    const goal = typeof sdg.SDGNumber === 'number' ? sdg.SDGNumber : Number(text(sdg.SDGNumber));
    if (!Number.isInteger(goal)) {
      c.note(`SDGs[${i}]`, 'has no SDG number; dropped');
      return;
    }
    let evidenceText = text(sdg.evidenceText);
    const written = text(sdg.evidenceURL);
    let evidenceUrl: string | undefined;
    if (written) {
      // "DHIS2 for Education: https://…" or several links: the first is the evidence URL, and the
      // entry as written stays with the evidence text, so no link and no word is lost.
      const extracted = extractEvidence(written, { bareHosts: 'all' });
      evidenceUrl = extracted.urls[0];
      if (!evidenceUrl || extracted.urls.length > 1 || extracted.hasText) {
        evidenceText = evidenceText ? `${evidenceText}\n${written}` : written;
        c.note(
          `SDGs[${i}].evidenceURL`,
          evidenceUrl
            ? 'holds text or several links: the first link is the evidence URL, the entry is kept in the evidence text'
            : 'holds no link: kept as evidence text',
        );
      }
      for (const host of extracted.schemeless) c.note(`SDGs[${i}].evidenceURL`, `"${host}" has no scheme; written as https://${host}`);
    }
    sdgs.push({ goal, ...(evidenceText ? { evidenceText } : {}), ...(evidenceUrl ? { evidenceUrl } : {}) });
  });
  if (sdgs.length) {
    out.sdgs = sdgs;
    c.map('SDGs', 'sdgs (SDGNumber → goal, evidenceURL → evidenceUrl)');
    const bare = sdgs.filter((s) => s.evidenceText === undefined && s.evidenceUrl === undefined).map((s) => s.goal);
    if (bare.length) c.gap('sdgs[].evidenceText', `no evidence for SDG ${bare.join(', ')}`);
  } else c.gap('sdgs', 'the record claims no SDG');
}

function convertLicenses(c: Converter, old: Record<string, unknown>, out: Record<string, unknown>): void {
  const licenses: Array<Record<string, unknown>> = [];
  asArray(old.license).forEach((entry, i) => {
    const license = asRecord(entry);
    const spdx = text(license.spdx);
    if (!spdx) {
      c.note(`license[${i}]`, 'has no spdx id; dropped');
      return;
    }
    const written = text(license.licenseURL);
    const evidenceUrl = written ? c.link(`license[${i}].licenseURL`, written).url : undefined;
    licenses.push({ spdx, ...(evidenceUrl ? { evidenceUrl } : {}) });
  });
  if (licenses.length) {
    out.licenses = licenses;
    c.map('license', 'licenses (licenseURL → evidenceUrl)');
    inferCovers(
      c,
      licenses,
      asArray(out.categories).filter((x): x is Category => typeof x === 'string' && Object.hasOwn(CATEGORY_PARTS, x)),
    );
  } else c.gap('licenses', 'the record names no licence');
}

/**
 * The old records gave licences for the project as a whole. When a solution has several licensable
 * parts and several licences, each licence is said to cover the parts it is approved for; one that is
 * approved for none covers the required parts, so that validation judges it.
 */
function inferCovers(c: Converter, licenses: Array<Record<string, unknown>>, categories: Category[]): void {
  const possible = possibleParts(categories);
  if (licenses.length >= 2 && possible.length < 2) {
    inferContentOnly(c, licenses, categories);
    return;
  }
  if (licenses.length < 2 || possible.length < 2) return;
  const required = requiredParts(categories);
  for (const license of licenses) {
    const approvedFor = possible.filter((part) => judgeSpdx(String(license.spdx), part)?.approved);
    license.covers = approvedFor.length ? approvedFor : required;
  }
  c.map('license[] + type', 'licenses[].covers (the parts each licence is approved for)');
}

/**
 * Software with a second licence that can only apply to content (Antura and the Letters: BSD-2-Clause
 * and CC-BY-4.0): the content licence covers the content — images, sounds, texts — while the other
 * covers the code. Written with covers: [content], as license/content-covers would fix it.
 */
function inferContentOnly(c: Converter, licenses: Array<Record<string, unknown>>, categories: Category[]): void {
  const found = contentOnlyLicenses({ categories, licenses });
  for (const { index, license, others, parts } of found) {
    licenses[index]!.covers = ['content'];
    c.note(
      `license[${index}]`,
      `"${license}" can only apply to content, and ${others.map((o) => `"${o}"`).join(', ')} covers the ${parts.join(', ')}: written with covers: [content]`,
    );
  }
  if (found.length) c.map('license[] + type', 'licenses[].covers (content)');
}

function convertOwnership(c: Converter, out: Record<string, unknown>): void {
  const clear = c.record('clearOwnership');
  const explicit = c.answer(clear, 'isOwnershipExplicit', 'clearOwnership.isOwnershipExplicit');
  if (explicit === false) c.note('clearOwnership.isOwnershipExplicit', 'answered No: ownership was not clearly defined');
  const entries = c.texts(clear, 'copyrightURL', 'clearOwnership.copyrightURL');
  const evidenceUrls = c.links('clearOwnership.copyrightURL', entries);
  // The ownership section has no text field: words said with the links stay beside them, as a comment.
  const described = entries.filter((e) => {
    const extracted = extractEvidence(e, { bareHosts: 'all' });
    return extracted.hasText || !extracted.urls.length;
  });
  if (described.length) {
    c.note('clearOwnership.copyrightURL', `${described.length} entry(ies) with words besides the links; kept as a comment above ownership`);
    c.comment('ownership', 'Ownership evidence as the former record wrote it:');
    for (const entry of described) c.comment('ownership', `  ${entry.replace(/\s+/g, ' ')}`);
  }
  // The former registry only knew organisations as owners.
  out.ownership = { ownerType: 'organization', ...(evidenceUrls.length ? { evidenceUrls } : {}) };
  c.map('organizations[].org_type', 'ownership.ownerType (organization)');
  if (evidenceUrls.length) c.map('clearOwnership.copyrightURL', 'ownership.evidenceUrls');
  else c.gap('ownership.evidenceUrls', 'the record gives no copyright or ownership URL');
  c.gap('ownership.ownsAllComponents', `${NOT_ASKED} ("is ownership clearly defined?" is not "does the owner own everything?")`);
}

function convertPlatform(c: Converter, out: Record<string, unknown>): void {
  const platform = c.record('platformIndependence');
  const result: Record<string, unknown> = {};
  c.gap('platformIndependence.coreDependencies', NOT_ASKED);
  const closed = c.answer(platform, 'mandatoryDepsCreateMoreRestrictions', 'platformIndependence.mandatoryDepsCreateMoreRestrictions');
  c.put(
    result,
    'hasClosedComponents',
    closed,
    'platformIndependence.mandatoryDepsCreateMoreRestrictions',
    'platformIndependence.hasClosedComponents',
    'unanswered in the former record',
  );
  const alternatives = text(platform.pltIndependenceDesc);
  if (alternatives) {
    result.openAlternatives = alternatives;
    c.map('platformIndependence.pltIndependenceDesc', 'platformIndependence.openAlternatives');
  } else if (closed) c.gap('platformIndependence.openAlternatives', 'closed components without a description of open alternatives');
  if (closed && c.answer(platform, 'isSoftwarePltIndependent', 'platformIndependence.isSoftwarePltIndependent') === false) {
    c.note(
      'platformIndependence.isSoftwarePltIndependent',
      'answered No: the open components were not shown to be independent of the closed ones',
    );
  }
  out.platformIndependence = result;
}

function convertDocumentation(c: Converter, out: Record<string, unknown>): void {
  const documentation = c.record('documentation');
  const entries = c.texts(documentation, 'documentationURL', 'documentation.documentationURL');
  const urls = c.links('documentation.documentationURL', entries);
  // Labels such as "API documentation - https://…" say what each link is; keep them as notes.
  const labelled = entries.filter((e) => {
    const extracted = extractEvidence(e, { bareHosts: 'all' });
    return extracted.hasText || !extracted.urls.length;
  });
  const result: Record<string, unknown> = {};
  c.put(result, 'urls', urls, 'documentation.documentationURL', 'documentation.urls', 'the record gives no documentation link');
  if (labelled.length) {
    result.notes = labelled.join('\n');
    c.map('documentation.documentationURL (labels)', 'documentation.notes');
  }
  if (c.answer(documentation, 'isDocumentationAvailable', 'documentation.isDocumentationAvailable') === false) {
    c.note('documentation.isDocumentationAvailable', 'answered No');
  }
  out.documentation = result;
}

function convertDataExtraction(c: Converter, out: Record<string, unknown>): void {
  const nonPii = c.record('NonPII');
  const result: Record<string, unknown> = {};
  const handles = c.answer(nonPii, 'collectsNonPII', 'NonPII.collectsNonPII');
  c.put(result, 'handlesNonPii', handles, 'NonPII.collectsNonPII', 'dataExtraction.handlesNonPii', 'unanswered in the former record');
  const mechanism = text(nonPii.nonPIIAccessMechanism);
  if (mechanism) {
    result.mechanism = mechanism;
    c.map('NonPII.nonPIIAccessMechanism', 'dataExtraction.mechanism');
  } else if (handles) c.gap('dataExtraction.mechanism', 'non-personal data is handled but no export mechanism is described');
  if (handles && c.answer(nonPii, 'checkNonPIIAccessMechanism', 'NonPII.checkNonPIIAccessMechanism') === false) {
    c.note('NonPII.checkNonPIIAccessMechanism', 'answered No: there was no mechanism to extract non-personal data');
  }
  out.dataExtraction = result;
}

function convertPrivacy(c: Converter, collectsPii: boolean | undefined, out: Record<string, unknown>): void {
  const privacy = c.record('privacy');
  const result: Record<string, unknown> = {};
  const laws = unique(c.texts(privacy, 'privacyComplianceList', 'privacy.privacyComplianceList'));
  c.put(result, 'laws', laws, 'privacy.privacyComplianceList', 'privacy.laws', 'the record lists no law');
  const steps = c.texts(privacy, 'adherenceSteps', 'privacy.adherenceSteps');
  // Some records linked their privacy policy in the 9a description instead of the adherence steps.
  const described = text(asRecord(asRecord(c.record('doNoHarm').dataPrivacySecurity)).privacySecurityDescription);
  const policyLinks = described ? urlsIn(described).filter((url) => PRIVACY_PAGE.test(url)) : [];
  const evidenceUrls = unique([...steps.flatMap((step) => urlsIn(step)), ...policyLinks]);
  if (policyLinks.length) c.map('doNoHarm.dataPrivacySecurity.privacySecurityDescription (privacy links)', 'privacy.evidenceUrls');
  c.put(
    result,
    'evidenceUrls',
    evidenceUrls,
    'privacy.adherenceSteps (links)',
    'privacy.evidenceUrls',
    'the adherence steps link to no privacy policy or terms of service',
  );
  if (steps.length) {
    result.adherenceSteps = steps;
    c.map('privacy.adherenceSteps', 'privacy.adherenceSteps');
  }
  if (c.answer(privacy, 'isPrivacyCompliant', 'privacy.isPrivacyCompliant') === false) {
    c.note('privacy.isPrivacyCompliant', 'answered No');
  }
  if (collectsPii !== false) {
    c.gap('privacy.piiRequirements', `the 2025 privacy answers (minimisation, consent, policy, processing, deletion): ${NOT_ASKED}`);
    c.comment(
      'privacy',
      'piiRequirements (the 2025 privacy answers) was not asked by the former registry: needed at the next annual review.',
    );
  }
  out.privacy = result;
}

/**
 * The old form listed each standard or practice as one text, often "Name - how it is followed" or
 * "Name (how it is followed)"; the explanation is the nominee's own evidence text.
 */
function evidencedItem(listed: string): { name: string; evidenceText?: string; evidenceUrl?: string } {
  // "12. Ensuring extensibility …": the numbering of the old list is not part of the name.
  const entry = listed.replace(/^\d{1,2}[.)]\s+(?=\S)/, '');
  const [url] = urlsIn(entry, 'none');
  const parts =
    /^([^()]{2,80}?)\s*\((.+)\)$/s.exec(entry) ?? /^(.{2,80}?)\s*[-–—]\s+(.+)$/s.exec(entry) ?? /^([^:]{2,80}?):\s+(.+)$/s.exec(entry);
  if (!parts && isSentence(entry)) {
    const item = { name: practiceName(entry), evidenceText: entry, ...(url ? { evidenceUrl: url } : {}) };
    NAMED_FROM_SENTENCE.add(item);
    return item;
  }
  const name = parts ? parts[1]!.trim() : entry;
  const explanation = parts ? parts[2]!.trim() : undefined;
  const hasWords = explanation !== undefined && explanation.replace(URL_PATTERN, '').replace(/[\s.,;:()-]+/g, '') !== '';
  return {
    name,
    ...(hasWords ? { evidenceText: explanation } : {}),
    ...(url ? { evidenceUrl: url } : {}),
  };
}

/** Items whose name was taken from a sentence, for the report to say so. */
const NAMED_FROM_SENTENCE = new WeakSet<object>();

/** Names of practices and standards that sentences of the former records mention, longest first where one contains another. */
const KNOWN_PRACTICES = [
  'Principles for Digital Development',
  'Digital Principles',
  'OWASP Top 10',
  'OWASP',
  'WCAG',
  'ISO 27001',
  'ISO/IEC 27001',
  'Twelve-Factor App',
  'Semantic Versioning',
  'Test-driven development',
  'Continuous integration',
  'Continuous delivery',
  'Code review',
  'Human-centred design',
  'Human-centered design',
  'Privacy by design',
  'Security by design',
  'FAIR principles',
  'Open Data Charter',
  'Agile',
  'Scrum',
  'DevOps',
  'GDPR',
];

/** An entry that is a whole sentence rather than a name: more than eight words, or a full stop after more than four. */
function isSentence(entry: string): boolean {
  const words = entry.replace(URL_PATTERN, '').trim().split(/\s+/).filter(Boolean).length;
  return words > 8 || (words > 4 && /[.!]$/.test(entry.trim()));
}

/**
 * A name for a practice the former record described in a sentence: the first known name it mentions,
 * else its opening words up to the first clause break (at most six words).
 */
function practiceName(sentence: string): string {
  const lower = sentence.toLowerCase();
  const known = KNOWN_PRACTICES.map((name) => ({ name, at: lower.indexOf(name.toLowerCase()) }))
    .filter((k) => k.at >= 0 && !/\w/.test(lower[k.at + k.name.length] ?? '') && !/\w/.test(lower[k.at - 1] ?? ''))
    .sort((a, b) => a.at - b.at || b.name.length - a.name.length)[0];
  if (known) return known.name;
  const clause = sentence
    .replace(URL_PATTERN, '')
    .split(/[,;:.!?]|\s[-–—]\s|\s(?:by|through|using|with|which|that|because|so)\s/i)[0]!
    .trim();
  const words = clause.split(/\s+/);
  return words.length > 6 ? `${words.slice(0, 6).join(' ')}…` : clause;
}

function evidencedItems(entries: string[]): Array<{ name: string; evidenceText?: string; evidenceUrl?: string }> {
  return entries.map(evidencedItem);
}

function convertStandards(c: Converter, out: Record<string, unknown>): void {
  const standards = c.record('standards');
  const result: Record<string, unknown> = {};
  const openStandards = evidencedItems(unique(c.texts(standards, 'standardsList', 'standards.standardsList')));
  // The old form asked for evidence of all standards together; attach each link to the one standard
  // it names, else keep it in a comment for a maintainer to place.
  const evidence = c.texts(standards, 'evidenceStandardSupport', 'standards.evidenceStandardSupport');
  const unplaced: string[] = [];
  for (const entry of evidence) {
    const urls = urlsIn(entry, 'none');
    if (!urls.length) {
      const named = openStandards.filter((s) => !s.evidenceText && entry.toLowerCase().includes(s.name.toLowerCase()));
      if (named.length === 1) named[0]!.evidenceText = entry;
      else unplaced.push(entry);
      continue;
    }
    for (const url of urls) {
      if (openStandards.some((s) => s.evidenceUrl === url)) continue;
      const without = openStandards.filter((s) => !s.evidenceUrl);
      const named = without.filter((s) => entry.toLowerCase().includes(s.name.toLowerCase()));
      const target = named.length === 1 ? named[0] : openStandards.length === 1 && without.length === 1 ? without[0] : undefined;
      if (target) target.evidenceUrl = url;
      else unplaced.push(entry === url ? url : entry);
    }
  }
  if (openStandards.length) {
    result.openStandards = openStandards;
    c.map('standards.standardsList', 'standards.openStandards');
    if (evidence.length) c.map('standards.evidenceStandardSupport', 'standards.openStandards');
  } else if (c.answer(standards, 'supportStandards', 'standards.supportStandards') !== false) {
    c.gap('standards.openStandards', 'the record lists no standard');
  }
  if (unplaced.length) {
    c.note('standards.evidenceStandardSupport', `${unplaced.length} item(s) not tied to one standard; kept as a comment in the file`);
    c.comment('standards', 'Evidence the former registry gave for the standards as a whole; attach each link to its standard:');
    for (const item of unique(unplaced)) c.comment('standards', `  - ${item.replace(/\s+/g, ' ')}`);
  }

  const bestPractices = evidencedItems(unique(c.texts(standards, 'bestPracticesList', 'standards.bestPracticesList')));
  if (bestPractices.length) {
    result.bestPractices = bestPractices;
    c.map('standards.bestPracticesList', 'standards.bestPractices');
  }
  for (const [key, items] of [
    ['openStandards', openStandards],
    ['bestPractices', bestPractices],
  ] as const) {
    const source = key === 'openStandards' ? 'standards.standardsList' : 'standards.bestPracticesList';
    for (const item of items.filter((i) => NAMED_FROM_SENTENCE.has(i))) {
      c.note(source, `a sentence; named "${item.name}", with the sentence as evidence text: a reviewer may give a better name`);
    }
    const bare = items.filter((item) => !item.evidenceUrl && !item.evidenceText).length;
    if (bare) c.gap(`standards.${key}[].evidence`, `${bare} item(s) with neither an evidence link nor an explanation`);
  }
  out.standards = result;
}

function convertDoNoHarm(c: Converter, out: Record<string, unknown>): boolean | undefined {
  c.record('doNoHarm');
  const result: Record<string, unknown> = {};

  const prevent = c.record('doNoHarm.preventHarm');
  const steps = text(prevent.additionalInfoMechanismProcessesPolicies);
  c.put(
    result,
    'preventionSteps',
    steps,
    'doNoHarm.preventHarm.additionalInfoMechanismProcessesPolicies',
    'doNoHarm.preventionSteps',
    'the record describes no step to prevent harm',
  );
  if (c.answer(prevent, 'stepsToPreventHarm', 'doNoHarm.preventHarm.stepsToPreventHarm') === false) {
    c.note('doNoHarm.preventHarm.stepsToPreventHarm', 'answered No');
  }

  // 9a: the old question was "does it collect or store PII?" and could not tell the two apart, so a
  // yes becomes "stored" (or "distributed" when shared with third parties), the more demanding level.
  const pii = c.record('doNoHarm.dataPrivacySecurity');
  const a: Record<string, unknown> = {};
  const collectsPii = c.answer(pii, 'collectsPII', 'doNoHarm.dataPrivacySecurity.collectsPII');
  const sharing = c.answer(pii, 'thirdPartyDataSharing', 'doNoHarm.dataPrivacySecurity.thirdPartyDataSharing');
  if (collectsPii === false) a.piiHandling = 'none';
  else if (collectsPii) a.piiHandling = sharing ? 'distributed' : 'stored';
  else c.gap('doNoHarm.dataPrivacySecurity.piiHandling', 'unanswered in the former record');
  if (collectsPii !== undefined)
    c.map('doNoHarm.dataPrivacySecurity.collectsPII + thirdPartyDataSharing', 'doNoHarm.dataPrivacySecurity.piiHandling');
  if (collectsPii) {
    const types = unique(c.texts(pii, 'typesOfDataCollected', 'doNoHarm.dataPrivacySecurity.typesOfDataCollected'));
    c.put(
      a,
      'piiTypes',
      types,
      'doNoHarm.dataPrivacySecurity.typesOfDataCollected',
      'doNoHarm.dataPrivacySecurity.piiTypes',
      'personal data is collected but its types are not listed',
    );
    c.put(
      a,
      'thirdPartySharing',
      sharing,
      'doNoHarm.dataPrivacySecurity.thirdPartyDataSharing',
      'doNoHarm.dataPrivacySecurity.thirdPartySharing',
      'unanswered in the former record',
    );
    const circumstances = c.texts(pii, 'dataSharingCircumstances', 'doNoHarm.dataPrivacySecurity.dataSharingCircumstances');
    if (sharing && circumstances.length) {
      a.sharingCircumstances = circumstances.join('\n');
      c.map('doNoHarm.dataPrivacySecurity.dataSharingCircumstances', 'doNoHarm.dataPrivacySecurity.sharingCircumstances');
    } else if (sharing)
      c.gap('doNoHarm.dataPrivacySecurity.sharingCircumstances', 'shared with third parties, but the circumstances are not described');
    else if (circumstances.length)
      c.note('doNoHarm.dataPrivacySecurity.dataSharingCircumstances', 'dropped: the record says personal data is not shared');
    const safeguards = text(pii.privacySecurityDescription);
    c.put(
      a,
      'safeguards',
      safeguards,
      'doNoHarm.dataPrivacySecurity.privacySecurityDescription',
      'doNoHarm.dataPrivacySecurity.safeguards',
      'personal data is collected but no safeguard is described',
    );
    if (c.answer(pii, 'ensurePrivacySecurity', 'doNoHarm.dataPrivacySecurity.ensurePrivacySecurity') === false) {
      c.note('doNoHarm.dataPrivacySecurity.ensurePrivacySecurity', 'answered No');
    }
  }
  if (asArray(out.categories).includes('ai-model')) c.gap('doNoHarm.dataPrivacySecurity.trainingDataPii', NOT_ASKED);
  result.dataPrivacySecurity = a;

  // 9b: "does it collect, store or distribute content?" did not say which; the record's own words do.
  const content = c.record('doNoHarm.inappropriateIllegalContent');
  const b: Record<string, unknown> = {};
  const handlesContent = c.answer(content, 'collectStoreDistribute', 'doNoHarm.inappropriateIllegalContent.collectStoreDistribute');
  if (handlesContent === false) b.contentHandling = 'none';
  else if (handlesContent) {
    const words = ['type', 'illegalContentDetectionMechanism', 'policyGuidelinesDocumentationLink']
      .flatMap((key) => c.texts(content, key, `doNoHarm.inappropriateIllegalContent.${key}`))
      .join('\n');
    const level = contentLevelFromWords(words);
    b.contentHandling = level.level;
    if (!level.said) {
      c.note(
        'doNoHarm.inappropriateIllegalContent.collectStoreDistribute',
        `answered Yes without saying whether content is distributed; imported as "${level.level}", the weaker level: a reviewer should confirm`,
      );
      c.comment(
        'doNoHarm',
        `Review: 9b was answered "collects, stores or distributes: Yes"; imported as contentHandling: ${level.level}. Confirm the level.`,
      );
    } else
      c.note(
        'doNoHarm.inappropriateIllegalContent.collectStoreDistribute',
        `answered Yes; the record says ${level.said}: imported as "${level.level}"`,
      );
  } else c.gap('doNoHarm.inappropriateContent.contentHandling', 'unanswered in the former record');
  if (handlesContent !== undefined)
    c.map('doNoHarm.inappropriateIllegalContent.collectStoreDistribute', 'doNoHarm.inappropriateContent.contentHandling');
  if (handlesContent) {
    const types = c.texts(content, 'type', 'doNoHarm.inappropriateIllegalContent.type');
    c.put(
      b,
      'contentTypes',
      types,
      'doNoHarm.inappropriateIllegalContent.type',
      'doNoHarm.inappropriateContent.contentTypes',
      'content is handled but its types are not described',
    );
    const policy = text(content.policyGuidelinesDocumentationLink);
    const [policyUrl] = policy ? urlsIn(policy, 'all') : [];
    if (policyUrl) {
      b.policyUrl = policyUrl;
      c.map('doNoHarm.inappropriateIllegalContent.policyGuidelinesDocumentationLink', 'doNoHarm.inappropriateContent.policyUrl');
    } else {
      if (policy) c.note('doNoHarm.inappropriateIllegalContent.policyGuidelinesDocumentationLink', `"${policy}" holds no link; left out`);
      c.gap('doNoHarm.inappropriateContent.policyUrl', 'content is handled but no content policy is linked');
    }
    const moderation = text(content.illegalContentDetectionMechanism);
    c.put(
      b,
      'moderationProcess',
      moderation,
      'doNoHarm.inappropriateIllegalContent.illegalContentDetectionMechanism',
      'doNoHarm.inappropriateContent.moderationProcess',
      'content is handled but no moderation process is described',
    );
    c.gap('doNoHarm.inappropriateContent.responseTime', NOT_ASKED);
    for (const key of ['contentFilter', 'illegalContentDetection']) {
      if (c.answer(content, key, `doNoHarm.inappropriateIllegalContent.${key}`) === false)
        c.note(`doNoHarm.inappropriateIllegalContent.${key}`, 'answered No');
    }
  }
  result.inappropriateContent = b;

  const harassment = c.record('doNoHarm.protectionFromHarassment');
  const h: Record<string, unknown> = {};
  const interaction = c.answer(harassment, 'userInteraction', 'doNoHarm.protectionFromHarassment.userInteraction');
  c.put(
    h,
    'userInteraction',
    interaction,
    'doNoHarm.protectionFromHarassment.userInteraction',
    'doNoHarm.harassmentProtection.userInteraction',
    'unanswered in the former record',
  );
  if (interaction) {
    const protection = c.texts(harassment, 'harassmentProtectionSteps', 'doNoHarm.protectionFromHarassment.harassmentProtectionSteps');
    if (protection.length) {
      h.protectionMeasures = protection.join('\n');
      c.map('doNoHarm.protectionFromHarassment.harassmentProtectionSteps', 'doNoHarm.harassmentProtection.protectionMeasures');
    } else c.gap('doNoHarm.harassmentProtection.protectionMeasures', 'users interact but no protection is described');
    const underage = c.texts(
      harassment,
      'stepsAddressRiskPreventSafetyUnderageUsers',
      'doNoHarm.protectionFromHarassment.stepsAddressRiskPreventSafetyUnderageUsers',
    );
    if (underage.length) {
      h.underageSafety = underage.join('\n');
      c.map('doNoHarm.protectionFromHarassment.stepsAddressRiskPreventSafetyUnderageUsers', 'doNoHarm.harassmentProtection.underageSafety');
    } else c.gap('doNoHarm.harassmentProtection.underageSafety', 'users interact but the safety of underage users is not described');
    for (const key of ['addressSafetySecurityUnderageUsers', 'griefAbuseHarassmentProtection']) {
      if (c.answer(harassment, key, `doNoHarm.protectionFromHarassment.${key}`) === false)
        c.note(`doNoHarm.protectionFromHarassment.${key}`, 'answered No');
    }
  }
  result.harassmentProtection = h;
  out.doNoHarm = result;
  return collectsPii;
}

/** Words that say user content is not made public, or not kept. */
const NOT_DISTRIBUTED =
  /\b(not|never|no(thing)?|none)\b[^.;\n]{0,60}\b(publicly\s+)?(distribut|publish|shared? (publicly|with the public)|made public|public(ly)? (available|accessible|visible))|\bonly (visible|accessible|available) to\b|\bprivate(ly)?\b/i;
const NOT_STORED = /\b(not|never)\b[^.;\n]{0,30}\b(stor|kept|retain|sav)/i;
const DISTRIBUTED =
  /\b(distribut|publish|publicly (available|visible|accessible|shared)|shared? (publicly|with (other )?users|with the public)|made public)/i;

/**
 * The 9b level a Yes to "collects, stores or distributes content?" stands for, from the record's own
 * words; when they do not tell, "stored" — content that is collected is kept — and `said` is empty.
 */
function contentLevelFromWords(words: string): { level: 'collected' | 'stored' | 'distributed'; said?: string } {
  if (NOT_DISTRIBUTED.test(words)) {
    return NOT_STORED.test(words)
      ? { level: 'collected', said: 'content is neither kept nor distributed' }
      : { level: 'stored', said: 'content is not distributed' };
  }
  if (DISTRIBUTED.test(words)) return { level: 'distributed', said: 'content is distributed' };
  return { level: 'stored' };
}

function convertLifecycle(
  c: Converter,
  old: Record<string, unknown>,
  record: DpgaRecord,
  options: ConvertOptions,
  out: Record<string, unknown>,
): string | undefined {
  const written = text(old.stage);
  let stage: string | undefined;
  if (record.excluded) {
    stage = 'delisted';
    c.map(written ? 'stage + excluded-nominees/' : 'excluded-nominees/', 'stage (delisted)');
  } else if (record.archived) {
    stage = 'expired';
    c.map(written ? 'stage + archive/' : 'archive/', 'stage (expired)');
    c.note(
      'stage',
      `the nominee record is in archive/: no longer listed by the former registry${written ? ` (its stage said "${written}")` : ''}; imported as expired`,
    );
  } else if (written) {
    stage = STAGES[written.toLowerCase()];
    if (stage) c.map('stage', `stage (${stage})`);
    else {
      stage = written;
      c.note('stage', `unknown stage "${written}" kept as written, for validation to report`);
    }
  } else c.gap('stage', 'the record has no stage');
  if (stage) out.stage = stage;

  if (stage === 'dpg' || stage === 'expired') {
    // Assessed with the former questionnaire: what later versions of the Standard added is due at the next review.
    out.standardVersion = FORMER_REGISTRY_VERSION;
    c.map(written ? 'stage' : 'excluded-nominees/', `standardVersion (${FORMER_REGISTRY_VERSION}, the former registry's questionnaire)`);
    const review: Record<string, string> = {};
    const date = options.reviewDate ?? options.today;
    if (date) review.date = date;
    else c.gap('review.date', 'the former registry kept no review date (give --review-date to record one)');
    if (!options.reviewDate && options.today) {
      c.note(
        'stage',
        `the former registry kept no review date; recognition is counted from the import, ${options.today} (give --review-date to choose the day)`,
      );
    }
    review.reviewer = options.reviewer ?? FORMER_REGISTRY_REVIEWER;
    if (!options.reviewer)
      c.note('stage', `the former registry kept no reviewer; "${FORMER_REGISTRY_REVIEWER}" recorded (give --reviewer to name one)`);
    out.review = review;
  }
  if (stage === 'delisted') {
    const delisting: Record<string, string> = {};
    const source = asRecord(old.delisting ?? old.exclusion);
    const logged = record.exclusion;
    const date = text(source.date) ?? text(old.excludedDate) ?? text(old.exclusionDate) ?? logged?.date;
    const reason = text(source.reason) ?? text(old.exclusionReason) ?? text(old.reason) ?? logged?.reason;
    if (logged?.date && date === logged.date) c.map(`${logged.log} (${logged.nominee}: Exclusion Date)`, 'delisting.date');
    if (logged?.reason && reason === logged.reason) c.map(`${logged.log} (${logged.nominee}: Reason)`, 'delisting.reason');
    if (logged && !logged.date)
      c.note('delisting', `${logged.log} gives the date "${logged.writtenDate}", which is not a date that can be read`);
    if (date) delisting.date = date;
    else
      c.gap(
        'delisting.date',
        logged
          ? 'the exclusion log gives no readable date'
          : 'neither the former record nor an exclusion log (excluded-nominees/README.md) says when it was excluded',
      );
    if (reason) delisting.reason = reason;
    else
      c.gap(
        'delisting.reason',
        logged
          ? 'the exclusion log gives no reason'
          : 'neither the former record nor an exclusion log (excluded-nominees/README.md) says why it was excluded',
      );
    if (Object.keys(delisting).length) out.delisting = delisting;
  }
  return stage;
}

/** Converts one former registry record (identity plus optional screening) into a nomination. */
export function convertDpgaRecord(record: DpgaRecord, options: ConvertOptions = {}): Conversion {
  if (asRecord(record.nominee) !== record.nominee) {
    throw new RecordError(`${record.nomineeFile}: not a former registry record (expected a JSON object).`);
  }
  if (record.screening !== undefined && asRecord(record.screening) !== record.screening) {
    throw new RecordError(
      `${record.screeningFile ?? record.nomineeFile}: not a former registry screening record (expected a JSON object).`,
    );
  }
  const nominee = asRecord(record.nominee);
  const screening = record.screening === undefined ? undefined : asRecord(record.screening);
  const identity = new Converter(nominee, '');
  const answers = new Converter(screening ?? {}, '');
  const out: Record<string, unknown> = {};
  const fallbackSlug = slugify(record.nomineeFile.replace(/^.*[\\/]/, '').replace(/\.json$/i, '')) || 'record';

  const clear = asRecord(screening?.clearOwnership);
  const explicitAnswer = typeof clear.isOwnershipExplicit === 'string' ? clear.isOwnershipExplicit.trim().toLowerCase() : '';
  const ownershipEvidence = {
    urls: [clear.copyrightURL]
      .flat()
      .filter((u): u is string => typeof u === 'string')
      .flatMap((u) => urlsIn(u, 'all')),
    explicit: explicitAnswer === 'yes' ? true : explicitAnswer === 'no' ? false : undefined,
  };
  const slug = convertIdentity(identity, nominee, fallbackSlug, out, ownershipEvidence);
  convertCountries(answers, screening, out);
  convertSdgs(identity, nominee, out);
  convertLicenses(identity, nominee, out);
  if (screening) {
    const screenedName = text(screening.name);
    if (screenedName && out.name && screenedName !== out.name)
      answers.note('name', `"${screenedName}" differs from the nominee's name "${String(out.name)}"; the nominee's is used`);
    convertOwnership(answers, out);
    convertPlatform(answers, out);
    convertDocumentation(answers, out);
    convertDataExtraction(answers, out);
    // 9a comes first: whether the 2025 privacy answers are needed depends on it.
    const collectsPii = convertDoNoHarm(answers, out);
    convertPrivacy(answers, collectsPii, out);
    convertStandards(answers, out);
  } else {
    for (const field of ['ownership', 'platformIndependence', 'documentation', 'dataExtraction', 'privacy', 'standards', 'doNoHarm']) {
      answers.gap(field, 'the record has no screening answers');
    }
  }
  answers.gap('attestation', 'the former registry kept contacts, not who answered indicators 7 to 9; contacts are not published');
  const stage = convertLifecycle(identity, nominee, record, options, out);

  const ordered: Record<string, unknown> = {};
  for (const [key] of SECTIONS) if (out[key] !== undefined) ordered[key] = out[key];

  const prefixed = (c: Converter, file: string | undefined) => ({
    mapped: c.mapped.map((m) => ({ ...m, from: `${file ? fileLabel(file) + ':' : ''}${m.from}` })),
    notes: c.notes.map((n) => ({ ...n, source: `${file ? fileLabel(file) + ':' : ''}${n.source}` })),
  });
  const a = prefixed(identity, record.nomineeFile);
  const b = prefixed(answers, record.screeningFile);
  const comments = { ...identity.comments };
  for (const [key, lines] of Object.entries(answers.comments)) comments[key] = [...(comments[key] ?? []), ...lines];
  return {
    name: text(nominee.name) ?? fallbackSlug,
    slug,
    stage,
    nomination: ordered,
    mapped: [...a.mapped, ...b.mapped],
    missing: [...identity.missing, ...answers.missing],
    notes: [...a.notes, ...b.notes],
    comments,
  };
}

/** "nominees/x.json" for a path, the way the former registry's layout names it. */
function fileLabel(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.slice(-2).join('/');
}

/** Gaps of one top-level key, as the comment lines written above it. */
function gapLines(conversion: Conversion, key: string): string[] {
  const fields = conversion.missing
    .filter((g) => g.field === key || g.field.startsWith(`${key}.`) || g.field.startsWith(`${key}[`))
    .map((g) => g.field.slice(key.length).replace(/^(\[\])?\./, '') || key);
  return fields.length ? [`Missing from the former record: ${unique(fields).join(', ')}`] : [];
}

/**
 * The nomination as YAML: schema modeline, a comment per indicator section, the gaps of each section
 * in a comment, long texts as folded blocks.
 */
export function nominationYaml(conversion: Conversion, options: { schemaRef?: string; sources?: string[] } = {}): string {
  const sources = options.sources?.length ? ` (${options.sources.join(', ')})` : '';
  const notes: Record<string, string[]> = {};
  for (const [key] of SECTIONS) {
    const extra = [...gapLines(conversion, key), ...(conversion.comments[key] ?? [])];
    if (extra.length) notes[key] = extra;
  }
  return nominationToYaml(conversion.nomination, {
    schemaRef: options.schemaRef ?? SCHEMA_REF,
    header: [`Imported from the former DPG registry${sources}.`],
    notes,
  });
}
