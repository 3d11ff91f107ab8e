import { checkbox, confirm, input, select, Separator } from '@inquirer/prompts';
import type { Choice } from './questions.js';
import { BACK, type Prompter } from './wizard.js';

/** What is typed at a text prompt to go back to the previous question. */
export const BACK_TEXT = '<';

const BACK_CHOICE: { value: typeof BACK; name: string } = { value: BACK, name: '← Back to the previous question' };

function choices(list: readonly Choice[]) {
  return list.map((c) => ({ value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}) }));
}

/** The keys line under a list of choices, saying how to go back. */
function keysHelpTip(keys: ReadonlyArray<[string, string]>): string {
  return [...keys, ['← Back', 'previous question'] as const].map(([key, action]) => `${key} ${action}`).join(' • ');
}

/** The wizard's prompts in a terminal, with @inquirer/prompts. Loaded only by the interactive `dpg new`. */
export function terminalPrompter(say: (text: string) => void): Prompter {
  return {
    async input(options) {
      const answer = await input({
        message: options.message,
        default: options.default,
        validate: (value) => (value.trim() === BACK_TEXT ? true : options.validate(value)),
      });
      return answer.trim() === BACK_TEXT ? BACK : answer;
    },
    select: (options) => select<Choice['value'] | typeof BACK>({
      message: options.message,
      choices: [...choices(options.choices), new Separator(), BACK_CHOICE],
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
        ],
        validate: (picked) => (picked.some((c) => c.value === BACK) ? true : options.validate(picked.map((c) => c.value))),
        pageSize: 19,
        loop: false,
        theme: { style: { keysHelpTip } },
      });
      return chosen.includes(BACK) ? BACK : chosen;
    },
    confirm: (options) => confirm({ message: options.message, default: options.default }),
    say,
  };
}

/** Whether an error is the prompt library's answer to Ctrl-C (or to its input closing). */
export function isPromptCancelled(err: unknown): boolean {
  return err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');
}
