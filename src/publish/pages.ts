import { INDICATOR_ORDER, indicatorTitle } from '../core/indicators.js';
import { asArray, asRecord, asString, asStrings } from '../core/nomination.js';
import type { IndicatorId, IndicatorStatus } from '../core/types.js';
import { showControlsInLines } from '../util/visible-text.js';
import { countriesOf, type DpgIndex, type DueAnswer, type RecordSummary } from './api.js';
import { escapeHtml as esc, externalLink, safeHref } from './html.js';
import { LOGO_BOX, type Logo } from './logos.js';
import { sdgLabel, sdgShortName } from './sdgs.js';
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
function contentSecurityPolicy(imageOrigins: readonly string[]): string {
  const images = ["'self'", ...imageOrigins].join(' ');
  return `default-src 'none'; script-src 'self'; style-src 'self'; img-src ${images}; connect-src 'self'; base-uri 'none'; form-action 'none'`;
}

type Section = 'dpgs' | 'nominees' | 'changelog' | 'how-to-nominate' | 'nominate';

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
  /** https origins of the logos the page shows from their own sites (added to img-src, nothing else). */
  imageOrigins?: readonly string[];
}

export const FAVICON_PATH = 'assets/favicon.svg';
export const HOW_TO_NOMINATE_PATH = 'how-to-nominate/index.html';
/** Built apart from this page set; the navigation links to it and no record may take its name. */
const NOMINATE_PATH = 'nominate/index.html';

const NAV: ReadonlyArray<[Section, string, string]> = [
  ['dpgs', 'index.html', 'Digital public goods'],
  ['nominees', 'nominees/index.html', 'Nominees'],
  ['changelog', 'changelog/index.html', 'Changes'],
  ['how-to-nominate', HOW_TO_NOMINATE_PATH, 'How to nominate'],
  ['nominate', NOMINATE_PATH, 'Nominate'],
];

export function layout(options: PageOptions): string {
  const root = '../'.repeat(options.depth);
  const nav = NAV.map(
    ([section, href, label]) =>
      `<li${section === 'nominate' ? ' class="nav-action"' : ''}><a href="${root}${href}"${section === options.section ? ` aria-current="${options.sectionIndex ? 'page' : 'true'}"` : ''}>${label}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(options.imageOrigins ?? [])}">
<title>${esc(options.title)}</title>
${options.description ? `<meta name="description" content="${esc(options.description)}">\n` : ''}<link rel="icon" type="image/svg+xml" href="${root}${FAVICON_PATH}">
<link rel="stylesheet" href="${root}${CSS_PATH}">
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
  return items.length
    ? `<ul${className ? ` class="${className}"` : ''}>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`
    : '<p class="none">None given.</p>';
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

/** Values as one list each, so a name holding a comma ("Moldova, Republic of") never reads as two. */
function inline(values: readonly string[], limit = Infinity): string {
  const shown = values.slice(0, limit).map((v) => `<li>${esc(v)}</li>`);
  if (values.length > limit) shown.push(`<li>and ${values.length - limit} more</li>`);
  return `<ul class="inline">${shown.join('')}</ul>`;
}

const MONOGRAM_COLOURS = 8;

/** Up to two initials of the name, on one of a few colours chosen by the slug, for a solution without a logo. */
function monogram(summary: RecordSummary): string {
  const words = summary.name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const initials = (words.length > 1 ? [words[0]!, words[1]!] : [words[0] ?? '?']).map((w) => [...w][0]!.toUpperCase()).join('');
  let hash = 0;
  for (const c of summary.slug) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `<span class="logo monogram mono-${hash % MONOGRAM_COLOURS}" aria-hidden="true">${esc(initials)}</span>`;
}

/** The solution's logo (decorative: its name is always beside it), or its monogram. */
function logoHtml(summary: RecordSummary, logo: Logo | undefined, root: string): string {
  if (!logo) return monogram(summary);
  if (logo.kind === 'file') return `<img class="logo" src="${root}${logo.path}" width="${logo.width}" height="${logo.height}" alt="">`;
  // Painted over the monogram, which shows if the image cannot be loaded.
  return monogram(summary).replace(
    '</span>',
    `<img src="${esc(logo.url)}" width="${LOGO_BOX}" height="${LOGO_BOX}" alt="" loading="lazy" referrerpolicy="no-referrer"></span>`,
  );
}

/** Coloured SDG badges with number and short name (read as "3 Good health"); the full title shows on hover. */
function sdgBadges(goals: readonly number[]): string {
  if (!goals.length) return '';
  return `<ul class="sdgs" aria-label="Sustainable Development Goals">${goals.map((g) => `<li class="sdg sdg-${g}" title="${esc(sdgLabel(g))}"><span class="sdg-n">${g}</span> ${esc(sdgShortName(g))}</li>`).join('')}</ul>`;
}

/** A list item for the list pages; the data-* attributes feed the filters and sorting (JSON lists, escaped). */
function card(summary: RecordSummary, depth: number, headingLevel: 2 | 3, context: SiteContext): string {
  const root = '../'.repeat(depth);
  const countries = countriesOf(summary);
  const search = [
    summary.name,
    ...summary.aliases,
    summary.description,
    ...summary.organizations,
    ...summary.sectors,
    ...countries,
    ...summary.licenses,
    ...summary.categories,
  ].join(' ');
  // Values shown as the filters' options show them, so that the script matches one with the other.
  const data = (key: string, values: ReadonlyArray<string | number>) =>
    ` data-${key}="${esc(JSON.stringify(values.map((v) => showControlsInLines(String(v)))))}"`;
  const added = context.added?.get(summary.slug) ?? summary.reviewDate ?? '';
  const h = `h${headingLevel}`;
  return `<li class="card"${data('sdgs', summary.sdgs)}${data('categories', summary.categories)}${data('licenses', summary.licenses)}${data('sectors', summary.sectors)}${data('countries', countries)} data-search="${esc(search)}" data-name="${esc(summary.name)}" data-added="${esc(added)}">
<div class="card-head">${logoHtml(summary, context.logos?.get(summary.slug), root)}<div>
<${h}><a href="${root}${summary.page}">${esc(summary.name)}</a></${h}>
<p class="card-meta">${esc([...summary.categories, ...summary.licenses].join(' · '))}</p>
</div></div>
<p class="card-text">${esc(summary.description)}</p>
${sdgBadges(summary.sdgs)}
${facts([
  ['Sectors', summary.sectors.length ? inline(summary.sectors) : undefined],
  ['Countries', countries.length ? inline(countries, 6) : undefined],
])}
</li>`;
}

function select(name: string, facet: string, label: string, allLabel: string, options: Array<[string, string]>): string {
  const id = `filter-${name}`;
  return `<div><label for="${id}">${label}</label><select id="${id}" name="${name}" data-facet="${facet}"><option value="">${allLabel}</option>${options
    .map(([value, text]) => `<option value="${esc(value)}">${esc(text)}</option>`)
    .join('')}</select></div>`;
}

function options(tally: Record<string, number>, label: (value: string) => string = (v) => v): Array<[string, string]> {
  return Object.entries(tally).map(([value, n]) => [value, `${label(value)} (${n})`]);
}

export interface SiteContext {
  feed: boolean;
  commit?: string;
  /** Logos by slug, resolved at build time. */
  logos?: ReadonlyMap<string, Logo>;
  /** The date (YYYY-MM-DD) each slug's file was added to the registry, from git history. */
  added?: ReadonlyMap<string, string>;
  /** Where the registry's files can be seen and edited; without it, no such links. */
  repository?: SourceRepository;
}

/** A GitHub repository holding the registry, for "View the source file" and "Suggest an edit" links. */
export interface SourceRepository {
  /** https://github.com/owner/name (or the GitHub Enterprise server's equivalent). */
  url: string;
  branch: string;
  /** A record's file (as in PublishedRecord.file) → its path in the repository; undefined when it has none. */
  pathOf(file: string): string | undefined;
}

function imageOrigins(logos: Iterable<Logo | undefined>): string[] {
  return [...new Set([...logos].flatMap((l) => (l?.kind === 'url' ? [l.origin] : [])))].sort();
}

/** The page options every page takes from the context (the rest of the context is for the bodies). */
function shared(context: SiteContext): { feed: boolean; commit?: string } {
  return { feed: context.feed, ...(context.commit ? { commit: context.commit } : {}) };
}

export function renderIndexPage(index: DpgIndex, context: SiteContext): string {
  const count = `${index.count} digital public good${index.count === 1 ? '' : 's'}`;
  const body = `<div class="hero">
<h1>Digital public goods</h1>
<p class="lead">Open software, data, content and AI models that help reach the Sustainable Development Goals: ${count} recognised under the <a href="https://digitalpublicgoods.net/standard/">DPG Standard</a>, and <a href="nominees/index.html">${index.nomineeCount} nominee${index.nomineeCount === 1 ? '' : 's'} under review</a>.</p>
<p><a class="button" href="${HOW_TO_NOMINATE_PATH}">How to nominate a solution</a></p>
</div>
<details id="filter-panel" class="filter-panel" hidden>
<summary>Search, filter and sort</summary>
<form id="filters" class="filters" role="search" aria-label="Filter digital public goods">
<div class="search"><label for="filter-q">Search by name, description, organisation or place</label><input id="filter-q" name="q" type="search" autocomplete="off"></div>
${select(
  'sdg',
  'sdgs',
  'SDG',
  'All SDGs',
  options(index.counts.sdgs, (g) => sdgLabel(Number(g))),
)}
${select('category', 'categories', 'Category', 'All categories', options(index.counts.categories))}
${select('license', 'licenses', 'Licence', 'All licences', options(index.counts.licenses))}
${select('sector', 'sectors', 'Sector', 'All sectors', options(index.counts.sectors))}
${select('country', 'countries', 'Country', 'All countries', options(index.counts.countries))}
<div><label for="sort">Sort by</label><select id="sort" name="sort"><option value="">Name (A–Z)</option><option value="added">Recently added</option><option value="sdgs">Number of SDGs</option></select></div>
<div><button type="reset">Clear filters</button></div>
</form>
</details>
<p id="result-count" class="count" role="status">Showing all ${count}</p>
<ul id="dpg-list" class="cards" data-noun="digital public goods">
${index.dpgs.map((d) => card(d, 0, 2, context)).join('\n')}
</ul>
<p id="no-results" hidden>No digital public good matches these filters. <a href="index.html">Show all</a>.</p>`;
  return layout({
    title: SITE_NAME,
    depth: 0,
    section: 'dpgs',
    sectionIndex: true,
    body,
    script: true,
    description: `${count} recognised under the DPG Standard.`,
    imageOrigins: imageOrigins(index.dpgs.map((d) => context.logos?.get(d.slug))),
    ...shared(context),
  });
}

export function renderNomineesPage(nominees: readonly RecordSummary[], context: SiteContext): string {
  const body = `<h1>Nominees under review</h1>
<p class="lead">${nominees.length} nomination${nominees.length === 1 ? '' : 's'} submitted and not yet decided. A nominee is not a digital public good until its review is complete.</p>
${nominees.length ? `<ul class="cards">\n${nominees.map((n) => card(n, 1, 2, context)).join('\n')}\n</ul>` : '<p class="none">No nomination is under review.</p>'}`;
  return layout({
    title: `Nominees — ${SITE_NAME}`,
    depth: 1,
    section: 'nominees',
    sectionIndex: true,
    body,
    imageOrigins: imageOrigins(nominees.map((n) => context.logos?.get(n.slug))),
    ...shared(context),
  });
}

/** Plain-language steps for someone who has never opened a pull request. */
export function renderHowToNominatePage(context: SiteContext): string {
  const repository = context.repository;
  const repo = repository ? externalLink(repository.url, "the registry's repository") : "the registry's repository";
  const body = `<h1>How to nominate a solution</h1>
<p class="lead">Anyone can nominate open software, data, content, an AI model or a standard that helps reach the Sustainable Development Goals. A nomination is one short file of answers, reviewed in public before it is published here.</p>
<ol class="steps">
<li><h2>Check that it fits</h2><p>Read the <a href="https://digitalpublicgoods.net/standard/">DPG Standard</a>: nine indicators, from an approved open licence and clear ownership to privacy and doing no harm. Search this site first: the solution may already be listed or under review.</p></li>
<li><h2>Fill in the nomination</h2><p>The easiest way is the <a href="../${NOMINATE_PATH}">nomination form</a>, which asks the Standard's questions in plain language and checks each answer as you type. If you use the command line, fork ${repo} and run <code>npx dpg new</code>, which asks the same questions and writes <code>nominations/&lt;name&gt;.yaml</code>; <code>npx dpg validate</code> then points at any answer that needs work, with the line and how to fix it.</p></li>
<li><h2>Open a pull request</h2><p>Propose the new file to ${repo} as a pull request. Within minutes an automatic check comments on it with a checklist of the nine indicators (✓ met, ✗ needs work) and the lines to change. Push fixes to the same pull request; the comment updates itself.</p></li>
<li><h2>Review by people</h2><p>Reviewers from the relevant community read the evidence that a machine cannot judge: does each SDG link hold up, does the licence page name the licence, are the privacy answers right, is anything harmful? They may ask questions in the pull request. When two reviews agree, a maintainer records the decision and merges.</p></li>
<li><h2>Published</h2><p>Once merged, the solution appears on this site as a digital public good for one year, with its evidence under each indicator. Renewal opens 45 days before the year ends.</p></li>
</ol>
<p><a class="button" href="../${NOMINATE_PATH}">Nominate a solution</a></p>`;
  return layout({
    title: `How to nominate — ${SITE_NAME}`,
    depth: 1,
    section: 'how-to-nominate',
    sectionIndex: true,
    body,
    description: 'How to nominate a digital public good, step by step.',
    ...shared(context),
  });
}

function evidenced(items: unknown): string {
  return list(
    asArray(items)
      .map(asRecord)
      .map((item) => {
        const link = item.evidenceUrl !== undefined ? `<p>Evidence: ${externalLink(item.evidenceUrl)}</p>` : '';
        return `<strong>${esc(item.name)}</strong>${text(item.evidenceText)}${link}`;
      }),
    'evidence',
  );
}

/** The evidence a nomination gives for one indicator. */
function indicatorEvidence(id: IndicatorId, data: Record<string, unknown>): string {
  switch (id) {
    case '1':
      return list(
        asArray(data.sdgs)
          .map(asRecord)
          .map((sdg) => {
            const goal = typeof sdg.goal === 'number' ? sdg.goal : Number(sdg.goal);
            const link = sdg.evidenceUrl !== undefined ? `<p>Evidence: ${externalLink(sdg.evidenceUrl)}</p>` : '';
            return `<strong>${esc(sdgLabel(goal))}</strong>${text(sdg.evidenceText)}${link}`;
          }),
        'evidence',
      );
    case '2':
      return list(
        asArray(data.licenses)
          .map(asRecord)
          .map((license) => {
            const covers = asStrings(license.covers);
            return (
              `<strong>${esc(license.spdx)}</strong>${covers.length ? ` (covers ${esc(covers.join(', '))})` : ''}` +
              `<p>Evidence: ${license.evidenceUrl !== undefined ? externalLink(license.evidenceUrl) : '<span class="none">none given</span>'}</p>`
            );
          }),
        'evidence',
      );
    case '3': {
      const ownership = asRecord(data.ownership);
      const owners = asArray(data.organizations)
        .map(asRecord)
        .filter((o) => asArray(o.roles).includes('owner'))
        .map((o) => esc(o.name));
      return (
        facts([
          ['Owner', owners.join(', ') || '<span class="none">not listed</span>'],
          ['Owner type', esc(ownership.ownerType)],
          ['Owns all components', yesNo(ownership.ownsAllComponents)],
        ]) +
        '<h4>Ownership evidence</h4>' +
        urls(ownership.evidenceUrls) +
        (ownership.redistributionEvidence !== undefined ? `<h4>Right to redistribute</h4>${text(ownership.redistributionEvidence)}` : '')
      );
    }
    case '4': {
      const platform = asRecord(data.platformIndependence);
      return (
        facts([
          ['Core dependencies', esc(asStrings(platform.coreDependencies).join(', '))],
          ['Closed components', yesNo(platform.hasClosedComponents)],
        ]) + (platform.openAlternatives !== undefined ? `<h4>Open alternatives</h4>${text(platform.openAlternatives)}` : '')
      );
    }
    case '5': {
      const documentation = asRecord(data.documentation);
      return urls(documentation.urls) + text(documentation.notes);
    }
    case '6': {
      const extraction = asRecord(data.dataExtraction);
      return (
        facts([
          ['Handles non-personal data', yesNo(extraction.handlesNonPii)],
          ['Formats', esc(asStrings(extraction.formats).join(', '))],
        ]) + (extraction.mechanism !== undefined ? `<h4>Export mechanism</h4>${text(extraction.mechanism)}` : '')
      );
    }
    case '7': {
      const privacy = asRecord(data.privacy);
      const pii = asRecord(privacy.piiRequirements);
      const answers =
        privacy.piiRequirements === undefined
          ? ''
          : '<h4>Personal data (2025 requirements)</h4>' +
            facts([
              ['Minimal', `${yesNo(pii.isMinimal)}${text(pii.minimisationExplanation)}`],
              ['Consent notice', text(pii.consentNotice)],
              ['Privacy policy', externalLink(pii.policyUrl)],
              ['Where processed', text(pii.processing)],
              ['Deletion', text(pii.deletion)],
            ]);
      return (
        facts([['Laws', esc(asStrings(privacy.laws).join(', '))]]) +
        '<h4>Privacy evidence</h4>' +
        urls(privacy.evidenceUrls) +
        (asStrings(privacy.adherenceSteps).length ? `<h4>Steps to comply</h4>${list(asStrings(privacy.adherenceSteps).map(esc))}` : '') +
        answers
      );
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
${indicatorEvidence(id, data)}${dueNote(
    due.filter((d) => d.indicator === id),
    level === 3 ? 4 : 5,
  )}${inner}
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
  const indicators = [...new Set(due.flatMap((d) => (d.indicator ? [d.indicator] : [])))].map(
    (id) => `<a href="#indicator-${id}">${id}</a>`,
  );
  const general = due.filter((d) => d.indicator === null);
  return `\n<div class="due" role="note" id="due-at-renewal">
<h2>Due at renewal${expires ? `, by ${esc(expires)}` : ''}</h2>
<p>Assessed under version ${esc(assessed)} of the DPG Standard. At its renewal it owes ${plural(due.length, 'answer')} that version ${esc(versions)} asks for${indicators.length ? `, on ${indicators.length === 1 ? 'indicator' : 'indicators'} ${indicators.join(', ')}` : ''}. Its recognition stands until then.</p>
${general.length ? list(general.map((d) => `${esc(d.message)} <span class="none">(${esc(d.rule)})</span>`)) : ''}</div>`;
}

const VERDICTS: Record<IndicatorStatus, [string, string]> = {
  pass: ['✓', 'met'],
  warning: ['!', 'met, with a note'],
  fail: ['✗', 'not met'],
};

/** The outcome of each indicator, linked to its section below. */
function indicatorSummary(indicators: PublishedRecord['indicators']): string {
  if (!indicators) return '';
  const items = INDICATOR_ORDER.map((id) => {
    const status = indicators[id] ?? 'pass';
    const [mark, words] = VERDICTS[status];
    return `<li class="verdict-${status}"><a href="#indicator-${id}"><span class="mark" aria-hidden="true">${mark}</span><span class="ind-id">${id}</span><span>${esc(indicatorTitle(id))} <span class="verdict">— ${words}</span></span></a></li>`;
  });
  const met = INDICATOR_ORDER.filter((id) => indicators[id] !== 'fail').length;
  return `<nav class="checklist" aria-labelledby="checklist-title">
<h2 id="checklist-title">DPG Standard: ${met} of ${INDICATOR_ORDER.length} indicators met</h2>
<ol>${items.join('')}</ol>
</nav>`;
}

function sourceLinks(file: string, repository: SourceRepository | undefined): string {
  const inRepository = repository?.pathOf(file);
  if (!repository || inRepository === undefined) return '';
  const encoded = inRepository.split('/').map(encodeURIComponent).join('/');
  const branch = repository.branch.split('/').map(encodeURIComponent).join('/');
  return `<p class="source-links"><a href="${esc(`${repository.url}/blob/${branch}/${encoded}`)}">View the source file</a> <a href="${esc(`${repository.url}/edit/${branch}/${encoded}`)}">Suggest an edit</a></p>`;
}

export function renderRecordPage(record: PublishedRecord, summary: RecordSummary, kind: 'dpg' | 'nominee', context: SiteContext): string {
  const data = record.data;
  const root = '../../';
  const review = asRecord(data.review);
  const organizations = asArray(data.organizations)
    .map(asRecord)
    .map((o) => {
      const roles = asStrings(o.roles);
      return (
        `${o.website !== undefined && safeHref(o.website) ? externalLink(o.website, asString(o.name) ?? String(o.website)) : esc(o.name)}` +
        `${roles.length ? ` — ${esc(roles.join(', '))}` : ''}${o.country !== undefined ? ` (${esc(o.country)})` : ''}`
      );
    });
  const repositories = asArray(data.repositories)
    .map(asRecord)
    .map((r) => `${r.name !== undefined ? `${esc(r.name)}: ` : ''}${externalLink(r.url)}`);
  const status =
    kind === 'dpg'
      ? `<p><span class="status">Digital public good</span> Reviewed ${esc(record.reviewDate)}${review.reviewer !== undefined ? ` by ${esc(review.reviewer)}` : ''}; recognised until ${esc(record.expires)}.</p>` +
        dueSummary(summary.dueAtRenewal, record.expires)
      : '<p><span class="status review">Nominee under review</span> Not yet recognised as a digital public good.</p>';
  const logo = context.logos?.get(record.slug);
  const body = `<p><a href="${root}${kind === 'dpg' ? 'index.html' : 'nominees/index.html'}">${kind === 'dpg' ? 'All digital public goods' : 'All nominees'}</a></p>
<div class="record-head">${logoHtml(summary, logo, root)}<h1>${esc(summary.name)}</h1></div>
${status}
<p class="lead">${esc(summary.description)}</p>
${sdgBadges(summary.sdgs)}
${indicatorSummary(record.indicators)}
${facts([
  ['Website', summary.website === null ? undefined : externalLink(summary.website)],
  ['Also known as', summary.aliases.length ? esc(summary.aliases.join(', ')) : undefined],
  ['Categories', tags(summary.categories)],
  ['Licences', tags(summary.licenses)],
  ['Sectors', tags(summary.sectors)],
  ['Record', `<a href="${root}${summary.record}">JSON</a>`],
])}
${sourceLinks(record.file, context.repository)}
<h2>Organisations</h2>
${list(organizations)}
<h2>Repositories</h2>
${list(repositories)}
<h2>Countries</h2>
${facts([
  ['Developed in', tags(summary.countries.development)],
  ['Deployed in', tags(summary.countries.deployment)],
])}
<h2>Evidence by indicator</h2>
${indicatorSections(data, summary.dueAtRenewal)}`;
  return layout({
    title: `${summary.name} — ${SITE_NAME}`,
    depth: 2,
    section: kind === 'dpg' ? 'dpgs' : 'nominees',
    body,
    description: summary.description.slice(0, 300),
    imageOrigins: imageOrigins([logo]),
    ...shared(context),
  });
}
