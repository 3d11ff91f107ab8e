import { describe, expect, it } from 'vitest';
import {
  showControls,
  showControlsInLines,
  showLineStart,
  showLogLines,
  workflowCommandData,
  workflowCommandProperty,
} from '../../src/util/visible-text.js';

describe('showControls', () => {
  it.each([
    { name: 'CSI', input: 'a\u001b[31mb', expected: 'a\\u001b[31mb' },
    {
      name: 'OSC 8 hyperlink',
      input: '\u001b]8;;https://x\u0007t\u001b]8;;\u001b\\',
      expected: '\\u001b]8;;https://x\\u0007t\\u001b]8;;\\u001b\\',
    },
    { name: 'carriage return and backspace', input: 'bad\r\bok', expected: 'bad\\u000d\\u0008ok' },
    { name: 'line breaks', input: 'a\nb\u2028c', expected: 'a\\u000ab\\u2028c' },
    { name: 'C1 CSI and DEL', input: '\u009b2J\u007f', expected: '\\u009b2J\\u007f' },
    {
      name: 'bidi overrides and isolates',
      input: '\u202aa\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069',
      expected: '\\u202aa\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069',
    },
    { name: 'directional marks', input: '\u200e\u200f\u061c', expected: '\\u200e\\u200f\\u061c' },
    { name: 'ordinary text', input: 'Ünïcödé 名前 عربى — “ok”', expected: 'Ünïcödé 名前 عربى — “ok”' },
  ])('shows $name', ({ input, expected }) => {
    expect(showControls(input)).toBe(expected);
  });

  it('keeps line feeds and tabs for text of several lines', () => {
    expect(showControlsInLines('a\tb\r\nc\u001b[2Kd\u202e')).toBe('a\tb\\u000d\nc\\u001b[2Kd\\u202e');
  });

  it('never lets a value start a workflow command', () => {
    expect(showLineStart('  ::error::x')).toBe('  \\u003a:error::x');
    expect(showLineStart('a::b')).toBe('a::b');
    expect(showLineStart('\u00a0\u3000::error::x')).toBe('\u00a0\u3000\\u003a:error::x');
    expect(showLogLines('-a\n ::error::x\n+::b\r\n\t::c')).toBe('-a\n \\u003a:error::x\n+::b\\u000d\n\t\\u003a:c');
  });

  it('escapes workflow command data and properties as the toolkit does, on one line', () => {
    expect(workflowCommandData('100% a\n::error::b\r')).toBe('100%25 a\\u000a::error::b\\u000d');
    expect(workflowCommandProperty('a,b:c%\n::error::forged')).toBe('a%2Cb%3Ac%25\\u000a%3A%3Aerror%3A%3Aforged');
  });
});
