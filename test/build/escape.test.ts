import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { summarise } from '../../src/publish/api.js';
import { escapeHtml, externalLink, safeHref } from '../../src/publish/html.js';
import { renderAtomFeed, renderChangelogPage, type Changelog } from '../../src/publish/changelog.js';
import { renderIndexPage, renderRecordPage } from '../../src/publish/pages.js';
import { buildDpgIndex } from '../../src/publish/api.js';
import type { PublishedRecord } from '../../src/publish/select.js';
import { removeTempDirs, runInProcess, tempDir } from '../support/cli.js';
import { approved, nomination } from './helpers.js';

afterAll(removeTempDirs);

const SCRIPT = '<script>alert(1)</script>';
const BREAKOUT = '"><img src=x onerror=alert(1)>';

describe('safeHref', () => {
  it.each([
    { url: 'https://example.org/a?b=c&d=<e>', expected: 'https://example.org/a?b=c&d=%3Ce%3E' },
    { url: 'http://example.org', expected: 'http://example.org/' },
    { url: ' HTTPS://Example.org/x ', expected: 'https://example.org/x' },
    { url: 'javascript:alert(1)', expected: undefined },
    { url: ' JaVaScRiPt:alert(1)', expected: undefined },
    { url: 'data:text/html,<script>alert(1)</script>', expected: undefined },
    { url: '//evil.example/x', expected: undefined },
    { url: '/relative/path', expected: undefined },
    { url: 'https://', expected: undefined },
    { url: 42, expected: undefined },
  ])('$url → $expected', ({ url, expected }) => {
    expect(safeHref(url)).toBe(expected);
  });

  it('escapes text and renders unsafe URLs as text', () => {
    expect(escapeHtml(`${SCRIPT}'&`)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&#39;&amp;');
    expect(externalLink('javascript:alert(1)')).toBe('javascript:alert(1)');
    expect(externalLink('https://example.org/"x"', BREAKOUT)).toBe(
      '<a href="https://example.org/%22x%22" rel="nofollow noopener">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</a>',
    );
  });
});

/** The canonical valid nomination with hostile text and URLs in every kind of place the pages show. */
function hostileRecord(): PublishedRecord {
  const data = parse(nomination('Hostile', ...approved())) as Record<string, any>;
  data.name = `${SCRIPT} Hostile`;
  data.description = BREAKOUT;
  data.website = 'javascript:alert(1)';
  data.aliases = [`<iframe src="https://evil.example">`];
  data.sectors = [`Health"><script>alert(2)</script>`];
  data.sdgs[0].evidenceText = `</p>${SCRIPT}`;
  data.sdgs[0].evidenceUrl = 'data:text/html,<script>alert(3)</script>';
  data.licenses[0].evidenceUrl = ' javascript:alert(4)';
  data.organizations[0].website = 'vbscript:msgbox(5)';
  data.organizations[0].name = `<b onmouseover=alert(6)>Org</b>`;
  data.repositories[0].url = 'https://github.com/example-org/hostile';
  data.standards.openStandards[0].name = `<svg onload=alert(7)>`;
  return { slug: 'hostile', file: 'nominations/hostile.yaml', data, reviewDate: '2026-06-01', expires: '2027-06-01' };
}

describe('pages built from untrusted nominations', () => {
  const record = hostileRecord();
  const summary = summarise(record, 'dpg');
  const pages = {
    detail: renderRecordPage(record, summary, 'dpg', { feed: true }),
    index: renderIndexPage(buildDpgIndex([summary], 0), { feed: true }),
  };

  it.each(Object.entries(pages).map(([name, html]) => ({ name, html })))(
    'the $name page carries no markup or script from the record',
    ({ html }) => {
      // Only our own script element: the external one in the head of the index page.
      expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(
        html.includes('site.js') ? ['<script src="assets/site.js" defer>'] : [],
      );
      expect(html).not.toMatch(/<(img|iframe|svg|b)\b/);
      // Attribute values cannot hold a raw quote (escaped), so with them blanked no tag may have an event handler.
      expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[^>]*\son\w+=/i);
      expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Hostile');
    },
  );

  it('links only http(s) URLs and shows the rest as text', () => {
    expect(pages.detail).toContain(
      '<a href="https://github.com/example-org/hostile" rel="nofollow noopener">https://github.com/example-org/hostile</a>',
    );
    expect(pages.detail).toContain('data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(pages.detail).toContain(' javascript:alert(4)');
    expect(pages.detail).toContain('&lt;b onmouseover=alert(6)&gt;Org&lt;/b&gt;');
  });

  it('keeps hostile values inside their attribute on the list page', () => {
    expect(pages.index).toContain('data-sectors="[&quot;Health\\&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;&quot;]"');
    expect(pages.index).toContain('<option value="Health&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;">');
  });
});

describe('a build with hostile but valid text', () => {
  it('escapes it on the pages and keeps it verbatim in the API', async () => {
    const description = `Case management ${SCRIPT} for NGOs ${BREAKOUT}`;
    const dir = tempDir({ 'nominations/hostile.yaml': nomination('Hostile', ...approved(), [['description'], description]) });
    const run = await runInProcess(['build', '--out', 'out'], { cwd: dir });
    expect(run.code).toBe(0);
    const page = readFileSync(path.join(dir, 'out/dpgs/hostile/index.html'), 'utf8');
    const index = readFileSync(path.join(dir, 'out/index.html'), 'utf8');
    for (const html of [page, index]) {
      expect(html).not.toContain(SCRIPT);
      expect(html).not.toContain('<img');
      expect(html).toContain('Case management &lt;script&gt;alert(1)&lt;/script&gt; for NGOs &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    }
    const api = JSON.parse(readFileSync(path.join(dir, 'out/api/v1/dpgs/hostile.json'), 'utf8'));
    expect(api.record.description).toBe(description);
  });
});

describe('characters that reorder or rewrite what a visitor reads', () => {
  // "Good" read right to left hides what follows; ESC and a carriage return would act in a terminal or a feed reader.
  const ACTING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  const NAME = 'Safe \u202edooG\u202c \u2067x\u2069 \u200f\u001b[8m\r';

  it('are shown as escapes on the pages, in the filters and in the changelog and its feed', () => {
    const record = hostileRecord();
    record.data.name = NAME;
    record.data.sectors = [NAME];
    record.data.description = `line one\nline two \u202e`;
    const summary = summarise(record, 'dpg');
    const changelog: Extract<Changelog, { available: true }> = {
      available: true,
      head: 'a'.repeat(40),
      root: 'b'.repeat(40),
      shallow: false,
      commits: [
        {
          sha: 'c'.repeat(40),
          date: '2026-03-12T15:45:00Z',
          changes: [{ kind: 'delisted', slug: 'hostile', name: NAME, stage: 'delisted', reason: `gone\u0000 \u202e` }],
        },
      ],
    };
    const pages = new Map([['hostile', summary.page]]);
    const outputs = {
      detail: renderRecordPage(record, summary, 'dpg', { feed: true }),
      index: renderIndexPage(buildDpgIndex([summary], 0), { feed: true }),
      changelog: renderChangelogPage(changelog, pages, { feed: true }),
      feed: renderAtomFeed(changelog, pages, 'https://example.org/'),
    };
    for (const [name, text] of Object.entries(outputs)) {
      expect(text, name).not.toMatch(ACTING);
      expect(text, name).toContain('Safe \\u202edooG\\u202c \\u2067x\\u2069 \\u200f\\u001b[8m\\u000d');
    }
    expect(outputs.detail).toContain('line one\nline two \\u202e');
    // The filter's option and the card's data hold the same text, so the filter still finds the card.
    expect(outputs.index).toContain(`<option value="${escapeHtml(NAME)}">`);
    expect(outputs.index).toContain(`data-sectors="${escapeHtml(JSON.stringify([escapeHtml(NAME)]))}"`);
    expect(outputs.changelog).toContain('<a href="../dpgs/hostile/index.html">Safe \\u202edooG');
    expect(outputs.changelog).toContain(': gone\\u0000 \\u202e');
  });
});
