import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { FIXED_ANSWERS, STEPS, type Draft, type Step } from '../../src/new/questions.js';
import { checkForm, githubNewFileUrl } from '../../src/nominate/check.js';
import { judgeEligibility, NOT_A_CATEGORY, type EligibilityAnswer } from '../../src/nominate/eligibility.js';
import { dottedSegments, ensureEntries, fieldId, renderFields, tableQuestions } from '../../src/nominate/fields.js';
import { renderNominatePage } from '../../src/nominate/page.js';
import { TEST_NOW } from '../support/validate.js';

/** Answers under which every question of the table is asked: every kind, personal data, user content, … */
function everythingAsked(): Draft {
  return {
    ...FIXED_ANSWERS,
    name: 'Everything',
    categories: ['software', 'content', 'data', 'ai-model', 'standard'],
    repositories: [{ url: 'https://github.com/example/everything' }],
    organizations: [{ name: 'Example', roles: ['owner'] }],
    sdgs: [{ goal: 3 }],
    licenses: [{ spdx: 'Apache-2.0' }],
    ownership: { ownsAllComponents: false },
    platformIndependence: { hasClosedComponents: true },
    dataExtraction: { handlesNonPii: true },
    doNoHarm: {
      dataPrivacySecurity: { piiHandling: 'distributed', thirdPartySharing: true },
      inappropriateContent: { contentHandling: 'distributed' },
      harassmentProtection: { userInteraction: true },
    },
    standards: { openStandards: [{ name: 'OpenAPI' }], bestPractices: [{ name: 'Principles for Digital Development' }] },
    attestation: { name: 'A. Person' },
  };
}

function renderedKeys(html: string): string[] {
  return [...html.matchAll(/data-question="([^"]+)"/g)].map((m) => m[1]!);
}

describe("the form's fields", () => {
  it('cover every question of the table of dpg new', () => {
    const { html, bindings } = renderFields(everythingAsked());
    const table = tableQuestions().map((q) => q.key);
    expect(table.length).toBeGreaterThan(50);
    expect([...new Set(renderedKeys(html))].sort()).toEqual([...new Set(table)].sort());
    // Each field is bound back to its question, for reading the answer.
    expect(new Set([...bindings.values()].map((b) => b.question))).toEqual(new Set(tableQuestions().map((q) => q.question)));
  });

  it('follow the table: a question added to it gets a field, one whose condition fails gets none', () => {
    const steps: Step[] = [
      ...STEPS,
      { type: 'question', path: ['extra'], kind: 'text', required: true, message: 'A question only this table has' },
      { type: 'question', path: ['hidden'], kind: 'text', required: true, when: () => false, message: 'Never asked' },
    ];
    const keys = renderedKeys(renderFields(everythingAsked(), steps).html);
    expect(keys).toContain('extra');
    expect(keys).not.toContain('hidden');
  });

  it('give every control a label and tie it to its hint and message', () => {
    const { html } = renderFields(everythingAsked());
    for (const match of html.matchAll(/<(input|textarea) type="(?:text|url)"[^>]*id="([^"]+)"|<textarea id="([^"]+)"/g)) {
      const id = match[2] ?? match[3]!;
      expect(html, id).toContain(`<label for="${id}">`);
      expect(html, id).toMatch(new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*e-${id}"`));
    }
    expect(html).toContain('<legend>Which Sustainable Development Goals does it contribute to?');
  });

  it('escape the answers they show', () => {
    const { html } = renderFields({ ...everythingAsked(), name: '<img src=x onerror=alert(1)>' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('give a list its minimum of entries, and drop empty ones it no longer needs unless added by hand', () => {
    const draft: Draft = { categories: ['software'] };
    ensureEntries(draft);
    expect(draft.repositories).toEqual([{}]);
    expect(draft.organizations).toEqual([{}]);
    expect(draft.countries).toEqual({ development: [], deployment: [] });
    draft.categories = ['content'];
    const kept: Draft = {};
    (draft.licenses as Draft[]).push(kept);
    ensureEntries(draft, (entry) => entry === kept);
    expect(draft.repositories).toBeUndefined();
    expect(draft.licenses).toEqual([{}, {}]);
  });

  it.each([
    ['licenses[0].spdx', ['licenses', 0, 'spdx'], 'f-licenses-0-spdx'],
    ['countries.development[1]', ['countries', 'development', 1], 'f-countries-development-1'],
    ['name', ['name'], 'f-name'],
  ])('place %s at its field', (dotted, segments, id) => {
    expect(dottedSegments(dotted)).toEqual(segments);
    expect(fieldId(segments)).toBe(id);
  });
});

describe('the eligibility check', () => {
  const yes: Record<string, EligibilityAnswer> = { license: 'yes', sdgs: 'yes', ownership: 'yes', documentation: 'yes', harm: 'yes' };
  it.each([
    ['eligible', ['software'], yes, { eligible: true, reasons: 0, unanswered: [], unsure: [] }],
    ['not one of the five kinds', ['none'], yes, { eligible: false, reasons: 1, unanswered: [], unsure: [] }],
    ['no open licence', ['data'], { ...yes, license: 'no' }, { eligible: false, reasons: 1, unanswered: [], unsure: [] }],
    ['not sure of the SDGs', ['content'], { ...yes, sdgs: 'unsure' }, { eligible: true, reasons: 0, unanswered: [], unsure: ['sdgs'] }],
    [
      'nothing answered',
      [],
      {},
      { eligible: false, reasons: 0, unanswered: ['categories', 'license', 'sdgs', 'ownership', 'documentation', 'harm'], unsure: [] },
    ],
  ] as const)('%s', (_name, categories, answers, expected) => {
    const verdict = judgeEligibility({ categories, answers });
    expect({ ...verdict, reasons: verdict.reasons.length }).toEqual(expected);
  });

  it('says why a solution of no recognised kind cannot be nominated', () => {
    expect(judgeEligibility({ categories: ['none'], answers: {} }).reasons).toEqual([NOT_A_CATEGORY]);
  });
});

describe("the form's checks", () => {
  const settings = { config: DEFAULT_CONFIG, registry: 'nominations', existingSlugs: ['aam-digital'] };

  it('report rules by id, as dpg validate does, and a name already in the registry', () => {
    const draft = {
      ...everythingAsked(),
      name: 'Aam Digital',
      licenses: [{ spdx: 'CC-BY-ND-4.0', evidenceUrl: 'https://example.org/LICENSE' }],
    };
    const { problems, file } = checkForm(draft, settings, TEST_NOW);
    expect(file).toBe('nominations/aam-digital.yaml');
    expect(problems.find((p) => p.path === 'name')?.message).toContain('nominations/aam-digital.yaml already exists');
    expect(problems.find((p) => p.path === 'licenses[0].spdx')).toMatchObject({
      ruleId: 'license/approved-for-category',
      severity: 'error',
    });
  });

  it("make GitHub's new-file address with the file name and the content", () => {
    const content = 'name: "A & B"\n# 100% open?\n';
    const url = new URL(githubNewFileUrl('owner/registry', 'main', 'nominations/a-b.yaml', content));
    expect(url.pathname).toBe('/owner/registry/new/main');
    expect(url.search).toContain('filename=nominations/a-b.yaml&');
    expect(url.searchParams.get('value')).toBe(content);
  });
});

describe('the page', () => {
  const page = renderNominatePage({
    config: DEFAULT_CONFIG,
    registry: 'nominations',
    files: ['nominations/x<script>.yaml'],
    repository: 'owner/registry',
  });

  it('runs no inline script: its own script file, and settings as data', () => {
    expect(page).toContain("script-src 'self'");
    expect(page).not.toMatch(/unsafe-inline/);
    const scripts = [...page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((s) => s[1]!.trim())).toEqual([
      'type="application/json" id="nominate-settings"',
      'src="../assets/nominate.js" defer',
    ]);
    // No file name can open or end markup in the data block.
    expect(scripts[0]![2]).not.toContain('<');
    expect(JSON.parse(scripts[0]![2]!).existingSlugs).toEqual(['x<script>']);
  });
});
