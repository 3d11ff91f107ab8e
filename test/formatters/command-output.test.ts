import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatStatusText } from '../../src/formatters/status.js';
import type { NominationStatus } from '../../src/review/status.js';
import { removeTempDirs, runInProcess, tempDir } from '../support/cli.js';
import { validNominationText } from '../support/nomination.js';

afterEach(removeTempDirs);

/** Every character that must not reach a terminal unescaped (line feeds lay the output out). */
const ACTING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const HOSTILE = '\u001b[2K\u001b]52;c;cm0=\u0007\r\b\u202eevil\u2066';
const SHOWN = '\\u001b[2K\\u001b]52;c;cm0=\\u0007\\u000d\\u0008\\u202eevil\\u2066';

describe('the compact text of commands shows controls and bidirectional characters as escapes', () => {
  it('dpg status', () => {
    const status: NominationStatus = {
      slug: 'evil',
      file: `nominations/${HOSTILE}.yaml`,
      name: `Name ${HOSTILE}`,
      stage: `nominee${HOSTILE}`,
      automated: { errors: 0, warnings: 0 },
      reviews: [
        {
          reviewer: `rev${HOSTILE}`,
          date: '2026-01-01',
          file: 'reviews/evil/rev.yaml',
          counted: false,
          excluded: `conflict ${HOSTILE}`,
          verdicts: {},
        },
      ],
      indicators: [{ indicator: '1', title: 'Relevance to the SDGs', automated: 'pass', human: {} }],
      countedReviews: 0,
      minReviews: 2,
      missing: [`a review ${HOSTILE}`],
      ready: false,
    };
    const text = formatStatusText([status]);
    expect(text).not.toMatch(ACTING);
    expect(text).toContain(`nominations/${SHOWN}.yaml  Name ${SHOWN} (stage nominee${SHOWN})`);
    expect(text).toContain(`* @rev${SHOWN} does not count: conflict ${SHOWN}`);
    expect(text).toContain(`missing: a review ${SHOWN}`);
  });

  it('dpg import', async () => {
    const record = readFileSync(path.resolve(__dirname, '../fixtures/dpga/nominees/aam-digital.json'), 'utf8');
    const cwd = tempDir({ [`old/aam${HOSTILE}.json`]: record, [`old/broken${HOSTILE}.json`]: '{' });
    const run = await runInProcess(['import', 'old', '--dry-run'], { cwd });
    expect(run.stdout).not.toMatch(ACTING);
    expect(run.stdout).toContain(`old/aam${SHOWN}.json → nominations/aam-digital.yaml: would write`);
    expect(run.stdout).toContain(`old/broken${SHOWN}.json: failed (old/broken${SHOWN}.json`);
  });

  it('dpg fix --dry-run: the diff and the list of fixes', async () => {
    const file = 'nominations/example-case-manager.yaml';
    const text = validNominationText().replace(
      'website: https://www.aam-digital.com\n',
      `website: http://www.aam-digital.com # ${HOSTILE}\n`,
    );
    const run = await runInProcess(['fix', '--dry-run', '--no-color', file], { cwd: tempDir({ [file]: text }) });
    expect(run.stdout).toContain(`\n-website: http://www.aam-digital.com # ${SHOWN}\n+website: https://www.aam-digital.com # ${SHOWN}\n`);
    expect(run.stdout).not.toMatch(ACTING);
  });

  it('dpg rules, with docs under a hostile base address from the configuration', async () => {
    const cwd = tempDir({
      'dpg.config.yaml': `docsBaseUrl: "https://example.org/${HOSTILE.replace(/\\/g, '\\\\').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}/"\n`,
    });
    const run = await runInProcess(['rules'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(ACTING);
    expect(run.stdout).toContain(`https://example.org/${SHOWN}/url/https.md`);
  });
});

describe('the log lines of dpg comment', () => {
  it('never let a value start a line, so no workflow command can be forged', async () => {
    const { describeHumanReview } = await import('../../src/cli/commands/comment.js');
    type Outcome = Parameters<typeof describeHumanReview>[0];
    const forged = 'nominations/a\n::error::forged\r::warning::x.yaml';
    const outcome = {
      requested: ['@amina\n::error::requested'],
      refused: [{ name: '@x', why: 'refused\n::add-mask::secret' }],
      decisions: [
        { file: forged, change: 'stage nominee\n::error::from → dpg', accepted: false, reason: `set by @x\n::error::reason ${HOSTILE}` },
      ],
    } as unknown as Outcome;
    const lines = describeHumanReview(outcome, false);
    const log = lines.join('\n');
    expect(lines).toHaveLength(3);
    expect(log.split('\n')).toHaveLength(3);
    expect(log).not.toMatch(ACTING);
    expect(log.split('\n').every((line) => !/^\s*::/.test(line))).toBe(true);
    expect(log).toContain(
      'decision: nominations/a\\u000a::error::forged\\u000d::warning::x.yaml stage nominee\\u000a::error::from → dpg rejected',
    );
  });
});
