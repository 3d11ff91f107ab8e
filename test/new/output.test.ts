import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { nominationToYaml, orderedNomination } from '../../src/import/nomination-yaml.js';
import { checkAnswers } from '../../src/new/answers.js';
import { quoteForYaml11, renderDraft, renderNomination } from '../../src/new/output.js';
import type { Draft } from '../../src/new/questions.js';
import { REPO_ROOT } from '../support/cli.js';

const EXAMPLE = checkAnswers(parse(readFileSync(path.join(REPO_ROOT, 'examples/new-answers.yaml'), 'utf8')), {
  nameProblem: () => undefined,
  maxGoals: 8,
}).draft;

/** Strings that YAML 1.1 reads as booleans, numbers, dates or null when written plain. */
const TRICKY = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'Y',
  'NO',
  'On',
  'OFF',
  '1e3',
  '0755',
  '.5',
  '~',
  'null',
  '2024-01-01',
  '1:20',
  '0x1F',
  '1_000',
  '+12',
  '.inf',
];

describe('the file dpg new writes', () => {
  it('reads the same in YAML 1.1 as in 1.2: strings that 1.1 takes for other types are quoted', () => {
    const draft: Draft = {
      ...EXAMPLE,
      aliases: TRICKY,
      description: 'NO',
      sectors: ['Off'],
      organizations: [{ name: 'yes', roles: ['owner'], country: 'Norway' }],
    };
    const text = renderNomination(draft, '../schemas/nomination.schema.json');
    const read11 = parse(text, { version: '1.1' }) as Draft;
    const read12 = parse(text) as Draft;
    expect(read11).toEqual(read12);
    expect(read11.aliases).toEqual(TRICKY);
    expect(read11.description).toBe('NO');
    expect((read11.organizations as Draft[])[0]!.name).toBe('yes');
    expect(text).toContain('description: "NO"');
  });

  /** Each kind of plain scalar YAML 1.1 (or 1.2) resolves to something other than a string. */
  const EVERY_KIND = [
    'yes',
    'Yes',
    'YES',
    'no',
    'No',
    'y',
    'Y',
    'n',
    'N',
    'on',
    'On',
    'ON',
    'off',
    'Off',
    'true',
    'True',
    'FALSE',
    'null',
    'Null',
    'NULL',
    '~',
    '0123',
    '0o17',
    '0b101',
    '0x1F',
    '-0x1F',
    '1_000',
    '+12',
    '-0',
    '1e3',
    '1E3',
    '1e+3',
    '-1e3',
    '1.5e-3',
    '5.',
    '.5',
    '.inf',
    '-.Inf',
    '+.inf',
    '.NaN',
    '12:30',
    '-1:20',
    '1:20:30',
    '190:20:30.15',
    '2024-01-01',
    '2001-12-14t21:59:43.10-05:00',
    '2001-12-14 21:59:43.10 -5',
    '=',
    '<<',
  ];

  it.each(EVERY_KIND)('writes %j so that YAML 1.1 and 1.2 readers both get the string', (value) => {
    const text = renderNomination(
      { ...EXAMPLE, description: value, aliases: [value], sectors: [value] },
      '../schemas/nomination.schema.json',
    );
    for (const version of ['1.1', '1.2'] as const) {
      const read = parse(text, { version }) as Draft;
      expect([read.description, (read.aliases as unknown[])[0], (read.sectors as unknown[])[0]]).toEqual([value, value, value]);
    }
    const draft = renderDraft({ name: 'Clinic Queue', description: value, aliases: [value] }, ['/name'], 'dpg new --resume x');
    expect(parse(draft, { version: '1.1' })).toMatchObject({ answers: { description: value, aliases: [value] } });
  });

  it('keeps the layout and comments of the renderer when nothing needs quoting', () => {
    const plain = nominationToYaml(orderedNomination(EXAMPLE), { schemaRef: '../schemas/nomination.schema.json' });
    expect(quoteForYaml11(plain)).toBe(plain);
  });

  it('writes drafts that read the same in YAML 1.1', () => {
    const text = renderDraft(
      { name: 'Clinic Queue', aliases: ['NO', 'on'] },
      ['/name', '/aliases'],
      'dpg new --resume .dpg-new-clinic-queue.draft.yaml',
    );
    expect(text.split('\n')[0]).toContain('dpg new --resume .dpg-new-clinic-queue.draft.yaml');
    expect(parse(text, { version: '1.1' })).toEqual({
      dpgNewDraft: 1,
      answered: ['/name', '/aliases'],
      answers: { name: 'Clinic Queue', aliases: ['NO', 'on'] },
    });
  });
});
