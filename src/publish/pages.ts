import { indicatorTitle } from '../core/indicators.js';
import { asArray, asRecord, asString, asStrings } from '../core/nomination.js';
import type { IndicatorId } from '../core/types.js';
import { showControlsInLines } from '../util/visible-text.js';
import { countriesOf, type DpgIndex, type DueAnswer, type RecordSummary } from './api.js';
import { escapeHtml as esc, externalLink, safeHref } from './html.js';
import { sdgLabel } from './sdgs.js';
import type { PublishedRecord } from './select.js';

/**
 * The static website: a list page with filters, a page per DPG and nominee, and the changelog page.
 * Every value from a nomination goes through `esc` or `externalLink`; links between pages are
 * relative, so the site works under any sub-path (GitHub Pages project sites) and from any host.
 */

export const SITE_NAME = 'Digital Public Goods registry';
export const CSS_PATH = 'assets/site.css';
export const JS_PATH = 'assets/site.js';
export const FEED_PATH = 'changelog.atom';

/** Inline scripts and styles are refused: the only script and stylesheet are our own files. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

type Section = 'dpgs' | 'nominees' | 'changelog';

interface PageOptions {
  title: string;
  /** How many folders below the site root the page is (index.html: 0, dpgs/x/index.html: 2). */
  depth: number;
  section: Section;
  body: string;
  description?: string;
  script?: boolean;
  /** Whether changelog.atom exists. */
  feed: boolean;
  /** Commit the site was built from, shown in the footer. */
  commit?: string;
  /** The page is its section's own list page, not a page within the section. */
  sectionIndex?: boolean;
}

const NAV: ReadonlyArray<[Section, string, string]> = [
  ['dpgs', 'index.html', 'Digital public goods'],
  ['nominees', 'nominees/index.html', 'Nominees'],
  ['changelog', 'changelog/index.html', 'Changes'],
];

export function layout(options: PageOptions): string {
  const root = '../'.repeat(options.depth);
  const nav = NAV.map(([section, href, label]) =>
    `<li><a href="${root}${href}"${section === options.section ? ` aria-current="${options.sectionIndex ? 'page' : 'true'}"` : ''}>${label}</a></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${esc(options.title)}</title>
${options.description ? `<meta name="description" content="${esc(options.description)}">\n` : ''}<link rel="stylesheet" href="${root}${CSS_PATH}">
${options.feed ? `<link rel="alternate" type="application/atom+xml" title="${SITE_NAME}: changes" href="${root}${FEED_PATH}">\n` : ''}${options.script ? `<script src="${root}${JS_PATH}" defer></script>\n` : ''}</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<p class="site-title"><a href="${root}index.html">${SITE_NAME}</a></p>
<nav aria-label="Site"><ul>${nav}</ul></nav>
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
<footer class="site-footer">
<p>Data: <a href="${root}api/v1/index.json">JSON API</a> (<a href="${root}api/v1/schema/nomination.schema.json">nomination schema</a>)${options.feed ? ` · <a href="${root}${FEED_PATH}">Atom feed of changes</a>` : ''}${options.commit ? ` · built from commit <code>${esc(options.commit.slice(0, 12))}</code>` : ''}</p>
</footer>
</body>
</html>
`;
}

function list(items: string[], className?: string): string {
  return items.length ? `<ul${className ? ` class="${className}"` : ''}>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p class="none">None given.</p>';
}

function tags(values: readonly string[]): string {
  return values.length ? `<ul class="tags">${values.map((v) => `<li>${esc(v)}</li>`).join('')}</ul>` : '<span class="none">none</span>';
}

function text(value: unknown): string {
  const t = asString(value);
  return t && t.trim() ? `<p class="text">${esc(t)}</p>` : '';
}

function urls(value: unknown): string {
  return list(asStrings(value).map((u) => externalLink(u)));
}

function yesNo(value: unknown): string {
  return value === true ? 'yes' : value === false ? 'no' : 'not stated';
}

function facts(rows: Array<[string, string | undefined]>): string {
  const shown = rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
  return shown.length ? `<dl class="facts">${shown.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>` : '';
}

/** A list item for the list pages; the data-* attributes feed the filters (JSON lists, escaped). */
function card(summary: RecordSummary, depth: number, headingLevel: 2 | 3): string {
  const root = '../'.repeat(depth);
  const countries = countriesOf(summary);
  const search = [summary.name, ...summary.aliases, summary.description, ...summary.organizations, ...summary.sectors, ...countries, ...summary.licenses, ...summary.categories].join(' ');
  // Values shown as the filters' options show them, so that the script matches one with the other.
  const data = (key: string, values: ReadonlyArray<string | number>) => ` data-${key}="${esc(JSON.stringify(values.map((v) => showControlsInLines(String(v)))))}"`;
  const h = `h${headingLevel}`;
  return `<li class="card"${data('sdgs', summary.sdgs)}${data('categories', summary.categories)}${data('licenses', summary.licenses)}${data('sectors', summary.sectors)}${data('countries', countries)} data-search="${esc(search)}">
<${h}><a href="${root}${summary.page}">${esc(summary.name)}</a></${h}>
<p>${esc(summary.description)}</p>
${facts([
    ['Category', esc(summary.categories.join(', '))],
    ['SDGs', summary.sdgs.map((g) => `<abbr title="${esc(sdgLabel(g))}">${g}</abbr>`).join(', ')],
    ['Licence', esc(summary.licenses.join(', '))],
    ['Sectors', esc(summary.sectors.join(', '))],
    ['Countries', countries.length ? esc(countries.length > 6 ? `${countries.slice(0, 6).join(', ')} and ${countries.length - 6} more` : countries.join(', ')) : undefined],
  ])}
</li>`;
}

function select(name: string, facet: string, label: string, allLabel: string, options: Array<[string, string]>): string {
  const id = `filter-${name}`;
  return `<div><label for="${id}">${label}</label><select id="${id}" name="${name}" data-facet="${facet}"><option value="">${allLabel}</option>${options
    .map(([value, text]) => `<option value="${esc(value)}">${esc(text)}</option>`).join('')}</select></div>`;
}

function options(tally: Record<string, number>, label: (value: string) => string = (v) => v): Array<[string, string]> {
  return Object.entries(tally).map(([value, n]) => [value, `${label(value)} (${n})`]);
}

export interface SiteContext {
  feed: boolean;
  commit?: string;
}

export function renderIndexPage(index: DpgIndex, context: SiteContext): string {
  const count = `${index.count} digital public good${index.count === 1 ? '' : 's'}`;
  const body = `<h1>Digital public goods</h1>
<p class="lead">${count} recognised under the <a href="https://digitalpublicgoods.net/standard/">DPG Standard</a>, and <a href="nominees/index.html">${index.nomineeCount} nominee${index.nomineeCount === 1 ? '' : 's'} under review</a>.</p>
<form id="filters" class="filters" role="search" aria-label="Filter digital public goods" hidden>
<div class="search"><label for="filter-q">Search by name, description, organisation or place</label><input id="filter-q" name="q" type="search" autocomplete="off"></div>
${select('sdg', 'sdgs', 'SDG', 'All SDGs', options(index.counts.sdgs, (g) => sdgLabel(Number(g))))}
${select('category', 'categories', 'Category', 'All categories', options(index.counts.categories))}
${select('license', 'licenses', 'Licence', 'All licences', options(index.counts.licenses))}
${select('sector', 'sectors', 'Sector', 'All sectors', options(index.counts.sectors))}
${select('country', 'countries', 'Country', 'All countries', options(index.counts.countries))}
<div><button type="reset">Clear filters</button></div>
</form>
<p id="result-count" class="count" role="status">Showing all ${count}</p>
<ul id="dpg-list" class="cards" data-noun="digital public goods">
${index.dpgs.map((d) => card(d, 0, 2)).join('\n')}
</ul>
<p id="no-results" hidden>No digital public good matches these filters. <a href="index.html">Show all</a>.</p>`;
  return layout({ title: SITE_NAME, depth: 0, section: 'dpgs', sectionIndex: true, body, script: true, description: `${count} recognised under the DPG Standard.`, ...context });
}

export function renderNomineesPage(nominees: readonly RecordSummary[], context: SiteContext): string {
  const body = `<h1>Nominees under review</h1>
<p class="lead">${nominees.length} nomination${nominees.length === 1 ? '' : 's'} submitted and not yet decided. A nominee is not a digital public good until its review is complete.</p>
${nominees.length ? `<ul class="cards">\n${nominees.map((n) => card(n, 1, 2)).join('\n')}\n</ul>` : '<p class="none">No nomination is under review.</p>'}`;
  return layout({ title: `Nominees — ${SITE_NAME}`, depth: 1, section: 'nominees', sectionIndex: true, body, ...context });
}

function evidenced(items: unknown): string {
  return list(asArray(items).map(asRecord).map((item) => {
    const link = item.evidenceUrl !== undefined ? `<p>Evidence: ${externalLink(item.evidenceUrl)}</p>` : '';
    return `<strong>${esc(item.name)}</strong>${text(item.evidenceText)}${link}`;
  }), 'evidence');
}

/** The evidence a nomination gives for one indicator. */
function indicatorEvidence(id: IndicatorId, data: Record<string, unknown>): string {
  switch (id) {
    case '1':
      return list(asArray(data.sdgs).map(asRecord).map((sdg) => {
        const goal = typeof sdg.goal === 'number' ? sdg.goal : Number(sdg.goal);
        const link = sdg.evidenceUrl !== undefined ? `<p>Evidence: ${externalLink(sdg.evidenceUrl)}</p>` : '';
        return `<strong>${esc(sdgLabel(goal))}</strong>${text(sdg.evidenceText)}${link}`;
      }), 'evidence');
    case '2':
      return list(asArray(data.licenses).map(asRecord).map((license) => {
        const covers = asStrings(license.covers);
        return `<strong>${esc(license.spdx)}</strong>${covers.length ? ` (covers ${esc(covers.join(', '))})` : ''}`
          + `<p>Evidence: ${license.evidenceUrl !== undefined ? externalLink(license.evidenceUrl) : '<span class="none">none given</span>'}</p>`;
      }), 'evidence');
    case '3': {
      const ownership = asRecord(data.ownership);
      const owners = asArray(data.organizations).map(asRecord).filter((o) => asArray(o.roles).includes('owner')).map((o) => esc(o.name));
      return facts([
        ['Owner', owners.join(', ') || '<span class="none">not listed</span>'],
        ['Owner type', esc(ownership.ownerType)],
        ['Owns all components', yesNo(ownership.ownsAllComponents)],
      ]) + '<h4>Ownership evidence</h4>' + urls(ownership.evidenceUrls)
        + (ownership.redistributionEvidence !== undefined ? `<h4>Right to redistribute</h4>${text(ownership.redistributionEvidence)}` : '');
    }
    case '4': {
      const platform = asRecord(data.platformIndependence);
      return facts([
        ['Core dependencies', esc(asStrings(platform.coreDependencies).join(', '))],
        ['Closed components', yesNo(platform.hasClosedComponents)],
      ]) + (platform.openAlternatives !== undefined ? `<h4>Open alternatives</h4>${text(platform.openAlternatives)}` : '');
    }
    case '5': {
      const documentation = asRecord(data.documentation);
      return urls(documentation.urls) + text(documentation.notes);
    }
    case '6': {
      const extraction = asRecord(data.dataExtraction);
      return facts([
        ['Handles non-personal data', yesNo(extraction.handlesNonPii)],
        ['Formats', esc(asStrings(extraction.formats).join(', '))],
      ]) + (extraction.mechanism !== undefined ? `<h4>Export mechanism</h4>${text(extraction.mechanism)}` : '');
    }
    case '7': {
      const privacy = asRecord(data.privacy);
      const pii = asRecord(privacy.piiRequirements);
      const answers = privacy.piiRequirements === undefined ? '' : '<h4>Personal data (2025 requirements)</h4>' + facts([
        ['Minimal', `${yesNo(pii.isMinimal)}${text(pii.minimisationExplanation)}`],
        ['Consent notice', text(pii.consentNotice)],
        ['Privacy policy', externalLink(pii.policyUrl)],
        ['Where processed', text(pii.processing)],
        ['Deletion', text(pii.deletion)],
      ]);
      return facts([['Laws', esc(asStrings(privacy.laws).join(', '))]])
        + '<h4>Privacy evidence</h4>' + urls(privacy.evidenceUrls)
        + (asStrings(privacy.adherenceSteps).length ? `<h4>Steps to comply</h4>${list(asStrings(privacy.adherenceSteps).map(esc))}` : '')
        + answers;
    }
    case '8': {
      const standards = asRecord(data.standards);
      return `<h4>Open standards</h4>${evidenced(standards.openStandards)}<h4>Best practices</h4>${evidenced(standards.bestPractices)}`;
    }
    case '9':
      return text(asRecord(data.doNoHarm).preventionSteps);
    case '9a': {
      const a = asRecord(asRecord(data.doNoHarm).dataPrivacySecurity);
      return facts([
        ['Personal data', esc(a.piiHandling)],
        ['Types', esc(asStrings(a.piiTypes).join('; '))],
        ['Shared with third parties', a.thirdPartySharing === undefined ? undefined : yesNo(a.thirdPartySharing)],
        ['When shared', text(a.sharingCircumstances) || undefined],
        ['Safeguards', text(a.safeguards) || undefined],
        ['Personal data in training data', a.trainingDataPii === undefined ? undefined : yesNo(a.trainingDataPii)],
      ]);
    }
    case '9b': {
      const b = asRecord(asRecord(data.doNoHarm).inappropriateContent);
      return facts([
        ['User content', esc(b.contentHandling)],
        ['Types', esc(asStrings(b.contentTypes).join('; '))],
        ['Content policy', b.policyUrl === undefined ? undefined : externalLink(b.policyUrl)],
        ['Moderation', text(b.moderationProcess) || undefined],
        ['Response time', b.responseTime === undefined ? undefined : esc(b.responseTime)],
      ]);
    }
    case '9c': {
      const c = asRecord(asRecord(data.doNoHarm).harassmentProtection);
      return facts([
        ['Users interact', yesNo(c.userInteraction)],
        ['Protection', text(c.protectionMeasures) || undefined],
        ['Underage users', text(c.underageSafety) || undefined],
      ]);
    }
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What an indicator owes at the next review: shown beside its evidence, as a note rather than a failure. */
function dueNote(items: readonly DueAnswer[], level: 3 | 4 | 5): string {
  if (!items.length) return '';
  const by = items[0]!.by;
  return `<div class="due" role="note">
<h${level}>Due at renewal${by ? `, by ${esc(by)}` : ''}</h${level}>
${list(items.map((d) => `${esc(d.message)} <span class="none">(asked since Standard ${esc(d.since)}; ${esc(d.rule)})</span>`))}
</div>`;
}

function indicatorSections(data: Record<string, unknown>, due: readonly DueAnswer[]): string {
  const section = (id: IndicatorId, level: 3 | 4, inner = '') => `<section class="indicator" aria-labelledby="indicator-${id}">
<h${level} id="indicator-${id}">${id}. ${esc(indicatorTitle(id))}</h${level}>
${indicatorEvidence(id, data)}${dueNote(due.filter((d) => d.indicator === id), level === 3 ? 4 : 5)}${inner}
</section>`;
  // Indicator 9 holds 9a–9c, whose headings sit one level below its own.
  const harm = (['9a', '9b', '9c'] as const).map((id) => section(id, 4)).join('\n');
  return [...(['1', '2', '3', '4', '5', '6', '7', '8'] as const).map((id) => section(id, 3)), section('9', 3, `\n${harm}`)].join('\n');
}

/**
 * The answers a DPG assessed under an older version of the Standard owes at its renewal, by indicator,
 * linked to the indicators' sections; answers about the record as a whole are listed here in full.
 */
function dueSummary(due: readonly DueAnswer[], expires: string | undefined): string {
  if (!due.length) return '';
  const versions = [...new Set(due.map((d) => d.since))].join(', ');
  const assessed = [...new Set(due.map((d) => d.assessedUnder))].join(', ');
  const indicators = [...new Set(due.flatMap((d) => (d.indicator ? [d.indicator] : [])))]
    .map((id) => `<a href="#indicator-${id}">${id}</a>`);
  const general = due.filter((d) => d.indicator === null);
  return `\n<div class="due" role="note" id="due-at-renewal">
<h2>Due at renewal${expires ? `, by ${esc(expires)}` : ''}</h2>
<p>Assessed under version ${esc(assessed)} of the DPG Standard. At its renewal it owes ${plural(due.length, 'answer')} that version ${esc(versions)} asks for${indicators.length ? `, on ${indicators.length === 1 ? 'indicator' : 'indicators'} ${indicators.join(', ')}` : ''}. Its recognition stands until then.</p>
${general.length ? list(general.map((d) => `${esc(d.message)} <span class="none">(${esc(d.rule)})</span>`)) : ''}</div>`;
}

export function renderRecordPage(record: PublishedRecord, summary: RecordSummary, kind: 'dpg' | 'nominee', context: SiteContext): string {
  const data = record.data;
  const root = '../../';
  const review = asRecord(data.review);
  const organizations = asArray(data.organizations).map(asRecord).map((o) => {
    const roles = asStrings(o.roles);
    return `${o.website !== undefined && safeHref(o.website) ? externalLink(o.website, asString(o.name) ?? String(o.website)) : esc(o.name)}`
      + `${roles.length ? ` — ${esc(roles.join(', '))}` : ''}${o.country !== undefined ? ` (${esc(o.country)})` : ''}`;
  });
  const repositories = asArray(data.repositories).map(asRecord).map((r) => `${r.name !== undefined ? `${esc(r.name)}: ` : ''}${externalLink(r.url)}`);
  const status = kind === 'dpg'
    ? `<p><span class="status">Digital public good</span> Reviewed ${esc(record.reviewDate)}${review.reviewer !== undefined ? ` by ${esc(review.reviewer)}` : ''}; recognised until ${esc(record.expires)}.</p>`
      + dueSummary(summary.dueAtRenewal, record.expires)
    : '<p><span class="status review">Nominee under review</span> Not yet recognised as a digital public good.</p>';
  const body = `<p><a href="${root}${kind === 'dpg' ? 'index.html' : 'nominees/index.html'}">${kind === 'dpg' ? 'All digital public goods' : 'All nominees'}</a></p>
<h1>${esc(summary.name)}</h1>
${status}
<p class="lead">${esc(summary.description)}</p>
${facts([
    ['Website', summary.website === null ? undefined : externalLink(summary.website)],
    ['Also known as', summary.aliases.length ? esc(summary.aliases.join(', ')) : undefined],
    ['Categories', tags(summary.categories)],
    ['SDGs', tags(summary.sdgs.map(sdgLabel))],
    ['Licences', tags(summary.licenses)],
    ['Sectors', tags(summary.sectors)],
    ['Record', `<a href="${root}${summary.record}">JSON</a>`],
  ])}
<h2>Organisations</h2>
${list(organizations)}
<h2>Repositories</h2>
${list(repositories)}
<h2>Countries</h2>
${facts([['Developed in', tags(summary.countries.development)], ['Deployed in', tags(summary.countries.deployment)]])}
<h2>Evidence by indicator</h2>
${indicatorSections(data, summary.dueAtRenewal)}`;
  return layout({
    title: `${summary.name} — ${SITE_NAME}`, depth: 2, section: kind === 'dpg' ? 'dpgs' : 'nominees', body,
    description: summary.description.slice(0, 300), ...context,
  });
}

