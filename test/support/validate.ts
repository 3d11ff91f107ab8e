import { DEFAULT_CONFIG, type Config } from '../../src/config/config.js';
import { validateSources, type SourceFile } from '../../src/lint/engine.js';
import type { FileResult } from '../../src/core/types.js';

/** A fixed "today" so expiry-dependent results do not change with the calendar. */
export const TEST_NOW = new Date('2026-11-23T12:00:00Z');

/** Validates one YAML text as `file`, with optional other registry files for cross-file rules. */
export function validateYaml(
  yaml: string,
  options: { file?: string; config?: Partial<Config>; context?: SourceFile[]; now?: Date } = {},
): FileResult {
  const [result] = validateSources([{ file: options.file ?? 'nominations/example-case-manager.yaml', content: yaml }], {
    config: { ...DEFAULT_CONFIG, ...options.config },
    now: options.now ?? TEST_NOW,
    context: options.context,
  });
  return result!;
}

/** `[{ rule, line }]` of a result's diagnostics, the shape table-driven tests compare against. */
export function hits(result: FileResult): Array<{ rule: string; line: number }> {
  return result.diagnostics.map((d) => ({ rule: d.ruleId, line: d.line }));
}
