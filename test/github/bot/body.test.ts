import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCS_BASE_URL } from '../../../src/config/config.js';
import { escapeMarkdownText } from '../../../src/formatters/markdown.js';
import type { FormatterOptions } from '../../../src/formatters/types.js';
import { COMMENT_MARKER, MAX_COMMENT_LENGTH, parseVerdictMarker, renderComment } from '../../../src/github/bot/body.js';
import type { CommentContext } from '../../../src/github/bot/context.js';
import { ALL_RULES } from '../../../src/rules/index.js';
import type { FileResult } from '../../../src/core/types.js';
import { diagnostic, failingResults, fileResult, HEAD_SHA, passingResults } from '../results.js';

const HOSTILE =
  'Licence "<script>alert(1)</script>" is not approved; ask @everyone and @octo-org/admins, see #1 and owner/repo#12 | GH-7\n' +
  'second line [x](javascript:alert(1)) ![pixel](https://tracker.example/p.png) **bold** `code` <!-- dpg-review --> &amp;';

const FORMAT: FormatterOptions = { color: false, docsBaseUrl: DEFAULT_DOCS_BASE_URL, rules: ALL_RULES, version: '0.1.0' };

function render(results: readonly FileResult[], context: CommentContext = {}): { body: string; verdict: 'pass' | 'fail' } {
  return renderComment(results, FORMAT, context);
}

const CONTEXT: CommentContext = {
  commitSha: HEAD_SHA,
  repositoryUrl: 'https://github.com/dpg-registry/registry',
  summaryUrl: 'https://github.com/dpg-registry/registry/actions/runs/42',
};

/** One failing nomination with hostile text everywhere text can come from, one clean one, and a deleted file. */
function canonicalResults(): FileResult[] {
  return [
    fileResult(
      'nominations/open-atlas.yaml',
      [
        diagnostic({ ruleId: 'license/approved-for-category', indicator: '2', message: HOSTILE, line: 14 }),
        diagnostic({
          ruleId: 'url/https',
          indicator: '5',
          severity: 'warning',
          message: 'Use https:// for http://docs.example.org.',
          line: 31,
        }),
        diagnostic({
          ruleId: 'sdg/evidence-required',
          indicator: '1',
          severity: 'info',
          message: 'SDG 4 has no evidence.',
          line: 9,
          waived: { reason: 'agreed with @maintainers in #3', approvedBy: '<img src=x onerror=alert(1)>' },
        }),
        diagnostic({ ruleId: 'yaml/syntax', message: 'Tab character | not allowed', line: 2 }),
      ],
      [
        ['1', 'Is the evidence for each SDG convincing?'],
        ['3', 'Is @everyone the real owner? | <b>check</b>'],
      ],
    ),
    fileResult('nominations/@octocat-[x](javascript:1)|.yaml', []),
    fileResult('nominations/gone.yaml', [
      diagnostic({ ruleId: 'git/deleted-nomination', severity: 'info', message: 'Deleting a nomination delists it.', line: 1 }),
    ]),
  ];
}

/** Pipes that split table cells (unescaped). */
function cellSeparators(line: string): number {
  return (line.match(/(?<!\\)\|/g) ?? []).length;
}

describe('pull-request comment', () => {
  it('matches the snapshot for the canonical result', async () => {
    const body = render(canonicalResults(), CONTEXT).body;
    await expect(body).toMatchFileSnapshot('__snapshots__/comment.md');
  });

  it('escapes every kind of hostile text', () => {
    const body = render(canonicalResults(), CONTEXT).body;
    expect(body).not.toContain('<script>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('<b>');
    expect(body.match(/<!-- dpg-review -->/g)).toHaveLength(1);
    expect(body).not.toMatch(/@(?!\u200d)[\w-]/);
    expect(body).toContain('@\u200deveryone');
    expect(body).not.toMatch(/#\d/);
    expect(body).not.toMatch(/\bGH-\d/i);
    expect(body).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(body).not.toMatch(/(?<!\\)!\\?\[pixel/);
    expect(body).toContain('\\*\\*bold\\*\\*');
    expect(body).toContain('&amp;amp;');
    // The message's newline must not end its list item.
    const item = body.split('\n').find((l) => l.includes('second line'))!;
    expect(item.startsWith('- ❌ ')).toBe(true);
    for (const line of body.split('\n').filter((l) => l.startsWith('|'))) expect(cellSeparators(line)).toBe(4);
  });

  it('links each problem to its line at the commit and to its rule docs', () => {
    const body = render(failingResults(), CONTEXT).body;
    expect(body).toContain(
      `[nominations/open-atlas.yaml:14](https://github.com/dpg-registry/registry/blob/${HEAD_SHA}/nominations/open-atlas.yaml#L14)`,
    );
    expect(body).toContain(`(${DEFAULT_DOCS_BASE_URL}license/approved-for-category.md)`);
    expect(body).toContain(`[\`${HEAD_SHA.slice(0, 7)}\`](https://github.com/dpg-registry/registry/commit/${HEAD_SHA})`);
  });

  it('encodes hostile file names inside link targets', () => {
    const body = render(
      [fileResult('nominations/a) [b].yaml', [diagnostic({ ruleId: 'yaml/syntax', message: 'bad', line: 3 })])],
      CONTEXT,
    ).body;
    expect(body).toContain('/nominations/a%29%20%5Bb%5D.yaml#L3)');
  });

  it('writes no links without a repository and commit', () => {
    const body = render(failingResults()).body;
    expect(body).toContain('- ❌ nominations/open-atlas.yaml:14 — ');
    expect(body).not.toContain('open-atlas.yaml#L');
  });

  it.each([
    {
      name: 'errors',
      results: failingResults(),
      verdict: 'fail',
      heading: '## ❌ DPG checks: changes needed — 1 error, 1 warning in 1 of 1 nomination',
    },
    { name: 'no problems', results: passingResults(), verdict: 'pass', heading: '## ✅ DPG checks passed — 1 nomination, no problems' },
    {
      name: 'warnings only',
      results: [
        fileResult('nominations/a.yaml', [diagnostic({ ruleId: 'url/https', indicator: '5', severity: 'warning', message: 'w', line: 2 })]),
      ],
      verdict: 'pass',
      heading: '## ✅ DPG checks passed — 1 warning, 1 nomination checked',
    },
    { name: 'nothing changed', results: [], verdict: 'pass', heading: '## ✅ DPG checks passed — no nominations changed' },
  ])('states a one-line verdict: $name', ({ results, verdict, heading }) => {
    const { body, verdict: actual } = render(results);
    expect(actual).toBe(verdict);
    expect(parseVerdictMarker(body)).toBe(verdict);
    expect(body.split('\n').slice(0, 3)).toEqual([COMMENT_MARKER, `<!-- dpg-verdict: ${verdict} -->`, heading]);
  });

  it('shows every indicator with its status', () => {
    const body = render(failingResults()).body;
    expect(body).toContain('| 2 | Use of an approved open licence | ❌ fail (1 error) |');
    expect(body).toContain('| 5 | Documentation | ⚠️ warning (1 warning) |');
    expect(body).toContain('| 9c | Protection from harassment | ✅ pass |');
    expect(body.split('\n').filter((l) => /^\| (\d|9[abc]) \|/.test(l))).toHaveLength(12);
  });

  it('lists deleted files and change notes apart from the nominations, failing on their errors', () => {
    const results = [
      fileResult('nominations/gone.yaml', [diagnostic({ ruleId: 'git/delisting-without-reason', message: 'Record why.', line: 1 })]),
    ];
    const { body, verdict } = render(results, { notes: [{ file: 'src/evil.ts', severity: 'warning', message: 'outside the registry' }] });
    expect(verdict).toBe('fail');
    // Errors first: they are what must survive a shortening.
    expect(body).toMatch(
      /#### Other changes in this pull request\n- ❌ nominations\/gone\.yaml — Record why\. · \S+\n- ⚠️ src\/evil\.ts — outside the registry\n/,
    );
    expect(body).not.toContain('### ❌ nominations/gone.yaml');
  });

  it("stays under GitHub's limit, keeps every failing file and points to the job summary when there is too much", () => {
    const many = Array.from({ length: 40 }, (_, f) =>
      fileResult(
        `nominations/n${f}.yaml`,
        Array.from({ length: 60 }, (_, i) =>
          diagnostic({
            ruleId: 'license/approved-for-category',
            indicator: '2',
            message: `problem ${i} <${'x'.repeat(200)}>`,
            line: i + 1,
          }),
        ),
      ),
    );
    const { body } = render(many, CONTEXT);
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body).toMatch(
      /This comment is shortened.*\d+ problems not shown here; see the \[full report in the job summary\]\(https:\/\/github\.com\/dpg-registry\/registry\/actions\/runs\/42\)/,
    );
    expect(body).toContain(COMMENT_MARKER);
    expect(body.trimEnd().endsWith('</sub>')).toBe(true);
    for (let f = 0; f < 40; f++)
      expect(body).toContain(
        `### ❌ [nominations/n${f}.yaml](https://github.com/dpg-registry/registry/blob/${HEAD_SHA}/nominations/n${f}.yaml)\n\n60 errors`,
      );
    const shown = body.split('\n').filter((l) => l.startsWith('- ❌')).length;
    const more = [...body.matchAll(/^- … and (\d+) more — see the check run's annotations or the \[full report/gm)].map((m) =>
      Number(m[1]),
    );
    expect(more).toHaveLength(40);
    const omitted = Number(/(\d+) problems/.exec(body.slice(body.indexOf('shortened')))![1]);
    expect(shown + omitted).toBe(40 * 60);
    expect(more.reduce((a, b) => a + b, 0)).toBe(omitted);
  });

  it('is not shortened when everything fits', () => {
    expect(render(failingResults(), CONTEXT).body).not.toContain('shortened');
  });

  it.each([
    { name: 'html', input: '<a href="x">&</a>', expected: '&lt;a href="x"&gt;&amp;&lt;/a&gt;' },
    { name: 'mention', input: '@everyone', expected: '@\u200deveryone' },
    { name: 'issue reference', input: 'owner/repo#12', expected: 'owner/repo#\u200d12' },
    { name: 'table cell', input: 'a | b', expected: 'a \\| b' },
    { name: 'newlines', input: 'a\r\nb\nc', expected: 'a b c' },
    { name: 'link', input: '[x](javascript:alert(1))', expected: '\\[x\\](javascript:alert(1))' },
    { name: 'image', input: '![x](y)', expected: '\\!\\[x\\](y)' },
    { name: 'bidi override', input: 'abc\u202Edef', expected: 'abc\\\\u202edef' },
    { name: 'terminal escape', input: 'a\u001b[8mb\u0008', expected: 'a\\\\u001b\\[8mb\\\\u0008' },
    { name: 'bare address', input: 'see https://evil.example/a_b?x=1&y=2 now', expected: 'see `https://evil.example/a_b?x=1&y=2` now' },
    { name: 'www address', input: 'WWW.evil.example|next', expected: '`WWW.evil.example`\\|next' },
    { name: 'address ending at a backtick', input: 'www.a.example`www.b.example', expected: '`www.a.example`\\``www.b.example`' },
    { name: 'address before html', input: 'http://a.example<!-- x -->', expected: '`http://a.example`&lt;\\!-- x --&gt;' },
    { name: 'plain text', input: 'CC-BY-4.0 (v1.2)', expected: 'CC-BY-4.0 (v1.2)' },
  ])('escapes $name', ({ input, expected }) => {
    expect(escapeMarkdownText(input)).toBe(expected);
  });
});

describe('links in the comment', () => {
  it('links only the docs of rules the tool has; any other id is plain text', () => {
    const results = [
      fileResult('nominations/a.yaml', [
        diagnostic({ ruleId: 'license/approved-for-category', indicator: '2', message: 'known', line: 2 }),
        diagnostic({ ruleId: '../../../evil/page', indicator: '2', message: 'forged', line: 3 }),
        diagnostic({ ruleId: 'no/such-rule', indicator: '2', message: 'unknown', line: 4 }),
      ]),
    ];
    const body = render(results, CONTEXT).body;
    expect(body).toContain(`[license/approved-for-category](${DEFAULT_DOCS_BASE_URL}license/approved-for-category.md)`);
    expect(body).not.toContain('evil/page.md');
    expect(body).not.toContain('such-rule.md');
    expect(body).toMatch(/— forged · \.\.\/\.\.\/\.\.\/evil\/page$/m);
    expect(body).toMatch(/— unknown · no/m);
  });

  it('puts addresses from messages in code spans, so GitHub does not link them', () => {
    const message = 'Website "https://evil.example/login" or www.evil.example, mail x@evil.example';
    const body = render([fileResult('nominations/a.yaml', [diagnostic({ ruleId: 'url/valid', message, line: 2 })])], CONTEXT).body;
    const line = body.split('\n').find((l) => l.includes('evil.example'))!;
    expect(line).toContain('Website "`https://evil.example/login`" or `www.evil.example`, mail x@\u200devil.example');
    // Outside code spans no address is left to autolink.
    const text = line.slice(line.indexOf(' — '), line.lastIndexOf(' · '));
    const outside = text
      .split('`')
      .filter((_, i) => i % 2 === 0)
      .join(' ');
    expect(outside).not.toMatch(/https?:\/\/|www\./i);
  });
});

describe('what the comment keeps under the length budget', () => {
  /** 200 passing nominations, each with reviewer notes and warnings, and one failing one whose name sorts last. */
  function crowded(): FileResult[] {
    const passing = Array.from({ length: 200 }, (_, i) =>
      fileResult(
        `nominations/a${String(i).padStart(3, '0')}.yaml`,
        [diagnostic({ ruleId: 'url/https', indicator: '5', severity: 'warning', message: `Use https:// (${'w'.repeat(100)})`, line: 4 })],
        [['1', 'Is the evidence for each SDG convincing?']],
      ),
    );
    const failing = fileResult('nominations/zz-last.yaml', [
      diagnostic({ ruleId: 'license/approved-for-category', indicator: '2', message: 'Not an approved licence.', line: 14 }),
      diagnostic({ ruleId: 'identity/website', message: 'The website is missing.', line: 3 }),
    ]);
    return [...passing, failing];
  }

  it('puts a failing nomination whose name sorts last first, with all its problems, when the rest is over the limit', () => {
    const results = crowded();
    const unbounded = render(results, { ...CONTEXT, maxLength: 10_000_000 }).body;
    expect(unbounded.length).toBeGreaterThan(MAX_COMMENT_LENGTH);
    const { body, verdict } = render(results, CONTEXT);
    expect(verdict).toBe('fail');
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    const sections = [...body.matchAll(/^### (\S+) \[?([^\]\n]+)/gm)].map((m) => m[2]);
    expect(sections[0]).toBe('nominations/zz-last.yaml');
    expect(body).toMatch(/zz-last\.yaml:14\S* — Not an approved licence\./);
    expect(body).toMatch(/zz-last\.yaml:3\S* — The website is missing\./);
    expect(body.indexOf('zz-last.yaml')).toBeLessThan(body.indexOf('<details><summary>✅ Passing: 200 nominations</summary>'));
    expect(body).toMatch(/This comment is shortened.*\d+ nominations/);
  });

  it("keeps every failing file's name and verdict when even their problems do not fit, saying how many more there are", () => {
    const failing = ['b', 'a', 'c'].map((n) =>
      fileResult(
        `nominations/${n}.yaml`,
        Array.from({ length: 30 }, (_, i) =>
          diagnostic({ ruleId: 'license/approved-for-category', indicator: '2', message: `problem ${i} ${'x'.repeat(150)}`, line: i + 1 }),
        ),
      ),
    );
    const { body } = render(failing, { maxLength: 6_000 });
    expect(body.length).toBeLessThanOrEqual(6_000);
    for (const n of ['a', 'b', 'c']) expect(body).toContain(`### ❌ nominations/${n}.yaml\n\n30 errors`);
    const more = [...body.matchAll(/^- … and (\d+) more — see the check run's annotations or run `dpg validate`$/gm)];
    expect(more).toHaveLength(3);
  });
});

describe('the Identity row', () => {
  it.each([
    {
      name: 'a missing website',
      diagnostics: [diagnostic({ ruleId: 'identity/website', message: 'missing', line: 3 })],
      row: '| – | Identity | ❌ fail (1 error) |',
    },
    {
      name: 'a bad country and a name warning',
      diagnostics: [
        diagnostic({ ruleId: 'identity/country', message: 'bad', line: 5 }),
        diagnostic({ ruleId: 'identity/name', severity: 'warning', message: 'odd', line: 2 }),
      ],
      row: '| – | Identity | ❌ fail (1 error, 1 warning) |',
    },
    {
      name: 'only a warning',
      diagnostics: [diagnostic({ ruleId: 'identity/name', severity: 'warning', message: 'odd', line: 2 })],
      row: '| – | Identity | ⚠️ warning (1 warning) |',
    },
    {
      name: 'an indicator error only',
      diagnostics: [diagnostic({ ruleId: 'license/approved-for-category', indicator: '2', message: 'x', line: 2 })],
      row: '| – | Identity | ✅ pass |',
    },
  ])('shows $name', ({ diagnostics, row }) => {
    const body = render([fileResult('nominations/a.yaml', diagnostics)]).body;
    expect(body).toContain(row);
  });

  it('does not leave the table all ✅ while the file fails on identity alone', () => {
    const body = render([fileResult('nominations/a.yaml', [diagnostic({ ruleId: 'identity/website', message: 'missing', line: 3 })])]).body;
    const table = body.split('\n').filter((l) => l.startsWith('| '));
    expect(table.some((l) => l.includes('❌'))).toBe(true);
  });
});

describe('a comment when everything passes', () => {
  it('shows the verdict, what was checked and the commit, with the details folded', async () => {
    const results = [...passingResults(), fileResult('nominations/beta.yaml', [])];
    const { body, verdict } = render(results, CONTEXT);
    expect(verdict).toBe('pass');
    const visible = body
      .slice(0, body.indexOf('<details>'))
      .split('\n')
      .filter((l) => l && !l.startsWith('<!--'));
    expect(visible).toEqual([
      '## ✅ DPG checks passed — 2 nominations, no problems',
      'Checked 2 nominations (nominations/open-atlas.yaml, nominations/beta.yaml) against the indicators of the DPG Standard and the registry-wide checks.',
    ]);
    expect(
      body
        .trimEnd()
        .endsWith(
          `<sub>Checked commit [\`${HEAD_SHA.slice(0, 7)}\`](https://github.com/dpg-registry/registry/commit/${HEAD_SHA}) with dpg 0.1.0.</sub>`,
        ),
    ).toBe(true);
    await expect(body).toMatchFileSnapshot('__snapshots__/comment-pass.md');
  });
});
