import type { Config } from '../config/config.js';
import type { FileAnalysis } from '../lint/analyse.js';
import { analyseContext, validateSources, type SourceFile } from '../lint/engine.js';
import type { Diagnostic } from '../core/types.js';
import type { Draft } from './questions.js';

/**
 * Runs the validation engine — schema, every rule, the registry-wide checks against the other
 * nominations — on the nomination being written, so that an answer is refused with the very message
 * `dpg validate` would give about it.
 */
export class RuleChecker {
  constructor(
    private readonly options: {
      config: Config;
      now: Date;
      /** The other nominations of the registry. */
      context: readonly SourceFile[];
      /** The file the nomination will be written to, as shown to the user. */
      fileFor: (draft: Draft) => string;
    },
  ) {}

  /** What the registry-wide checks need of the other nominations, worked out on the first check. */
  private analysedContext?: FileAnalysis[];

  /** Every finding (errors and warnings) on a YAML or JSON text. */
  check(content: string, file: string): Diagnostic[] {
    const { config, now } = this.options;
    this.analysedContext ??= analyseContext(this.options.context, { config, now });
    const [result] = validateSources([{ file, content }], { config, now, analysedContext: this.analysedContext });
    return result!.diagnostics.filter((d) => d.severity !== 'info');
  }

  /** The findings of the engine on an unfinished nomination (the wizard picks those about each answer). */
  inspect(draft: Draft): Diagnostic[] {
    return this.check(JSON.stringify(draft), this.options.fileFor(draft));
  }

  /** The messages of the findings at `pointer` and below, missing keys left out. */
  problemsAt(draft: Draft, pointer: string): string[] {
    return this.inspect(draft)
      .filter((d) => d.ruleId !== 'schema/required' && (d.path === pointer || d.path.startsWith(`${pointer}/`)))
      .map((d) => d.message);
  }
}
