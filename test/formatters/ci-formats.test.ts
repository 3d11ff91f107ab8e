import { describe, expect, it } from 'vitest';
import { formatCompact } from '../../src/formatters/compact.js';
import { formatGitlab } from '../../src/formatters/gitlab.js';
import { formatJunit } from '../../src/formatters/junit.js';
import type { FormatterOptions } from '../../src/formatters/types.js';
import type { Diagnostic, FileResult } from '../../src/core/types.js';

const OPTIONS: FormatterOptions = {
  color: false,
  docsBaseUrl: 'https://example.org/rules/',
  rules: [{ id: 'x/rule', description: '', defaultSeverity: 'error', indicator: null }],
  version: '1.0.0',
};

function result(file: string, ...diagnostics: Array<Pick<Diagnostic, 'severity' | 'message'>>): FileResult {
  return {
    file,
    diagnostics: diagnostics.map((d, i) => ({
      ruleId: 'x/rule',
      indicator: null,
      path: '/name',
      line: i + 1,
      column: 2,
      endLine: i + 1,
      endColumn: 4,
      ...d,
    })),
    indicators: {} as FileResult['indicators'],
    reviewNotes: [],
    errorCount: diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

const HOSTILE = 'a <b> & "c" \'d\' ]]> \u0007 \u202e';

describe('junit', () => {
  it('escapes markup and shows control characters, so the XML stays well-formed', () => {
    const xml = formatJunit([result('n/<x>.yaml', { severity: 'error', message: HOSTILE })], OPTIONS);
    expect(xml).toContain('name="n/&lt;x&gt;.yaml"');
    expect(xml).toContain('message="a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; ]]&gt; \\u0007 \\u202e"');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202e]/);
  });

  it('has a passing case for a clean file and a failure per problem, warnings left out with --quiet', () => {
    const results = [
      result('n/clean.yaml'),
      result('n/bad.yaml', { severity: 'error', message: 'e' }, { severity: 'warning', message: 'w' }),
    ];
    const all = formatJunit(results, OPTIONS);
    expect(all.match(/<testcase /g)).toHaveLength(3);
    expect(all.match(/<failure /g)).toHaveLength(2);
    expect(formatJunit(results, { ...OPTIONS, quiet: true }).match(/<failure /g)).toHaveLength(1);
  });
});

describe('gitlab', () => {
  it('gives each issue its own fingerprint, also for the same message twice in a file', () => {
    const issues = JSON.parse(
      formatGitlab(
        [
          result('n/a.yaml', { severity: 'error', message: 'same' }, { severity: 'error', message: 'same' }),
          result('n/b.yaml', { severity: 'error', message: 'same' }),
        ],
        OPTIONS,
      ),
    ) as Array<{ fingerprint: string }>;
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(3);
  });

  it('maps severities to major, minor and info', () => {
    const issues = JSON.parse(
      formatGitlab(
        [
          result(
            'n/a.yaml',
            { severity: 'error', message: 'e' },
            { severity: 'warning', message: 'w' },
            { severity: 'info', message: 'i' },
          ),
        ],
        OPTIONS,
      ),
    ) as Array<{ severity: string }>;
    expect(issues.map((i) => i.severity)).toEqual(['major', 'minor', 'info']);
  });
});

describe('compact', () => {
  it('puts each problem on one line, with line breaks in values shown as escapes', () => {
    expect(formatCompact([result('n/a.yaml', { severity: 'warning', message: 'two\nlines' })], OPTIONS)).toBe(
      'n/a.yaml:1:2: warning: two\\u000alines [x/rule]\n',
    );
  });
});
