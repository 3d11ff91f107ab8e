import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSources } from '../../src/lint/engine.js';
import { checkAnswers } from '../../src/new/answers.js';
import { renderNomination } from '../../src/new/output.js';
import { NOT_A_CATEGORY } from '../../src/nominate/eligibility.js';
import { loadConfig } from '../../src/runner/files.js';
import { closeServer, launchChromium, SCREENSHOTS, serveFolder } from '../support/browser.js';
import { REPO_ROOT, removeTempDirs, runInProcess, tempDir } from '../support/cli.js';
import { TEST_NOW } from '../support/validate.js';

/**
 * The nomination form of the published site in Debian's chromium, served from a loopback server;
 * every request that is not to that server is blocked and recorded.
 */

const REPOSITORY = 'example-org/dpg-registry';

let site: string;
let server: Server;
let browser: Browser;
let base: string;
const problems: string[] = [];
const outside: string[] = [];

/** A page in a context of its own, so each test starts with an empty localStorage. */
async function open(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.route('**/*', (route) => {
    const target = new URL(route.request().url());
    if (target.hostname === '127.0.0.1' || target.protocol === 'blob:' || target.protocol === 'data:') return route.continue();
    outside.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  return page;
}

async function answerEligibility(page: Page, categories: string[]): Promise<void> {
  for (const category of categories) await page.locator(`input[name="elig-categories"][value="${category}"]`).check();
  for (const id of ['license', 'sdgs', 'ownership', 'documentation', 'harm']) await page.locator(`#elig-${id}-yes`).check();
}

/** The messages and rule ids shown next to a field. */
async function shownAt(page: Page, id: string): Promise<Array<{ message: string; rule: string | null }>> {
  const items = page.locator(`#e-${id} .problem.error`);
  const out: Array<{ message: string; rule: string | null }> = [];
  for (let i = 0; i < (await items.count()); i++) {
    out.push({ message: (await items.nth(i).locator('.message').textContent()) ?? '', rule: await items.nth(i).getAttribute('data-rule') });
  }
  return out;
}

beforeAll(async () => {
  site = path.join(tempDir(), 'site');
  const run = await runInProcess(['build', '--out', site], {
    cwd: REPO_ROOT,
    env: { GITHUB_REPOSITORY: REPOSITORY, GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' },
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(
    existsSync(path.join(site, 'nominate/index.html')),
    'dpg build wrote no nominate/index.html; is dist/nominate.js built (npm run build)?',
  ).toBe(true);
  ({ server, base } = await serveFolder(site, problems));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await closeServer(server);
  removeTempDirs();
});

describe('the nomination form in chromium', () => {
  it('tells a nominator whose solution is not of the five kinds why, before the form', async () => {
    const page = await open(`${base}nominate/`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'nominate-eligibility.png'), fullPage: true });
    // Continuing with nothing answered lists the questions and moves focus to that list.
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('eligibility-summary');
    expect(await page.locator('#eligibility-summary li').count()).toBe(6);
    await answerEligibility(page, ['none']);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('#eligibility-outcome').textContent()).resolves.toContain(NOT_A_CATEGORY);
    expect(await page.locator('#step-nomination').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'nominate-ineligible.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it("checks the answers with the CLI's messages, and gives a file that dpg validate passes", async () => {
    const page = await open(`${base}nominate/`);
    await answerEligibility(page, ['software']);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('#step-nomination-title').isVisible()).resolves.toBe(true);
    // The kind chosen in the eligibility check is the nomination's category.
    expect(await page.locator('#f-categories input[value="software"]').isChecked()).toBe(true);

    await page.getByLabel(/What is the name of the solution/).fill('Village Water Ledger');
    await page.locator('#f-description').fill('An open-source app that lets villages record and share water-point repairs.');
    await page.getByLabel(/Its public website/).fill('https://water-ledger.example.org');
    await page.locator('#f-repositories-0-url').fill('https://github.com/example-org/water-ledger');
    await page.locator('#f-organizations-0-name').fill('Water Ledger Foundation');
    await page.locator('#f-organizations-0-roles input[value="owner"]').check();
    await page.locator('#f-organizations-0-country').fill('Narnia');
    await page.locator('#f-sectors').fill('Water, Sanitation');
    await page.locator('#f-sdgs-goal input[value="6"]').check();
    await page
      .locator('#f-sdgs-0-evidenceText')
      .fill('Repairs recorded in the app cut the downtime of village water points, serving target 6.1.');
    await page.locator('#f-licenses-0-spdx').fill('CC-BY-ND-4.0');
    await page.locator('#f-licenses-0-evidenceUrl').fill('https://github.com/example-org/water-ledger/blob/main/LICENSE');
    await page.locator('#f-ownership-ownerType input[value="organization"]').check();
    await page.locator('#f-ownership-evidenceUrls').fill('https://github.com/example-org/water-ledger/blob/main/COPYRIGHT');
    await page.locator('#f-ownership-ownsAllComponents input[value="true"]').check();
    await page.locator('#f-platformIndependence-coreDependencies').fill('Kotlin, SQLite');
    await page.locator('#f-platformIndependence-hasClosedComponents input[value="false"]').check();
    await page.locator('#f-documentation-urls').fill('https://github.com/example-org/water-ledger/blob/main/docs/README.md');
    await page.locator('#f-dataExtraction-handlesNonPii input[value="false"]').check();
    await page.locator('#f-doNoHarm-dataPrivacySecurity-piiHandling input[value="none"]').check();
    await page.locator('#f-privacy-laws').fill('GDPR');
    await page.getByRole('button', { name: 'Add a best practice' }).click();
    await page.locator('#f-standards-bestPractices-0-name').fill('Principles for Digital Development');
    await page.locator('#f-standards-bestPractices-0-evidenceText').fill('Designed with the villages that use it, and open by default.');
    await page.locator('#f-doNoHarm-preventionSteps').fill('No personal data is collected; repair records name water points, not people.');
    await page.locator('#f-doNoHarm-inappropriateContent-contentHandling input[value="none"]').check();
    await page.locator('#f-doNoHarm-harassmentProtection-userInteraction input[value="false"]').check();

    await page.getByRole('button', { name: 'Check and make the file' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('nomination-summary');
    const summary = await page.locator('#nomination-summary li').allTextContents();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'nominate-errors.png'), fullPage: true });

    // The same data through the engine in Node, as `dpg validate` runs it.
    const draft = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('dpg-nominate-draft')!) as { draft: Record<string, unknown> }).draft,
    );
    const { config } = loadConfig(REPO_ROOT);
    const checked = checkAnswers(draft, { nameProblem: () => undefined, maxGoals: 17 }).draft;
    const [result] = validateSources(
      [{ file: 'nominations/village-water-ledger.yaml', content: renderNomination(checked, '../schemas/nomination.schema.json') }],
      { config, now: TEST_NOW },
    );
    const errors = result!.diagnostics.filter((d) => d.severity === 'error');
    const at = (pointer: string) => errors.filter((d) => d.path === pointer).map((d) => ({ message: d.message, rule: d.ruleId }));
    const licence = at('/licenses/0/spdx');
    const country = at('/organizations/0/country');
    expect(licence.map((d) => d.rule)).toContain('license/approved-for-category');
    expect(country.map((d) => d.rule)).toEqual(['country/iso-3166']);
    expect(await shownAt(page, 'f-licenses-0-spdx')).toEqual(licence);
    expect(await shownAt(page, 'f-organizations-0-country')).toEqual(country);
    // Nothing else is wrong, and every error of the engine is in the summary.
    expect(errors.map((d) => d.path).sort(), JSON.stringify(errors)).toEqual(
      [...licence.map(() => '/licenses/0/spdx'), '/organizations/0/country'].sort(),
    );
    expect(summary).toEqual(expect.arrayContaining([...licence, ...country].map((d) => expect.stringContaining(d.message))));
    expect(summary).toHaveLength(errors.length);
    // Fields and their messages are tied together for screen readers; the summary links to the field.
    expect(await page.locator('#f-licenses-0-spdx').getAttribute('aria-describedby')).toContain('e-f-licenses-0-spdx');
    expect(await page.locator('#f-licenses-0-spdx').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#nomination-summary a[href="#f-organizations-0-country"]').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-organizations-0-country');

    await page.locator('#f-licenses-0-spdx').fill('Apache-2.0');
    await page.locator('#f-organizations-0-country').fill('Kenya');
    await page.getByRole('button', { name: 'Check and make the file' }).click();
    await expect(page.locator('#nomination-output').isVisible()).resolves.toBe(true);
    expect(await page.locator('#nomination-summary').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'nominate-file.png'), fullPage: true });

    const shown = (await page.locator('#yaml-text').textContent())!;
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    expect(download.suggestedFilename()).toBe('village-water-ledger.yaml');
    const registry = tempDir();
    mkdirSync(path.join(registry, 'nominations'));
    const file = path.join(registry, 'nominations', 'village-water-ledger.yaml');
    await download.saveAs(file);
    const yaml = readFileSync(file, 'utf8');
    expect(yaml).toBe(shown);
    if (existsSync(path.join(REPO_ROOT, 'dpg.config.yaml')))
      writeFileSync(path.join(registry, 'dpg.config.yaml'), readFileSync(path.join(REPO_ROOT, 'dpg.config.yaml')));
    const validate = await runInProcess(['validate', 'nominations/village-water-ledger.yaml'], { cwd: registry });
    expect(validate.code, validate.stdout + validate.stderr).toBe(0);

    // GitHub's "new file" page of the registry, with the file filled in.
    const github = new URL((await page.locator('#open-github').getAttribute('href'))!);
    expect(`${github.origin}${github.pathname}`).toBe(`https://github.com/${REPOSITORY}/new/main`);
    expect(github.searchParams.get('filename')).toBe('nominations/village-water-ledger.yaml');
    expect(github.searchParams.get('value')).toBe(yaml);

    // The draft is kept: a reload comes back to the nomination with the answers.
    await page.reload();
    expect(await page.locator('#f-name').inputValue()).toBe('Village Water Ledger');
    expect(await page.locator('#f-organizations-0-country').inputValue()).toBe('Kenya');
    await page.context().close();
  }, 120_000);

  it('made no request outside the loopback server, and the pages had no errors', () => {
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
  });
});
