import { afterEach, describe, expect, it } from 'vitest';
import { addMonths } from '../src/core/dates.js';
import { expiryOf, findRenewals, formatRenewalsMarkdown, formatRenewalsText, parseWindow, windowEnd } from '../src/renewals/renewals.js';
import { removeTempDirs, runInProcess, STACK_LINE, tempDir } from './support/cli.js';
import { withEdits } from './support/nomination.js';
import { TEST_NOW, validateYaml } from './support/validate.js';

/** TEST_NOW is 2026-11-23. */
function dpg(name: string, reviewDate: unknown, stage = 'dpg'): string {
  return withEdits(
    [['name'], name],
    [['stage'], stage],
    [['review'], reviewDate === undefined ? undefined : { date: reviewDate, reviewer: 'registry-team' }],
  );
}

function day(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

describe('renewal windows', () => {
  it.each([
    { text: '45d', expected: { amount: 45, unit: 'd' } },
    { text: '6w', expected: { amount: 6, unit: 'w' } },
    { text: '2m', expected: { amount: 2, unit: 'm' } },
    { text: '30', expected: { amount: 30, unit: 'd' } },
    { text: '0d', expected: { amount: 0, unit: 'd' } },
    { text: '3M', expected: { amount: 3, unit: 'm' } },
  ])('accepts $text', ({ text, expected }) => {
    expect(parseWindow(text)).toMatchObject(expected);
  });

  it.each(['', '45 days', '-5d', '1y', '1.5m', 'soon', '12345d'])('rejects "%s" as a usage error', (text) => {
    expect(() => parseWindow(text)).toThrow(expect.objectContaining({ name: 'UsageError', message: expect.stringContaining('--within') }));
  });

  it.each([
    { window: '45d', until: '2027-01-07' },
    { window: '6w', until: '2027-01-04' },
    { window: '2m', until: '2027-01-23' },
    { window: '0d', until: '2026-11-23' },
  ])('$window from 2026-11-23 ends on $until', ({ window, until }) => {
    expect(windowEnd(TEST_NOW, parseWindow(window)).toISOString().slice(0, 10)).toBe(until);
  });

  it('adds calendar months, keeping to the end of short months', () => {
    expect(addMonths(day('2026-01-31'), 1).toISOString().slice(0, 10)).toBe('2026-02-28');
    expect(expiryOf(day('2024-02-29')).toISOString().slice(0, 10)).toBe('2025-02-28');
    expect(expiryOf(day('2025-12-31')).toISOString().slice(0, 10)).toBe('2026-12-31');
  });
});

describe('a review on 29 February', () => {
  // One date model for the engine and for renewals: the anniversary clamps to the month's end.
  const leap = dpg('Leap', '2024-02-29');

  it.each([
    {
      name: 'dpg renewals',
      expires: () =>
        findRenewals([{ file: 'nominations/leap.yaml', content: leap }], { now: day('2025-02-01'), window: parseWindow('45d') }).renewals[0]
          ?.expires,
    },
    {
      name: 'lifecycle/review-current',
      expires: () =>
        /expired on (\d{4}-\d{2}-\d{2})/.exec(
          validateYaml(leap, { now: day('2025-03-01') }).diagnostics.find((d) => d.ruleId === 'lifecycle/review-current')?.message ?? '',
        )?.[1],
    },
  ])('ends on 2025-02-28 in $name', ({ expires }) => {
    expect(expires()).toBe('2025-02-28');
  });

  it('is still recognised on 2025-02-27 and expired once 2025-02-28 has begun everywhere', () => {
    const expired = (now: string) =>
      validateYaml(leap, { now: new Date(now) }).diagnostics.some((d) => d.ruleId === 'lifecycle/review-current');
    expect([expired('2025-02-27T00:00:00Z'), expired('2025-02-28T12:00:00Z')]).toEqual([false, true]);
  });
});

describe('findRenewals', () => {
  const sources = [
    { file: 'nominations/later.yaml', content: dpg('Later', '2026-01-08') }, // expires 2027-01-08, day 46: outside 45d
    { file: 'nominations/edge.yaml', content: dpg('Edge', '2026-01-07') }, // expires 2027-01-07, day 45: inside
    { file: 'nominations/overdue.yaml', content: dpg('Overdue', '2025-10-01') }, // expired 2026-10-01
    { file: 'nominations/today.yaml', content: dpg('Today', '2025-11-23') },
    { file: 'nominations/fresh.yaml', content: dpg('Fresh', '2026-11-01') },
    { file: 'nominations/nominee.yaml', content: dpg('Nominee', '2024-01-01', 'nominee') },
    { file: 'nominations/undated.yaml', content: dpg('Undated', undefined) },
    { file: 'nominations/bad-date.yaml', content: dpg('Bad Date', '2025-02-30') },
    { file: 'nominations/broken.yaml', content: 'name: [unclosed' },
  ];

  it('lists expired and expiring DPGs by expiry, with days left', () => {
    const report = findRenewals(sources, { now: TEST_NOW, window: parseWindow('45d') });
    expect(report).toMatchObject({ today: '2026-11-23', window: '45d', until: '2027-01-07', dpgCount: 7 });
    expect(report.renewals.map((r) => [r.file, r.expires, r.daysLeft, r.status])).toEqual([
      ['nominations/overdue.yaml', '2026-10-01', -53, 'expired'],
      ['nominations/today.yaml', '2026-11-23', 0, 'due'],
      ['nominations/edge.yaml', '2027-01-07', 45, 'due'],
    ]);
    expect(report.problems).toEqual([
      { file: 'nominations/bad-date.yaml', name: 'Bad Date', problem: 'review date "2025-02-30" is not a date written YYYY-MM-DD' },
      { file: 'nominations/broken.yaml', problem: 'cannot be read as a nomination (run dpg validate on it)' },
      { file: 'nominations/undated.yaml', name: 'Undated', problem: 'no review date, so its expiry is unknown' },
    ]);
  });

  it('widens with the window', () => {
    const report = findRenewals(sources, { now: TEST_NOW, window: parseWindow('2m') });
    expect(report.renewals.map((r) => r.file)).toEqual([
      'nominations/overdue.yaml',
      'nominations/today.yaml',
      'nominations/edge.yaml',
      'nominations/later.yaml',
    ]);
  });
});

afterEach(removeTempDirs);

describe('dpg renewals', () => {
  const files = {
    'nominations/overdue.yaml': dpg('Overdue', '2025-10-01'),
    'nominations/edge.yaml': dpg('Edge', '2026-01-07'),
    'nominations/fresh.yaml': dpg('Fresh', '2026-11-01'),
  };

  it('prints what is due and exits 0', async () => {
    const run = await runInProcess(['renewals'], { cwd: tempDir(files) });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'nominations/overdue.yaml  expired 2026-10-01, 53 days overdue  Overdue (reviewed 2025-10-01)',
        'nominations/edge.yaml     expires 2027-01-07, in 45 days  Edge (reviewed 2026-01-07)',
        '',
        '2 of 3 DPGs to renew by 2027-01-07 (1 overdue).',
        '',
      ].join('\n'),
    );
  });

  it('says when nothing is due', async () => {
    const run = await runInProcess(['renewals', '--within', '0d', 'nominations/fresh.yaml'], { cwd: tempDir(files) });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No DPG recognition ends by 2026-11-23 (1 DPG checked).\n');
  });

  it('writes JSON and Markdown', async () => {
    const cwd = tempDir(files);
    const json = await runInProcess(['renewals', '--format', 'json', '--within', '6w'], { cwd });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ until: '2027-01-04', renewals: [{ name: 'Overdue', daysLeft: -53 }], problems: [] });
    const markdown = await runInProcess(['renewals', '--format', 'markdown'], { cwd });
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('| Overdue | nominations/overdue.yaml | 2025-10-01 | 2026-10-01 | **-53** (overdue) |');
    expect(markdown.stdout).toContain('| Edge | nominations/edge.yaml | 2026-01-07 | 2027-01-07 | 45 |');
  });

  it('shows controls and bidirectional characters of names as escapes, and keeps them inert in Markdown', () => {
    const name = 'Evil\u001b[2K\r\u202eX | <b>@team</b> https://evil.example';
    const report = findRenewals([{ file: 'nominations/evil.yaml', content: dpg(name, '2025-10-01') }], {
      now: TEST_NOW,
      window: parseWindow('45d'),
    });
    const text = formatRenewalsText(report);
    expect(text).not.toMatch(/[\u001b\r\u202e]/);
    expect(text).toContain('Evil\\u001b[2K\\u000d\\u202eX');
    const markdown = formatRenewalsMarkdown(report);
    expect(markdown).not.toMatch(/[\u001b\r\u202e]|<b>|@team|(?<!`)https:/);
    expect(markdown).toContain('| Evil\\\\u001b\\[2K \\\\u202eX \\| &lt;b&gt;@\u200dteam&lt;/b&gt; `https://evil.example` |');
  });

  it.each([
    { name: 'a bad window', args: ['renewals', '--within', 'soon'], message: /--within must be/ },
    { name: 'an unknown format', args: ['renewals', '--format', 'csv'], message: /csv/ },
    { name: 'a missing path', args: ['renewals', 'nowhere.yaml'], message: /nowhere\.yaml/ },
  ])('exits 2 on $name', async ({ args, message }) => {
    const run = await runInProcess(args, { cwd: tempDir(files) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});

describe('what each DPG owes at renewal', () => {
  /** A DPG assessed under 1.1.6 that lacks what 1.1.7 added for indicators 3 and 7. */
  function owing(name: string, reviewDate: string): string {
    return withEdits(
      [['name'], name],
      [['stage'], 'dpg'],
      [['review'], { date: reviewDate, reviewer: 'registry-team' }],
      [['repositories', 0, 'url'], `https://github.com/example-org/${name.toLowerCase()}`],
      [['standardVersion'], '1.1.6'],
      [['ownership', 'ownsAllComponents'], undefined],
      [['privacy', 'piiRequirements'], undefined],
    );
  }
  const files = {
    'nominations/soon.yaml': owing('Soon', '2026-01-07'), // expires 2027-01-07: in the 45-day window
    'nominations/lapsed.yaml': owing('Lapsed', '2025-10-01'), // expired 2026-10-01: owed now
    'nominations/later.yaml': owing('Later', '2026-06-01'), // expires 2027-06-01: after the window
    'nominations/clean.yaml': dpg('Clean', '2026-01-01'),
  };

  it('lists the gaps by indicator and rule under each DPG, and those renewing later that already owe answers', async () => {
    const run = await runInProcess(['renewals'], { cwd: tempDir(files) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      [
        'nominations/lapsed.yaml  expired 2026-10-01, 53 days overdue  Lapsed (reviewed 2025-10-01)',
        '    owes 2 answers that Standard 1.1.7 asks for (assessed under 1.1.6):',
        '      3   schema/required           Missing required key "ownsAllComponents" (Owns everything) in ownership.',
        '      7   privacy/pii-requirements  Personal data is handled',
      ].join('\n'),
    );
    expect(run.stdout).toContain('nominations/soon.yaml    expires 2027-01-07, in 45 days  Soon (reviewed 2026-01-07)\n    owes 2 answers');
    expect(run.stdout).toContain(
      'nominations/clean.yaml   expires 2027-01-01, in 39 days  Clean (reviewed 2026-01-01)\nnominations/soon.yaml',
    );
    expect(run.stdout).toContain('3 of 4 DPGs to renew by 2027-01-07 (1 overdue, 2 owing answers).');
    expect(run.stdout).toContain(
      'Owing answers at a later renewal (1 DPG):\n  nominations/later.yaml  expires 2027-06-01, in 190 days  Later (reviewed 2026-06-01)\n      owes 2 answers',
    );
    // The notes on when an answer is due are the list's own columns, not repeated in each message.
    expect(run.stdout).not.toContain('Required since Standard');
  });

  it('gives the gaps in JSON and Markdown', async () => {
    const cwd = tempDir(files);
    const json = JSON.parse((await runInProcess(['renewals', '-f', 'json'], { cwd })).stdout);
    const soon = json.renewals.find((r: { name: string }) => r.name === 'Soon');
    expect(
      soon.dueAtRenewal.map((d: { indicator: string; rule: string; by: string; overdue: boolean }) => [
        d.indicator,
        d.rule,
        d.by,
        d.overdue,
      ]),
    ).toEqual([
      ['3', 'schema/required', '2027-01-07', false],
      ['7', 'privacy/pii-requirements', '2027-01-07', false],
    ]);
    expect(
      json.renewals.find((r: { name: string }) => r.name === 'Lapsed').dueAtRenewal.every((d: { overdue: boolean }) => d.overdue),
    ).toBe(true);
    expect(json.later).toMatchObject([{ name: 'Later', status: 'later', dueAtRenewal: [{ indicator: '3' }, { indicator: '7' }] }]);
    const markdown = (await runInProcess(['renewals', '-f', 'markdown'], { cwd })).stdout;
    expect(markdown).toContain('| Soon | nominations/soon.yaml | 2026-01-07 | 2027-01-07 | 45 | 2 |');
    expect(markdown).toContain('| Clean | nominations/clean.yaml | 2026-01-01 | 2027-01-01 | 39 | – |');
    expect(markdown).toContain(
      '#### Soon (nominations/soon.yaml), by 2027-01-07\n\nOwes 2 answers that Standard 1.1.7 asks for (assessed under 1.1.6):',
    );
    expect(markdown).toContain('| 3 | schema/required | Missing required key "ownsAllComponents" (Owns everything) in ownership. |');
    expect(markdown).toContain(
      '### Owing answers at a later renewal\n\n1 DPG renewing after 2027-01-07 already owes answers:\n\n#### Later (nominations/later.yaml), by 2027-06-01',
    );
  });
});
