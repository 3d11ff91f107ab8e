import { describe, expect, it } from 'vitest';
import { LineCounter as YamlLineCounter } from 'yaml';
import { LineCounter } from '../../src/load/positions.js';

describe('LineCounter', () => {
  it.each([
    { name: 'an empty text', text: '' },
    { name: 'one line', text: 'name: x' },
    { name: 'several lines with blank ones', text: 'a: 1\n\nb:\n  - c\n' },
    { name: 'a text ending without a newline', text: 'a: 1\nb: 2' },
  ])('places every offset of $name as the yaml package does', ({ text }) => {
    const ours = new LineCounter();
    const theirs = new YamlLineCounter();
    for (const counter of [ours, theirs]) {
      counter.addNewLine(0);
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) counter.addNewLine(i + 1);
    }
    for (let offset = 0; offset <= text.length + 1; offset++) expect(ours.linePos(offset)).toEqual(theirs.linePos(offset));
    // Before any line is recorded, both say line 0.
    expect(new LineCounter().linePos(3)).toEqual(new YamlLineCounter().linePos(3));
  });
});
