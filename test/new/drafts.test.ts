import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keepDraft, offerDraft, type DraftPrompts } from '../../src/new/drafts.js';
import { STEPS, type Question } from '../../src/new/questions.js';
import { SAVE, SaveRequested, Wizard, type Prompter } from '../../src/new/wizard.js';
import { removeTempDirs, tempDir } from '../support/cli.js';

afterAll(removeTempDirs);

/** Answers the confirm questions in order, recording them and what was said. */
function prompts(...answers: boolean[]): DraftPrompts & { asked: string[]; said: string[] } {
  const asked: string[] = [];
  const said: string[] = [];
  return {
    asked,
    said,
    confirm: async ({ message }) => {
      asked.push(message);
      const next = answers.shift();
      if (next === undefined) throw new Error(`unexpected question: ${message}`);
      return next;
    },
    say: (text) => said.push(text),
  };
}

const shown = (file: string) => path.basename(file);
const render = (file: string) => `# continue with: dpg new --resume ${shown(file)}\n`;

describe('keeping a draft', () => {
  it.each<{ name: string; before: Record<string, string>; mayReplace: boolean; answers: boolean[]; written: string; asked: number }>([
    {
      name: 'no draft there: written without a question',
      before: {},
      mayReplace: false,
      answers: [],
      written: '.dpg-new-x.draft.yaml',
      asked: 0,
    },
    {
      name: 'the draft being continued: replaced without a question',
      before: { '.dpg-new-x.draft.yaml': 'old' },
      mayReplace: true,
      answers: [],
      written: '.dpg-new-x.draft.yaml',
      asked: 0,
    },
    {
      name: 'another draft, replacing agreed: replaced',
      before: { '.dpg-new-x.draft.yaml': 'old' },
      mayReplace: false,
      answers: [true],
      written: '.dpg-new-x.draft.yaml',
      asked: 1,
    },
    {
      name: 'another draft, replacing declined: kept beside it',
      before: { '.dpg-new-x.draft.yaml': 'old' },
      mayReplace: false,
      answers: [false],
      written: '.dpg-new-x-2.draft.yaml',
      asked: 1,
    },
    {
      name: 'the next free name beside several',
      before: { '.dpg-new-x.draft.yaml': 'old', '.dpg-new-x-2.draft.yaml': 'old 2' },
      mayReplace: false,
      answers: [false],
      written: '.dpg-new-x-3.draft.yaml',
      asked: 1,
    },
  ])('$name', async ({ before, mayReplace, answers, written, asked }) => {
    const dir = tempDir(before);
    const ask = prompts(...answers);
    const file = await keepDraft(path.join(dir, '.dpg-new-x.draft.yaml'), render, { mayReplace, prompts: ask, shown });
    expect(shown(file)).toBe(written);
    expect(readFileSync(file, 'utf8')).toBe(render(file));
    expect(ask.asked).toHaveLength(asked);
    for (const [name, content] of Object.entries(before))
      if (name !== written) expect(readFileSync(path.join(dir, name), 'utf8')).toBe(content);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('offering a draft to continue, without --resume', () => {
  it.each<{ name: string; files: Record<string, string>; given?: string; answers: boolean[]; offered?: string; asked: number }>([
    { name: 'no draft: nothing offered', files: {}, given: undefined, answers: [], offered: undefined, asked: 0 },
    {
      name: 'the only draft, taken',
      files: { '.dpg-new-a.draft.yaml': '' },
      given: undefined,
      answers: [true],
      offered: '.dpg-new-a.draft.yaml',
      asked: 1,
    },
    {
      name: 'the only draft, declined',
      files: { '.dpg-new-a.draft.yaml': '' },
      given: undefined,
      answers: [false],
      offered: undefined,
      asked: 1,
    },
    {
      name: 'the draft of the name given',
      files: { '.dpg-new-a.draft.yaml': '', '.dpg-new-clinic-queue.draft.yaml': '' },
      given: 'Clinic Queue',
      answers: [true],
      offered: '.dpg-new-clinic-queue.draft.yaml',
      asked: 1,
    },
    {
      name: 'a name with no draft: nothing offered',
      files: { '.dpg-new-a.draft.yaml': '' },
      given: 'Clinic Queue',
      answers: [],
      offered: undefined,
      asked: 0,
    },
    {
      name: 'several drafts: listed, none taken',
      files: { '.dpg-new-a.draft.yaml': '', '.dpg-new-b.draft.yaml': '' },
      given: undefined,
      answers: [],
      offered: undefined,
      asked: 0,
    },
    {
      name: 'other files are no drafts',
      files: { 'a.yaml': '', '.dpg-new-a.yaml': '' },
      given: undefined,
      answers: [],
      offered: undefined,
      asked: 0,
    },
  ])('$name', async ({ name, files, given, answers, offered, asked }) => {
    const dir = tempDir(files);
    const ask = prompts(...answers);
    const file = await offerDraft(dir, given, { prompts: ask, shown });
    expect(file === undefined ? undefined : shown(file)).toBe(offered);
    expect(ask.asked).toHaveLength(asked);
    expect(ask.said.join('\n')).toBe(
      name.startsWith('several')
        ? 'Drafts of dpg new are here; to continue one: dpg new --resume .dpg-new-a.draft.yaml, dpg new --resume .dpg-new-b.draft.yaml.'
        : '',
    );
  });
});

describe('save and quit in the wizard', () => {
  const question = (dotted: string) => STEPS.find((s): s is Question => s.type === 'question' && s.path.join('.') === dotted)!;

  it.each([
    { kind: 'input', at: 'website' },
    { kind: 'select', at: 'ownership.ownerType' },
    { kind: 'select', at: 'ownership.ownsAllComponents' },
    { kind: 'checkbox', at: 'categories' },
  ])('stops at a $kind prompt ($at), keeping the answers given before it', async ({ kind, at }) => {
    const asked: string[] = [];
    const reply = (message: string, prompt: string): Promise<never> => {
      asked.push(`${prompt} ${message}`);
      return Promise.resolve((asked.length === 1 ? 'Clinic Queue' : SAVE) as never);
    };
    const prompter: Prompter = {
      input: ({ message }) => reply(message, 'input'),
      select: ({ message }) => reply(message, 'select'),
      checkbox: ({ message }) => reply(message, 'checkbox'),
      confirm: () => Promise.reject(new Error('no confirm expected')),
      say: () => undefined,
    };
    const wizard = new Wizard(prompter, { stage: 'nominee' }, { env: { nameProblem: () => undefined, maxGoals: 8 }, inspect: () => [] }, [
      question('name'),
      question(at),
    ]);
    await expect(wizard.run()).rejects.toBeInstanceOf(SaveRequested);
    expect(asked).toEqual([expect.stringMatching(/^input What is the name/), expect.stringMatching(new RegExp(`^${kind} `))]);
    expect(wizard.answered()).toEqual(['/name']);
    expect(wizard.draft).toEqual({ stage: 'nominee', name: 'Clinic Queue' });
  });
});
