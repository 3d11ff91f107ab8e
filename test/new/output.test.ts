import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { nominationToYaml, orderedNomination } from '../../src/import/nomination-yaml.js';
import { checkAnswers } from '../../src/new/answers.js';
import { quoteForYaml11, renderDraft, renderNomination } from '../../src/new/output.js';
import type { Draft } from '../../src/new/questions.js';
import { REPO_ROOT } from '../support/cli.js';

const EXAMPLE = checkAnswers(parse(readFileSync(path.join(REPO_ROOT, 'examples/new-answers.yaml'), 'utf8')), { nameProblem: () => undefined, maxGoals: 8 }).draft;

/** Strings that YAML 1.1 reads as booleans, numbers, dates or null when written plain. */
const TRICKY = ['yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'NO', 'On', 'OFF', '1e3', '0755', '.5', '~', 'null', '2024-01-01', '1:20', '0x1F', '1_000', '+12', '.inf'];

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

  it('keeps the layout and comments of the renderer when nothing needs quoting', () => {
    const plain = nominationToYaml(orderedNomination(EXAMPLE), { schemaRef: '../schemas/nomination.schema.json' });
    expect(quoteForYaml11(plain)).toBe(plain);
  });

  it('writes drafts that read the same in YAML 1.1', () => {
    const text = renderDraft({ name: 'Clinic Queue', aliases: ['NO', 'on'] }, ['/name', '/aliases'], 'dpg new --resume .dpg-new-clinic-queue.draft.yaml');
    expect(text.split('\n')[0]).toContain('dpg new --resume .dpg-new-clinic-queue.draft.yaml');
    expect(parse(text, { version: '1.1' })).toEqual({ dpgNewDraft: 1, answered: ['/name', '/aliases'], answers: { name: 'Clinic Queue', aliases: ['NO', 'on'] } });
  });
});
