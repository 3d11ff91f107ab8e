import { checkbox, confirm, input, select, Separator } from '@inquirer/prompts';
import type { Choice } from './questions.js';
import { BACK, SAVE, type Prompter } from './wizard.js';

/** What is typed at a text prompt to go back to the previous question. */
export const BACK_TEXT = '<';

/** What is typed at a text prompt to keep the answers so far in a draft and stop. */
export const SAVE_TEXT = '!save';

const BACK_CHOICE: { value: typeof BACK; name: string } = { value: BACK, name: '← Back to the previous question' };
const SAVE_CHOICE: { value: typeof SAVE; name: string } = { value: SAVE, name: '⏸ Save a draft and quit' };

/** The command a text answer is, if it is one. */
function command(value: string): typeof BACK | typeof SAVE | undefined {
  const typed = value.trim();
  return typed === BACK_TEXT ? BACK : typed === SAVE_TEXT ? SAVE : undefined;
}

function choices(list: readonly Choice[]) {
  return list.map((c) => ({ value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}) }));
}

/** The keys line under a list of choices, saying how to go back. */
function keysHelpTip(keys: ReadonlyArray<[string, string]>): string {
  return [...keys, ['← Back', 'previous question'] as const, ['⏸ Save', 'draft and quit'] as const]
    .map(([key, action]) => `${key} ${action}`)
    .join(' • ');
}

/** The wizard's prompts in a terminal, with @inquirer/prompts. Loaded only by the interactive `dpg new`. */
export function terminalPrompter(say: (text: string) => void): Prompter {
  return {
    async input(options) {
      const answer = await input({
        message: options.message,
        default: options.default,
        validate: (value) => (command(value) ? true : options.validate(value)),
      });
      return command(answer) ?? answer;
    },
    select: (options) =>
      select<Choice['value'] | typeof BACK | typeof SAVE>({
        message: options.message,
        choices: [...choices(options.choices), new Separator(), BACK_CHOICE, SAVE_CHOICE],
        default: options.default,
        pageSize: 10,
        loop: false,
        theme: { style: { keysHelpTip } },
      }),
    async checkbox(options) {
      const chosen = await checkbox<unknown>({
        message: options.message,
        choices: [
          ...choices(options.choices).map((c) => ({ ...c, checked: options.checked?.includes(c.value) ?? false })),
          new Separator(),
          BACK_CHOICE,
          SAVE_CHOICE,
        ],
        validate: (picked) =>
          picked.some((c) => c.value === BACK || c.value === SAVE) ? true : options.validate(picked.map((c) => c.value)),
        pageSize: 19,
        loop: false,
        theme: { style: { keysHelpTip } },
      });
      if (chosen.includes(BACK)) return BACK;
      return chosen.includes(SAVE) ? SAVE : chosen;
    },
    confirm: (options) => confirm({ message: options.message, default: options.default }),
    say,
  };
}

/** Whether an error is the prompt library's answer to Ctrl-C (or to its input closing). */
export function isPromptCancelled(err: unknown): boolean {
  return err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');
}
