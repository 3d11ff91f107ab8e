import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { validateReviewSources } from '../../src/review/records.js';
import { nominationStatus } from '../../src/review/status.js';
import { formatStatusText, statusMarkdown } from '../../src/formatters/status.js';
import { withEdits } from '../support/nomination.js';
import { TEST_NOW, validateYaml } from '../support/validate.js';
import { parse } from 'yaml';

async function runCli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd,
    env: {},
    stdoutIsTTY: false,
    now: TEST_NOW,
  });
  return { code, stdout, stderr };
}

const FILE = 'nominations/example-case-manager.yaml';
const ALL = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9a', '9b', '9c'];

function review(
  reviewer: string,
  verdicts: Record<string, string> = {},
  conflict = false,
): { file: string; content: string; relative: string } {
  const lines = ALL.map((id) => {
    const verdict = verdicts[id] ?? 'meets';
    return `  "${id}": { verdict: ${verdict}${verdict === 'meets' ? '' : ', comment: Evidence missing.'} }`;
  });
  const coi = conflict ? '\n  - description: Works for the owner.' : ' []';
  return {
    file: `reviews/example-case-manager/${reviewer}.yaml`,
    relative: `example-case-manager/${reviewer}.yaml`,
    content: `reviewer: ${reviewer}\ndate: 2026-11-01\nconflictsOfInterest:${coi}\nindicators:\n${lines.join('\n')}\n`,
  };
}

function status(
  yaml: string,
  reviews: Array<ReturnType<typeof review>>,
  minReviews = 2,
  excluded?: Parameters<typeof nominationStatus>[3]['excluded'],
) {
  const { records } = validateReviewSources(reviews, {
    nominations: new Set(['example-case-manager']),
    config: DEFAULT_CONFIG,
    now: TEST_NOW,
  });
  return nominationStatus(validateYaml(yaml, { file: FILE }), parse(yaml), records, { minReviews, ...(excluded ? { excluded } : {}) });
}

/** The same reviewer's review under another file name (`.yml`, another case). */
function renamed(source: ReturnType<typeof review>, name: string, reviewer = name): ReturnType<typeof review> {
  return {
    file: `reviews/example-case-manager/${name}`,
    relative: `example-case-manager/${name}`,
    content: source.content.replace(/^reviewer: .*$/m, `reviewer: ${reviewer}`),
  };
}

describe('review status', () => {
  it.each([
    { name: 'two clean reviews and clean checks: ready', yaml: withEdits(), reviews: [review('amina'), review('lucas')], missing: [] },
    { name: 'one review of two', yaml: withEdits(), reviews: [review('amina')], missing: ['1 of 2 reviews'] },
    {
      name: 'a review with a conflict of interest does not count',
      yaml: withEdits(),
      reviews: [review('amina'), review('lucas', {}, true)],
      missing: ['1 of 2 reviews'],
    },
    {
      name: 'an objection blocks',
      yaml: withEdits(),
      reviews: [review('amina', { 2: 'does-not-meet' }), review('lucas', { 7: 'needs-information', '9a': 'needs-information' })],
      missing: ['does-not-meet on 2 (@amina)', 'needs-information on 7 (@lucas) and 9a (@lucas)'],
    },
    {
      name: 'automated errors block',
      yaml: withEdits([['licenses', 0, 'spdx'], 'CC-BY-ND-4.0']),
      reviews: [review('amina'), review('lucas')],
      missing: ['automated checks: 1 error'],
    },
    { name: 'minReviews 0 with no reviews is ready once the checks pass', yaml: withEdits(), reviews: [], minReviews: 0, missing: [] },
  ])('$name', ({ yaml, reviews, minReviews, missing }) => {
    const result = status(yaml, reviews, minReviews);
    expect(result.missing).toEqual(missing);
    expect(result.ready).toBe(missing.length === 0);
  });

  it('lists indicators nobody has judged yet', () => {
    const partial = review('amina');
    partial.content = partial.content
      .split('\n')
      .filter((l) => !/"9[abc]"/.test(l))
      .join('\n');
    expect(
      status(withEdits(), [
        partial,
        {
          ...partial,
          file: partial.file.replace('amina', 'lucas'),
          relative: partial.relative.replace('amina', 'lucas'),
          content: partial.content.replace('amina', 'lucas'),
        },
      ]).missing,
    ).toEqual(['no verdict yet on 9a, 9b and 9c']);
  });

  it('shows automated and human verdicts side by side', () => {
    const result = status(withEdits([['licenses', 0, 'spdx'], 'CC-BY-ND-4.0']), [
      review('amina', { 2: 'does-not-meet' }),
      review('lucas', {}, true),
    ]);
    const text = formatStatusText([result]);
    expect(text).toContain('  #   automated  @amina         @lucas*\n');
    expect(text).toContain('  2   FAIL       DOES NOT MEET  meets\n');
    expect(text).toContain('  * @lucas does not count: declared a conflict of interest\n');
    const markdown = statusMarkdown(result);
    expect(markdown).toContain('| 2 | Use of an approved open licence | ❌ fail | ❌ does not meet | ✅ meets |');
    expect(markdown).toContain('- @\u200damina on 2: Evidence missing.');
  });

  it("counts one review per reviewer, whatever the file name's extension or case", () => {
    const amina = review('amina');
    const result = status(withEdits(), [amina, renamed(amina, 'amina.yml', 'amina'), renamed(amina, 'Amina.yaml', 'Amina')]);
    expect(result.countedReviews).toBe(1);
    expect(result.missing).toEqual(['1 of 2 reviews']);
    expect(result.reviews.filter((r) => !r.counted).map((r) => r.excluded)).toEqual([
      '@amina has a counted review of this nomination already (reviews/example-case-manager/Amina.yaml); one review per reviewer counts',
      '@amina has a counted review of this nomination already (reviews/example-case-manager/Amina.yaml); one review per reviewer counts',
    ]);
  });

  it('does not count a record its exclusion rule rejects, and says why', () => {
    const result = status(withEdits(), [review('amina'), review('outsider')], 2, (r) =>
      r.reviewer === 'outsider' ? 'not listed' : undefined,
    );
    expect(result.countedReviews).toBe(1);
    expect(formatStatusText([result])).toContain('  * @outsider does not count: not listed\n');
  });
});

describe('dpg status', () => {
  it('counts only reviewers listed by name in reviewers.yaml, and says why the others do not count', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dpg-status-'));
    try {
      mkdirSync(path.join(dir, 'nominations'));
      writeFileSync(path.join(dir, 'nominations', 'example-case-manager.yaml'), withEdits());
      writeFileSync(
        path.join(dir, 'reviewers.yaml'),
        'maintainers: [ana]\ngroups:\n  - name: Health CoP\n    members: ["@org/health", amina]\n    match: { sectors: [Health] }\n',
      );
      for (const r of [review('amina'), review('lucas'), renamed(review('amina'), 'AMINA.yml', 'AMINA')]) {
        mkdirSync(path.dirname(path.join(dir, r.file)), { recursive: true });
        writeFileSync(path.join(dir, r.file), r.content);
      }
      const result = await runCli(['status', 'example-case-manager'], dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('  reviews: 1 of 2 counted\n');
      expect(result.stdout).toContain(
        '  * @lucas does not count: @lucas is not listed by name in reviewers.yaml; membership of a listed team is confirmed only on the pull request, through GitHub\n',
      );
      expect(result.stdout).toContain(
        '  * @amina does not count: @amina has a counted review of this nomination already (reviews/example-case-manager/AMINA.yml); one review per reviewer counts\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the status of an approved DPG (today is 2026-11-23)', () => {
  // Assessed under 1.1.6, without what 1.1.7 added for indicators 3, 4 and 7.
  const approvedDpg = (date: string) =>
    withEdits(
      [['stage'], 'dpg'],
      [['review'], { date, reviewer: 'registry-team' }],
      [['standardVersion'], '1.1.6'],
      [['ownership', 'ownsAllComponents'], undefined],
      [['platformIndependence', 'coreDependencies'], undefined],
      [['privacy', 'piiRequirements'], undefined],
    );

  it('says it is recognised until the end of its recognition and what is due at renewal, not that it waits for reviews', () => {
    const result = status(approvedDpg('2026-05-04'), []);
    expect(result.recognition).toMatchObject({ state: 'current', reviewDate: '2026-05-04', until: '2027-05-04' });
    expect(result.recognition!.dueAtRenewal.map((d) => [d.indicator, d.rule])).toEqual([
      ['3', 'schema/required'],
      ['4', 'schema/required'],
      ['7', 'privacy/pii-requirements'],
    ]);
    expect(result.indicators.filter((r) => r.automated === 'due').map((r) => r.indicator)).toEqual(['3', '4', '7']);
    expect(result.indicators.find((r) => r.indicator === '1')!.automated).toBe('pass');
    // A decision to recognise it is still judged by the reviews (dpg comment checks `ready`).
    expect(result.ready).toBe(false);

    const text = formatStatusText([result]);
    expect(text).toContain(`${FILE}  Example Case Manager (stage dpg): recognised until 2027-05-04; 3 answers due at renewal\n`);
    expect(text).toContain('  3   due\n');
    expect(text).toContain(
      '  due at renewal, by 2027-05-04 (asked since Standard 1.1.7; assessed under 1.1.6):\n' +
        '    3   schema/required           Missing required key "ownsAllComponents" (Owns everything) in ownership.\n',
    );
    expect(text).not.toMatch(/not ready|reviews: 0 of 2|missing:/);
    expect(text).toContain('\n1 DPG recognised (1 owing answers at renewal).\n');

    const markdown = statusMarkdown(result);
    expect(markdown).toContain('| 3 | Clear ownership | ⏳ due at renewal |');
    expect(markdown).toContain('**Recognised as a DPG until 2027-05-04**; ⏳ 3 answers due at renewal on indicators 3, 4, 7.');
    expect(markdown).not.toContain('Not ready');
    // On a pull request that takes the decision, readiness is what the comment must show.
    expect(statusMarkdown(result, '####', true)).toContain('**Not ready for a decision**: 0 of 2 reviews.');
  });

  it('says an ended recognition expired, and that what it owes is due now', () => {
    const result = status(approvedDpg('2025-10-01'), []);
    expect(result.recognition).toMatchObject({ state: 'expired', until: '2026-10-01' });
    const text = formatStatusText([result]);
    expect(text).toContain('(stage dpg): recognition expired on 2026-10-01; renew it with a new review (3 answers due now)\n');
    expect(text).toContain('  3   FAIL\n');
    expect(text).toContain('  due now (asked since Standard 1.1.7; assessed under 1.1.6):\n');
    expect(text).toContain('\n1 expired.\n');
    expect(statusMarkdown(result)).toContain(
      '**Recognition expired on 2026-10-01**: renew it with a new review, with the 3 answers it owes on indicators 3, 4, 7 (due now).',
    );
  });

  it('dpg status shows DPGs and nominees each for what they are', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dpg-status-'));
    try {
      mkdirSync(path.join(dir, 'nominations'));
      writeFileSync(path.join(dir, 'nominations', 'example-case-manager.yaml'), approvedDpg('2026-05-04'));
      writeFileSync(
        path.join(dir, 'nominations', 'newcomer.yaml'),
        withEdits([['name'], 'Newcomer'], [['repositories', 0, 'url'], 'https://github.com/example-org/newcomer']),
      );
      const result = await runCli(['status'], dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        'nominations/example-case-manager.yaml  Example Case Manager (stage dpg): recognised until 2027-05-04; 3 answers due at renewal\n',
      );
      expect(result.stdout).toContain('nominations/newcomer.yaml  Newcomer (stage nominee): not ready\n');
      expect(result.stdout).toContain('\n0 of 1 nomination ready for a decision; 1 DPG recognised (1 owing answers at renewal).\n');
      const json = JSON.parse((await runCli(['status', '-f', 'json', 'example-case-manager'], dir)).stdout);
      expect(json[0].recognition).toMatchObject({
        state: 'current',
        until: '2027-05-04',
        dueAtRenewal: [{ indicator: '3' }, { indicator: '4' }, { indicator: '7' }],
      });
      expect(json[0].indicators[2]).toMatchObject({ indicator: '3', automated: 'due' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
