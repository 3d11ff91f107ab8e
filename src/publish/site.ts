import { readFileSync } from 'node:fs';
import { API_ROOT, buildDpgIndex, buildNomineeIndex, buildRecordDocument, jsonText, recordPath, summarise } from './api.js';
import { SITE_CSS } from './assets/site-css.js';
import { SITE_JS } from './assets/site-js.js';
import { renderAtomFeed, renderChangelogPage, type Changelog } from './changelog.js';
import { toDpga } from './compat-dpga.js';
import type { Logo } from './logos.js';
import {
  CSS_PATH,
  FAVICON_PATH,
  FEED_PATH,
  HOW_TO_NOMINATE_PATH,
  JS_PATH,
  renderHowToNominatePage,
  renderIndexPage,
  renderNomineesPage,
  renderRecordPage,
  type SiteContext,
  type SourceRepository,
} from './pages.js';
import type { Selection } from './select.js';
import { RESERVED_SLUGS } from '../util/slug.js';

/** The former registries' layouts `dpg build --compat` can also write. */
export type CompatFormat = 'dpga';

export interface SiteInput {
  selection: Selection;
  changelog: Changelog;
  compat?: CompatFormat;
  /** Public address of the site, ending in "/", for absolute links in the Atom feed. */
  siteUrl?: string;
  /** Logos by slug, resolved at build time (see logos.ts). */
  logos?: ReadonlyMap<string, Logo>;
  /** The repository holding the registry, for links to each record's file. */
  repository?: SourceRepository;
}

export interface PageWeight {
  /** index.html + site.css + site.js, in bytes. */
  front: { total: number; html: number; css: number; js: number };
  /** The largest detail page of a DPG plus site.css (detail pages load no script). */
  detail?: { slug: string; total: number; html: number; css: number };
}

export interface SiteOutput {
  /** Path relative to the output folder → content. */
  files: Map<string, string | Buffer>;
  weight: PageWeight;
  /** Records whose output paths are reserved or collide: the site must not be written. */
  conflicts: string[];
}

/**
 * Every file of the site, claimed by what it is written for. Two claims on one path, also differing
 * only in case or Unicode normalisation (a case-insensitive disk would merge them), or on a path below
 * a file, are conflicts naming both claimants: nothing is ever silently overwritten.
 */
class SiteFiles {
  readonly files = new Map<string, string | Buffer>();
  readonly conflicts: string[] = [];
  private readonly owners = new Map<string, { path: string; owner: string }>();
  private readonly folders = new Map<string, { path: string; owner: string }>();

  add(file: string, content: string | Buffer, owner: string): void {
    const key = file.normalize('NFC').toLowerCase();
    if (file.split('/').some((segment) => segment === '' || segment === '.' || segment === '..') || /[\\\0]/.test(file)) {
      this.conflicts.push(`${owner}: would be published as ${JSON.stringify(file)}, which is not a path inside the site.`);
      return;
    }
    const same = this.owners.get(key);
    if (same) {
      this.conflicts.push(
        `${owner}: would be published as ${file}, as is ${same.owner}${same.path === file ? '' : ` (as ${same.path})`}; neither may overwrite the other.`,
      );
      return;
    }
    const segments = key.split('/');
    const other =
      this.folders.get(key) ??
      segments
        .slice(0, -1)
        .map((_, i) => this.owners.get(segments.slice(0, i + 1).join('/')))
        .find(Boolean);
    if (other) {
      this.conflicts.push(`${owner}: would be published as ${file}, which cannot exist beside ${other.path} (${other.owner}).`);
      return;
    }
    this.owners.set(key, { path: file, owner });
    segments.slice(0, -1).forEach((_, i) => this.folders.set(segments.slice(0, i + 1).join('/'), { path: file, owner }));
    this.files.set(file, content);
  }
}

/**
 * Schemas published with the API (path under api/v1/schema/ → the file shipped with dpg): the
 * nomination format and the API's own documents. One literal URL per file, so bundling can relocate them.
 */
const PUBLISHED_SCHEMAS: ReadonlyArray<[string, URL]> = [
  ['nomination.schema.json', new URL('../../schemas/nomination.schema.json', import.meta.url)],
  ['index.schema.json', new URL('../../schemas/api/index.schema.json', import.meta.url)],
  ['nominee-index.schema.json', new URL('../../schemas/api/nominee-index.schema.json', import.meta.url)],
  ['record.schema.json', new URL('../../schemas/api/record.schema.json', import.meta.url)],
  ['compat-dpga-nominee.schema.json', new URL('../../schemas/api/compat-dpga-nominee.schema.json', import.meta.url)],
  ['compat-dpga-screening.schema.json', new URL('../../schemas/api/compat-dpga-screening.schema.json', import.meta.url)],
];

function bytes(text: string | Buffer): number {
  return typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : text.length;
}

/** When each slug's file first appeared in the registry (YYYY-MM-DD), from the changelog. */
function addedDates(changelog: Changelog): Map<string, string> {
  const added = new Map<string, string>();
  if (!changelog.available) return added;
  // Newest commit first: the last "added" seen is the oldest, the day the record first came in.
  for (const commit of changelog.commits) {
    for (const change of commit.changes) if (change.kind === 'added') added.set(change.slug, commit.date.slice(0, 10));
  }
  return added;
}

const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0a4fb0"/><g fill="none" stroke="#fff" stroke-width="2"><circle cx="16" cy="16" r="9"/><path d="M7 16h18M16 7c-4.5 5-4.5 13 0 18M16 7c4.5 5 4.5 13 0 18"/></g></svg>\n';

/** Renders every file of the site. Pure apart from reading the schemas shipped with dpg. */
export function renderSite(input: SiteInput): SiteOutput {
  const { selection, changelog } = input;
  const site = new SiteFiles();
  const logos = input.logos ?? new Map<string, Logo>();
  const context: SiteContext = {
    feed: changelog.available,
    ...(changelog.available ? { commit: changelog.head } : {}),
    logos,
    added: addedDates(changelog),
    ...(input.repository ? { repository: input.repository } : {}),
  };

  const dpgSummaries = selection.dpgs.map((r) => summarise(r, 'dpg'));
  const nomineeSummaries = selection.nominees.map((r) => summarise(r, 'nominee'));
  const index = buildDpgIndex(dpgSummaries, nomineeSummaries.length);

  site.add(`${API_ROOT}/index.json`, jsonText(index), 'the index of DPGs');
  site.add(`${API_ROOT}/nominees/index.json`, jsonText(buildNomineeIndex(nomineeSummaries)), 'the index of nominees');
  for (const [name, url] of PUBLISHED_SCHEMAS) site.add(`${API_ROOT}/schema/${name}`, readFileSync(url, 'utf8'), `the schema ${name}`);
  site.add('index.html', '', 'the front page');
  site.add('nominees/index.html', '', 'the page of nominees');
  site.add('changelog/index.html', '', 'the changelog page');
  if (changelog.available) site.add(FEED_PATH, '', 'the Atom feed');
  site.add(CSS_PATH, SITE_CSS, 'the stylesheet');
  site.add(JS_PATH, SITE_JS, 'the script');
  site.add(FAVICON_PATH, FAVICON, 'the site icon');
  site.add(HOW_TO_NOMINATE_PATH, renderHowToNominatePage(context), 'the page on how to nominate');

  const pages = new Map<string, string>();
  for (const [kind, records, summaries] of [
    ['dpg', selection.dpgs, dpgSummaries],
    ['nominee', selection.nominees, nomineeSummaries],
  ] as const) {
    records.forEach((record, i) => {
      const summary = summaries[i]!;
      if (RESERVED_SLUGS.has(record.slug.toLowerCase())) {
        site.conflicts.push(
          `${record.file}: "${record.slug}" is a name the site and its API use for their own files; rename the file (and the name it is the slug of).`,
        );
        return;
      }
      site.add(recordPath(kind, record.slug), jsonText(buildRecordDocument(record, kind)), record.file);
      site.add(summary.page, renderRecordPage(record, summary, kind, context), record.file);
      const logo = logos.get(record.slug);
      if (logo?.kind === 'file') site.add(logo.path, logo.bytes, `${record.file} (its logo)`);
      pages.set(record.slug, summary.page);
      if (input.compat === 'dpga') {
        const exported = toDpga(record);
        site.add(`${API_ROOT}/compat/dpga/nominees/${record.slug}.json`, jsonText(exported.nominee), record.file);
        site.add(`${API_ROOT}/compat/dpga/digitalpublicgoods/${record.slug}.json`, jsonText(exported.screening), record.file);
      }
    });
  }

  // Claimed above, before the records; their content needs every record's page.
  const files = site.files;
  files.set('index.html', renderIndexPage(index, context));
  files.set('nominees/index.html', renderNomineesPage(nomineeSummaries, context));
  files.set('changelog/index.html', renderChangelogPage(changelog, pages, context));
  if (changelog.available) files.set(FEED_PATH, renderAtomFeed(changelog, pages, input.siteUrl));

  const css = bytes(SITE_CSS);
  const front = { html: bytes(files.get('index.html')!), css, js: bytes(SITE_JS) };
  let detail: PageWeight['detail'];
  for (const summary of dpgSummaries) {
    const page = files.get(summary.page);
    if (page === undefined) continue;
    const html = bytes(page);
    if (!detail || html > detail.html) detail = { slug: summary.slug, html, css, total: html + css };
  }
  const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    files: sorted,
    weight: { front: { ...front, total: front.html + front.css + front.js }, ...(detail ? { detail } : {}) },
    conflicts: site.conflicts,
  };
}
