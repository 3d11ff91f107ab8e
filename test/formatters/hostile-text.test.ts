import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/lint/engine.js';
import { FORMATTERS } from '../../src/formatters/index.js';
import { checkAnnotations } from '../../src/github/bot/checks.js';
import { formatGithub } from '../../src/formatters/github.js';
import { formatStylish } from '../../src/formatters/stylish.js';
import type { FormatterOptions } from '../../src/formatters/types.js';
import { ALL_RULES } from '../../src/rules/index.js';
import type { Diagnostic, FileResult } from '../../src/core/types.js';

/** Erase the line, move up, carriage return and backspaces, an OSC 8 hyperlink, an OSC 52 clipboard write, C1 CSI, bidi controls. */
const HOSTILE =
  'ok\u001b[2K\u001b[1A\r\b\bhidden \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007' +
  ' \u001b]52;c;cm0gLXJmIH4=\u0007 \u009b31m \u202eevil\u202c \u2066iso\u2069 \u200e\u200f \u0000\u007f';

/** Every character that must not reach a reader unescaped. */
const ACTING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const OPTIONS: FormatterOptions = { color: false, docsBaseUrl: 'https://example.org/docs/rules/', rules: ALL_RULES, version: '1.0.0' };

function hostileResults(): FileResult[] {
  const diagnostic: Diagnostic = {
    ruleId: 'license/approved-for-category',
    indicator: '2',
    severity: 'error',
    path: '/licenses/0/spdx',
    message: `"${HOSTILE}" is not approved`,
    line: 3,
    column: 5,
    endLine: 3,
    endColumn: 9,
  };
  const waived: Diagnostic = {
    ...diagnostic,
    severity: 'info',
    line: 4,
    endLine: 4,
    waived: { reason: HOSTILE, approvedBy: `maint${HOSTILE}` },
  };
  return [summarise(`nominations/${HOSTILE}.yaml`, [diagnostic, waived], true)];
}

describe('values that act on terminals, logs and readers are shown, not obeyed', () => {
  it.each(['stylish', 'github', 'markdown'])('%s', (name) => {
    const output = FORMATTERS[name]!(hostileResults(), OPTIONS);
    expect(output).not.toMatch(ACTING);
    expect(output).toContain('\\u001b');
    expect(output).toContain('\\u202e');
  });

  it('check-run annotations: the message and title', () => {
    const annotations = checkAnnotations([{ ...hostileResults()[0]!, file: 'nominations/a.yaml' }]);
    expect(annotations).toHaveLength(2);
    for (const a of annotations) expect(`${a.message} ${a.title}`).not.toMatch(ACTING);
    expect(annotations[0]!.message).toContain('\\u202e');
  });

  it('sarif: the message texts', () => {
    const log = JSON.parse(FORMATTERS.sarif!(hostileResults(), OPTIONS));
    for (const result of log.runs[0].results) expect(result.message.text).not.toMatch(ACTING);
    expect(log.runs[0].results[1].suppressions[0].justification).not.toMatch(ACTING);
  });

  it("stylish keeps its own colours and shows the value's escapes", () => {
    const output = formatStylish(hostileResults(), { ...OPTIONS, color: true });
    // Only chalk's SGR sequences remain: no other escape sequence.
    expect(output.replace(/\u001b\[\d+m/g, '')).not.toMatch(ACTING);
    expect(output).toContain('"ok\\u001b[2K\\u001b[1A\\u000d\\u0008\\u0008hidden \\u001b]8;;https://evil.example\\u0007click');
  });

  it('stylish never lets a file name start a workflow command', () => {
    const output = formatStylish([summarise('::error::forged.yaml', hostileResults()[0]!.diagnostics, true)], OPTIONS);
    expect(output.split('\n').some((line) => /^\s*::/.test(line))).toBe(false);
    expect(output).toContain('\\u003a:error::forged.yaml');
  });

  it('github annotations carry no forged command in a file name, message or rule id', () => {
    const d: Diagnostic = {
      ruleId: 'x\n::error::rule',
      indicator: null,
      severity: 'warning',
      path: '',
      message: 'm\r\n::error::message %0A',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
    };
    const output = formatGithub([summarise('nominations/a\n::error::forged.yaml', [d], true)], OPTIONS);
    expect(output.trimEnd().split('\n')).toHaveLength(1);
    expect(output).toBe(
      '::warning file=nominations/a\\u000a%3A%3Aerror%3A%3Aforged.yaml,line=1,col=1,endLine=1,endColumn=2,' +
        'title=x\\u000a%3A%3Aerror%3A%3Arule::m\\u000d\\u000a::error::message %250A\n',
    );
  });

  it('link only the docs of rules the tool has', () => {
    const d = (ruleId: string): Diagnostic => ({
      ruleId,
      indicator: null,
      severity: 'error',
      path: '',
      message: 'm',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
    });
    const results = [summarise('nominations/a.yaml', [d('url/https'), d('../../../evil'), d('no/such-rule')], true)];
    const github = formatGithub(results, OPTIONS);
    expect(github).toContain('::m (https://example.org/docs/rules/url/https.md)');
    expect(github).not.toContain('evil.md');
    expect(github).toMatch(/title=\.\.\/\.\.\/\.\.\/evil::m$/m);
    const stylish = formatStylish(results, OPTIONS);
    expect(stylish).toContain('url/https: https://example.org/docs/rules/url/https.md');
    expect(stylish).not.toMatch(/evil\.md|such-rule\.md/);
  });
});
