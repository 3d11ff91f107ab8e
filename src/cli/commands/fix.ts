import { analyseContext, validateSources } from '../../lint/engine.js';
import { applyFixes } from '../../fix/apply.js';
import { textOf } from '../../load/load.js';
import { readRegistryFile, RefusedContent } from '../../load/read.js';
import { displayPath, readSource } from '../../runner/files.js';
import { writeFileAtomically } from '../../util/atomic-write.js';
import type { Diagnostic, FileResult } from '../../core/types.js';
import { showControls, showLineStart, showLogLines } from '../../util/visible-text.js';
import type { RegisterCommand } from '../context.js';
import type { CliIO } from '../io.js';
import { addReportOptions, reportResults, resolveTargets, type ReportFlags } from './validate.js';

export interface FixFlags extends ReportFlags {
  dryRun?: boolean;
}

/** A fix after the next validation may propose another (e.g. two deprecated ids in one expression). */
const MAX_PASSES = 5;
const BOM = '\uFEFF';

interface FixTarget {
  absolute: string;
  file: string;
  /** The bytes read, or why the file was not read (a link, a special file, too large). */
  content: Uint8Array;
  /** The text read; undefined when the file is left alone (not read, or not UTF-8 text): validation reports why. */
  original?: string;
  text?: string;
  /** The file read, which a write may replace; its mode is kept. */
  identity?: { dev: number; ino: number; mode: number };
  applied: Diagnostic[];
}

/** The file's text without a byte-order mark (the loader's positions are relative to that). */
function bodyOf(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

/**
 * Fixes the nominations named by `operands` (the registry without any) and reports what remains.
 * Shared by `dpg fix` and `dpg validate --fix`. Returns the exit status validate would give afterwards.
 */
export async function runFix(operands: readonly string[], flags: FixFlags, io: CliIO): Promise<number> {
  const { config, registry, targets } = resolveTargets(operands, flags.config, io);
  const files: FixTarget[] = targets.map((absolute) => {
    const { content, identity } = readRegistryFile(absolute);
    // Decoding bytes that are not UTF-8 would replace them by U+FFFD on write: such a file is never fixed.
    const original = content instanceof RefusedContent ? undefined : textOf(content);
    return { absolute, file: displayPath(absolute, io.cwd), content, original, text: original, ...(identity ? { identity } : {}), applied: [] };
  });
  const targetSet = new Set(targets);
  // The rest of the registry is analysed once for every pass.
  const analysedContext = analyseContext(registry.filter((f) => !targetSet.has(f)).map((f) => readSource(f, io.cwd)), { config, now: io.now });
  const validate = (): FileResult[] => validateSources(files.map((f) => ({ file: f.file, content: f.text ?? f.content })), { config, now: io.now, analysedContext });

  let results = validate();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    results.forEach((result, index) => {
      const target = files[index]!;
      if (target.text === undefined) return;
      const fixable = result.diagnostics.filter((d) => d.fix && !d.waived);
      if (!fixable.length) return;
      const bom = target.text.startsWith(BOM) ? BOM : '';
      const outcome = applyFixes(bodyOf(target.text), fixable.map((d) => d.fix!));
      if (!outcome.applied.length) return;
      target.text = bom + outcome.text;
      target.applied.push(...fixable.filter((d) => outcome.applied.includes(d.fix!)));
      changed = true;
    });
    if (!changed) break;
    results = validate();
  }

  // Machine-readable formats keep stdout to themselves.
  const notes = flags.format === 'stylish' ? io.stdout : io.stderr;
  const changedFiles = files.filter((f) => f.text !== f.original);
  for (const target of changedFiles) {
    if (flags.dryRun) {
      const { createTwoFilesPatch } = await import('diff');
      notes(showLogLines(createTwoFilesPatch(`a/${target.file}`, `b/${target.file}`, target.original!, target.text!)));
    } else {
      const { identity } = target;
      writeFileAtomically(target.absolute, target.text!, identity && identity.mode & 0o7777, identity);
    }
  }
  const appliedCount = files.reduce((n, f) => n + f.applied.length, 0);
  if (appliedCount) {
    const verb = flags.dryRun ? 'Would fix' : 'Fixed';
    const lines = files.flatMap((f) => f.applied.map((d) => `${showLineStart(f.file)}:${d.line}  ${d.ruleId}  ${showControls(d.fix!.description)}`));
    notes(`${lines.join('\n')}\n${verb} ${appliedCount} problem${appliedCount === 1 ? '' : 's'} in ${changedFiles.length} file${changedFiles.length === 1 ? '' : 's'}${flags.dryRun ? ' (dry run: nothing written)' : ''}.\n\n`);
  } else {
    notes('Nothing to fix.\n\n');
  }
  return reportResults(results, flags, config, io);
}

export const registerFix: RegisterCommand = (program, { io, setExitCode }) => {
  addReportOptions(program
    .command('fix')
    .description('Apply the rules\' automatic fixes (http→https, deprecated SPDX ids, country names), keeping comments and formatting, then report what remains.')
    .argument('[paths...]', 'files, folders or globs to fix (default: every file in the registry folder)'))
    .option('--dry-run', 'print the changes as a unified diff and write nothing')
    .action(async (operands: string[], flags: FixFlags) => {
      setExitCode(await runFix(operands, flags, io));
    });
};
