import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, launchChromium, SCREENSHOTS, serveFolder } from '../support/browser.js';
import { REPO_ROOT, removeTempDirs, runInProcess, tempDir } from '../support/cli.js';
import { approved, nomination } from './helpers.js';

/**
 * The website of the bundled registry in a real browser (Debian's chromium, never a downloaded one),
 * served from a loopback server under a sub-path, as GitHub Pages serves a project site.
 */

const SUB_PATH = '/registry/';

interface Summary {
  slug: string;
  name: string;
  sdgs: number[];
  licenses: string[];
  page: string;
}

const PHONE = { width: 390, height: 844 };

let site: string;
let server: Server;
let browser: Browser;
let base: string;
let dpgs: Summary[];
const problems: string[] = [];

async function open(url: string, viewport = { width: 1100, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  return page;
}

const visibleNames = (page: Page) => page.locator('#dpg-list > li:visible h2').allTextContents();

beforeAll(async () => {
  site = path.join(tempDir(), 'site');
  const run = await runInProcess(['build', '--out', site], { cwd: REPO_ROOT });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  dpgs = (JSON.parse(readFileSync(path.join(site, 'api/v1/index.json'), 'utf8')) as { dpgs: Summary[] }).dpgs;
  ({ server, base } = await serveFolder(site, problems, SUB_PATH));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await closeServer(server);
  removeTempDirs();
});

describe('the website in chromium', () => {
  it('lists every DPG by name on the front page', async () => {
    const page = await open(base);
    expect(await page.title()).toBe('Digital Public Goods registry');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect((await visibleNames(page)).sort()).toEqual(dpgs.map((d) => d.name).sort());
    await expect(page.locator('#result-count').textContent()).resolves.toBe(`Showing all ${dpgs.length} digital public goods`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-index.png'), fullPage: true });
    await page.close();
  });

  it('narrows the list as a search is typed, and keeps the search in the address', async () => {
    const page = await open(base);
    const target = dpgs[dpgs.length - 1]!;
    await page.getByLabel('Search by name, description, organisation or place').fill(target.name);
    const shown = await visibleNames(page);
    expect(shown).toContain(target.name);
    expect(shown.length).toBeLessThan(dpgs.length);
    expect(new URL(page.url()).searchParams.get('q')).toBe(target.name);
    await page.getByLabel('Search by name, description, organisation or place').fill('no such thing anywhere');
    expect(await visibleNames(page)).toEqual([]);
    expect(await page.locator('#no-results').isVisible()).toBe(true);
    await page.close();
  });

  it('filters by SDG', async () => {
    const page = await open(base);
    const goal = [...new Set(dpgs.flatMap((d) => d.sdgs))].find((g) => dpgs.some((d) => !d.sdgs.includes(g)))!;
    await page.getByLabel('SDG', { exact: true }).selectOption(String(goal));
    const expected = dpgs
      .filter((d) => d.sdgs.includes(goal))
      .map((d) => d.name)
      .sort();
    expect((await visibleNames(page)).sort()).toEqual(expected);
    expect(await page.locator('#result-count').textContent()).toBe(`Showing ${expected.length} of ${dpgs.length} digital public goods`);
    // A shared address opens with the same filter.
    const again = await open(page.url());
    expect((await visibleNames(again)).sort()).toEqual(expected);
    await page.close();
    await again.close();
  });

  it('opens a DPG page with its licence and evidence by indicator, through relative links', async () => {
    const page = await open(base);
    const target = dpgs[0]!;
    await page.getByRole('link', { name: target.name, exact: true }).click();
    await page.waitForURL(`${base}${target.page}`);
    expect(await page.locator('h1').textContent()).toBe(target.name);
    const record = JSON.parse(readFileSync(path.join(site, 'api/v1/dpgs', `${target.slug}.json`), 'utf8')).record;
    const licence = page.locator('#indicator-2').locator('xpath=..');
    await expect(licence.textContent()).resolves.toContain(record.licenses[0].spdx);
    expect(await licence.getByRole('link', { name: record.licenses[0].evidenceUrl }).getAttribute('href')).toBe(
      record.licenses[0].evidenceUrl,
    );
    const sdgs = await page.locator('#indicator-1').locator('xpath=..').textContent();
    expect(sdgs).toContain(record.sdgs[0].evidenceText ?? record.sdgs[0].evidenceUrl);
    for (const id of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9a', '9b', '9c'])
      expect(await page.locator(`#indicator-${id}`).count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-detail.png') });
    // Back to the list through the page's own relative link.
    await page.getByRole('link', { name: 'All digital public goods' }).click();
    await page.waitForURL(`${base}index.html`);
    await page.close();
  });

  it('shows each DPG as a card with its logo or monogram and coloured SDG badges', async () => {
    const page = await open(base);
    const cards = page.locator('#dpg-list > li.card');
    expect(await cards.count()).toBe(dpgs.length);
    for (const [i, d] of dpgs.entries()) {
      const card = cards.nth(i);
      expect(await card.locator('.logo').count(), d.name).toBe(1);
      expect(await card.locator('.sdgs > li').count(), d.name).toBe(d.sdgs.length);
    }
    // Badges are coloured by the stylesheet (inline styles are refused by the Content-Security-Policy).
    const badge = page.locator('.sdg').first();
    expect(await badge.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    // Cards sit side by side on a wide screen.
    const [first, second] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
    expect(first!.y).toBe(second!.y);
    await page.close();
  });

  it('sorts by name, by number of SDGs and by date added, and keeps the order in the address', async () => {
    const page = await open(base);
    const byName = [...dpgs].sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })).map((d) => d.name);
    expect(await visibleNames(page)).toEqual(byName);
    await page.getByLabel('Sort by').selectOption('sdgs');
    const counts = await page
      .locator('#dpg-list > li:visible')
      .evaluateAll((lis) => lis.map((li) => li.querySelectorAll('.sdgs > li').length));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new URL(page.url()).searchParams.get('sort')).toBe('sdgs');
    await page.getByLabel('Sort by').selectOption('added');
    const added = await page.locator('#dpg-list > li:visible').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-added') ?? ''));
    expect(added.every((date) => /^\d{4}-\d{2}-\d{2}$/.test(date))).toBe(true);
    expect(added).toEqual([...added].sort().reverse());
    await page.close();
  });

  it('folds the filter panel on a phone, and opens it on a tap', async () => {
    const page = await open(base, PHONE);
    const search = page.getByLabel('Search by name, description, organisation or place');
    expect(await page.locator('#filter-panel').getAttribute('open')).toBeNull();
    expect(await search.isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-index-phone.png'), fullPage: true });
    await page.getByText('Search, filter and sort').click();
    expect(await search.isVisible()).toBe(true);
    await search.fill(dpgs[0]!.name);
    expect(await visibleNames(page)).toContain(dpgs[0]!.name);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-index-phone-filters.png') });
    // A wide screen starts with it open.
    const wide = await open(base);
    expect(await wide.locator('#filter-panel').getAttribute('open')).toBe('');
    await page.close();
    await wide.close();
  });

  it("sums up the indicators on a DPG page and jumps to each one's section", async () => {
    const page = await open(`${base}${dpgs[0]!.page}`);
    const checklist = page.getByRole('navigation', { name: /DPG Standard: \d+ of 12 indicators met/ });
    const links = checklist.getByRole('link');
    expect(await links.count()).toBe(12);
    expect(await page.locator('#indicator-9b').evaluate((el) => el.getBoundingClientRect().top > window.innerHeight)).toBe(true);
    await checklist.getByRole('link', { name: /^9b / }).click();
    expect(new URL(page.url()).hash).toBe('#indicator-9b');
    expect(await page.locator('#indicator-9b').isVisible()).toBe(true);
    // Out of sight before the jump (asserted below the fold), in sight after it, once the smooth scroll ends.
    await page.waitForFunction(
      () => {
        const box = document.getElementById('indicator-9b')!.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      },
      undefined,
      { timeout: 5000 },
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-detail-checklist.png') });
    const phone = await open(`${base}${dpgs[0]!.page}`, PHONE);
    await phone.screenshot({ path: path.join(SCREENSHOTS, 'site-detail-phone.png'), fullPage: true });
    await phone.close();
    await page.close();
  });

  it('links to the page on how to nominate and to the nomination form', async () => {
    const page = await open(base);
    const nav = page.getByRole('navigation', { name: 'Site' });
    expect(await nav.getByRole('link', { name: 'Nominate', exact: true }).getAttribute('href')).toBe('nominate/index.html');
    await nav.getByRole('link', { name: 'How to nominate' }).click();
    await page.waitForURL(`${base}how-to-nominate/index.html`);
    expect(await page.locator('h1').textContent()).toBe('How to nominate a solution');
    expect(await page.locator('.steps > li').count()).toBe(5);
    await page.close();
  });

  it('is usable from the keyboard: the skip link comes first and Tab reaches the search box', async () => {
    const page = await open(base);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    let reached = false;
    for (let i = 0; i < 16 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'filter-q');
    }
    expect(reached).toBe(true);
    await page.keyboard.type(dpgs[0]!.name);
    expect(await visibleNames(page)).toContain(dpgs[0]!.name);
    // The focus ring is drawn (an outline), not suppressed.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.close();
  });

  it('serves a well-formed Atom feed and loads every page without errors or escaped links', async () => {
    const page = await open(base);
    const feed = await page.evaluate(async () => {
      const response = await fetch('changelog.atom');
      if (!response.ok) return { status: response.status };
      const xml = new DOMParser().parseFromString(await response.text(), 'application/xml');
      return {
        status: response.status,
        error: xml.querySelector('parsererror')?.textContent ?? null,
        root: xml.documentElement.namespaceURI,
        updated: xml.querySelector('feed > updated')?.textContent,
      };
    });
    // The site is built from this repository, a git work tree, so the feed exists.
    expect(feed).toMatchObject({
      status: 200,
      error: null,
      root: 'http://www.w3.org/2005/Atom',
      updated: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    for (const relative of ['nominees/index.html', 'changelog/index.html', 'how-to-nominate/index.html', dpgs[0]!.page]) {
      await page.goto(`${base}${relative}`);
      for (const href of await page
        .locator('link[rel=stylesheet], script[src]')
        .evaluateAll((els) => els.map((e) => (e as HTMLLinkElement).href || (e as HTMLScriptElement).src))) {
        expect(href.startsWith(base), href).toBe(true);
      }
    }
    await page.close();
    expect(problems).toEqual([]);
  });
});

describe('a DPG that owes answers at renewal, in chromium', () => {
  let owingServer: Server;
  let owingBase: string;

  beforeAll(async () => {
    // Assessed under 1.1.6 and reviewed on 2026-05-04: recognised until 2027-05-04, owing what 1.1.7 added.
    const dir = tempDir({
      'nominations/owing.yaml': nomination(
        'Owing',
        ...approved('2026-05-04'),
        [['standardVersion'], '1.1.6'],
        [['ownership', 'ownsAllComponents'], undefined],
        [['privacy', 'piiRequirements'], undefined],
      ),
    });
    const out = path.join(dir, 'site');
    const run = await runInProcess(['build', '--out', out], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    ({ server: owingServer, base: owingBase } = await serveFolder(out, problems, SUB_PATH));
  });

  afterAll(async () => {
    await new Promise((resolve) => (owingServer ? owingServer.close(resolve) : resolve(undefined)));
  });

  it('shows what is due and by when under the status, and in the sections of the indicators concerned', async () => {
    const page = await open(owingBase);
    await page.getByRole('link', { name: 'Owing', exact: true }).click();
    await page.waitForURL(`${owingBase}dpgs/owing/index.html`);
    const summary = page.locator('#due-at-renewal');
    expect(await summary.isVisible()).toBe(true);
    expect(await summary.getByRole('heading').textContent()).toBe('Due at renewal, by 2027-05-04');
    await expect(summary.textContent()).resolves.toContain('owes 2 answers that version 1.1.7 asks for, on indicators 3, 7');
    // The note is told apart from the evidence by more than its colour: a note role and its own heading.
    expect(await page.getByRole('note').count()).toBe(3);
    for (const id of ['3', '7']) {
      const section = page.locator(`#indicator-${id}`).locator('xpath=..');
      expect(await section.getByRole('note').getByRole('heading', { name: 'Due at renewal, by 2027-05-04' }).isVisible()).toBe(true);
    }
    expect(await page.locator('#indicator-1').locator('xpath=..').getByRole('note').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'site-detail-due.png'), fullPage: true });
    await summary.getByRole('link', { name: '7', exact: true }).click();
    expect(new URL(page.url()).hash).toBe('#indicator-7');
    await page.close();
    expect(problems).toEqual([]);
  });
});
