import { readFileSync } from 'node:fs';
import {
  API_ROOT, buildDpgIndex, buildNomineeIndex, buildRecordDocument, jsonText, recordPath, summarise,
} from './api.js';
import { SITE_CSS } from './assets/site-css.js';
import { SITE_JS } from './assets/site-js.js';
import { renderAtomFeed, renderChangelogPage, type Changelog } from './changelog.js';
import { toDpga } from './compat-dpga.js';
import { CSS_PATH, FEED_PATH, JS_PATH, renderIndexPage, renderNomineesPage, renderRecordPage, type SiteContext } from './pages.js';
import type { Selection } from './select.js';

export const COMPAT_FORMATS = ['dpga'] as const;
export type CompatFormat = (typeof COMPAT_FORMATS)[number];

export interface SiteInput {
  selection: Selection;
  changelog: Changelog;
  compat?: CompatFormat;
  /** Public address of the site, ending in "/", for absolute links in the Atom feed. */
  siteUrl?: string;
}

export interface PageWeight {
  /** index.html + site.css + site.js, in bytes. */
  front: { total: number; html: number; css: number; js: number };
  /** The largest detail page of a DPG plus site.css (detail pages load no script). */
  detail?: { slug: string; total: number; html: number; css: number };
}

export interface SiteOutput {
  /** Path relative to the output folder → content. */
  files: Map<string, string>;
  weight: PageWeight;
}

/**
 * Schemas published with the API (path under api/v1/schema/ → the file shipped with dpg): the
 * nomination format and the API's own documents. One literal URL per file, so bundling can relocate them.
 */
export const PUBLISHED_SCHEMAS: ReadonlyArray<[string, URL]> = [
  ['nomination.schema.json', new URL('../../schemas/nomination.schema.json', import.meta.url)],
  ['index.schema.json', new URL('../../schemas/api/index.schema.json', import.meta.url)],
  ['nominee-index.schema.json', new URL('../../schemas/api/nominee-index.schema.json', import.meta.url)],
  ['record.schema.json', new URL('../../schemas/api/record.schema.json', import.meta.url)],
  ['compat-dpga-nominee.schema.json', new URL('../../schemas/api/compat-dpga-nominee.schema.json', import.meta.url)],
  ['compat-dpga-screening.schema.json', new URL('../../schemas/api/compat-dpga-screening.schema.json', import.meta.url)],
];

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Renders every file of the site. Pure apart from reading the schemas shipped with dpg. */
export function renderSite(input: SiteInput): SiteOutput {
  const { selection, changelog } = input;
  const files = new Map<string, string>();
  const context: SiteContext = { feed: changelog.available, ...(changelog.available ? { commit: changelog.head } : {}) };

  const dpgSummaries = selection.dpgs.map((r) => summarise(r, 'dpg'));
  const nomineeSummaries = selection.nominees.map((r) => summarise(r, 'nominee'));
  const index = buildDpgIndex(dpgSummaries, nomineeSummaries.length);

  files.set(`${API_ROOT}/index.json`, jsonText(index));
  files.set(`${API_ROOT}/nominees/index.json`, jsonText(buildNomineeIndex(nomineeSummaries)));
  for (const [name, url] of PUBLISHED_SCHEMAS) files.set(`${API_ROOT}/schema/${name}`, readFileSync(url, 'utf8'));

  const pages = new Map<string, string>();
  for (const [kind, records, summaries] of [['dpg', selection.dpgs, dpgSummaries], ['nominee', selection.nominees, nomineeSummaries]] as const) {
    records.forEach((record, i) => {
      const summary = summaries[i]!;
      files.set(recordPath(kind, record.slug), jsonText(buildRecordDocument(record, kind)));
      files.set(summary.page, renderRecordPage(record, summary, kind, context));
      pages.set(record.slug, summary.page);
      if (input.compat === 'dpga') {
        const exported = toDpga(record);
        files.set(`${API_ROOT}/compat/dpga/nominees/${record.slug}.json`, jsonText(exported.nominee));
        files.set(`${API_ROOT}/compat/dpga/digitalpublicgoods/${record.slug}.json`, jsonText(exported.screening));
      }
    });
  }

  files.set('index.html', renderIndexPage(index, context));
  files.set('nominees/index.html', renderNomineesPage(nomineeSummaries, context));
  files.set('changelog/index.html', renderChangelogPage(changelog, pages, context));
  if (changelog.available) files.set(FEED_PATH, renderAtomFeed(changelog, pages, input.siteUrl));
  files.set(CSS_PATH, SITE_CSS);
  files.set(JS_PATH, SITE_JS);

  const css = bytes(SITE_CSS);
  const front = { html: bytes(files.get('index.html')!), css, js: bytes(SITE_JS) };
  let detail: PageWeight['detail'];
  for (const summary of dpgSummaries) {
    const html = bytes(files.get(summary.page)!);
    if (!detail || html > detail.html) detail = { slug: summary.slug, html, css, total: html + css };
  }
  const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { files: sorted, weight: { front: { ...front, total: front.html + front.css + front.js }, ...(detail ? { detail } : {}) } };
}
