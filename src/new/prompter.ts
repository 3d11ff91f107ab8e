import { checkbox, confirm, input, select } from '@inquirer/prompts';
import type { Choice } from './questions.js';
import type { Prompter } from './wizard.js';

function choices(list: readonly Choice[]) {
  return list.map((c) => ({ value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}) }));
}

/** The wizard's prompts in a terminal, with @inquirer/prompts. Loaded only by the interactive `dpg new`. */
export function terminalPrompter(say: (text: string) => void): Prompter {
  return {
    input: (options) => input({ message: options.message, default: options.default, validate: options.validate }),
    confirm: (options) => confirm({ message: options.message, default: options.default }),
    select: (options) => select({ message: options.message, choices: choices(options.choices), default: options.default, pageSize: 10, loop: false }),
    checkbox: (options) => checkbox({
      message: options.message,
      choices: choices(options.choices),
      validate: (chosen) => options.validate(chosen.map((c) => c.value)),
      pageSize: 17,
      loop: false,
    }),
    say,
  };
}

/** Whether an error is the prompt library's answer to Ctrl-C (or to its input closing). */
export function isPromptCancelled(err: unknown): boolean {
  return err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');
}
