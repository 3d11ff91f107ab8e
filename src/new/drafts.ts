import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../util/atomic-write.js';
import { slugify } from '../util/slug.js';
import { createExclusive } from './output.js';

/** The file name of a draft of `dpg new`. */
const DRAFT_FILE = /^\.dpg-new-.*\.draft\.yaml$/;

/** The draft of the nomination named `name` (before the name is given, of "nomination"). */
export function draftName(name: unknown): string {
  return `.dpg-new-${(typeof name === 'string' && slugify(name)) || 'nomination'}.draft.yaml`;
}

/** The drafts in `folder`, sorted. */
export function draftsIn(folder: string): string[] {
  return existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => DRAFT_FILE.test(name))
        .sort()
        .map((name) => path.join(folder, name))
    : [];
}

export interface DraftPrompts {
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
  say(text: string): void;
}

/**
 * Keeps a draft in `file`. A draft already there is replaced only when `mayReplace` says the person
 * agreed to it (it is the draft being continued), or when asked now; otherwise, and when a draft
 * appears meanwhile, the answers go beside it under the next free name. `render` makes the text
 * for the file it goes to (it names the file in its resume command). Returns the file written.
 */
export async function keepDraft(
  file: string,
  render: (file: string) => string,
  options: { mayReplace: boolean; prompts: DraftPrompts; shown: (file: string) => string },
): Promise<string> {
  const { prompts, shown } = options;
  let replace = options.mayReplace;
  if (!replace && existsSync(file)) {
    replace = await prompts.confirm({ message: `${shown(file)} holds another draft; replace it? (no: keep both)`, default: false });
  }
  if (replace) {
    writeFileAtomically(file, render(file));
    return file;
  }
  const stem = file.replace(/\.draft\.yaml$/, '');
  for (let n = 1; n <= 100; n++) {
    const candidate = n === 1 ? file : `${stem}-${n}.draft.yaml`;
    try {
      createExclusive(candidate, render(candidate));
      return candidate;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new Error(`no free draft name beside ${file}`);
}

/**
 * The draft to continue without `--resume`, when the person agrees: the draft of the name given, or
 * the only draft in `folder`. Several drafts are listed, and none is chosen.
 */
export async function offerDraft(
  folder: string,
  name: unknown,
  options: { prompts: DraftPrompts; shown: (file: string) => string },
): Promise<string | undefined> {
  const { prompts, shown } = options;
  const all = draftsIn(folder);
  const named = typeof name === 'string' ? path.join(folder, draftName(name)) : undefined;
  const candidates = named === undefined ? all : all.filter((file) => file === named);
  if (candidates.length > 1) {
    prompts.say(`Drafts of dpg new are here; to continue one: ${candidates.map((file) => `dpg new --resume ${shown(file)}`).join(', ')}.`);
    return undefined;
  }
  const [only] = candidates;
  if (only === undefined) return undefined;
  const yes = await prompts.confirm({ message: `Continue from ${shown(only)}, the answers kept when dpg new was stopped?`, default: true });
  return yes ? only : undefined;
}
