import { analyseContext, validateSources } from '../../lint/engine.js';
import { fixFiles } from '../../fix/loop.js';
import { textOf } from '../../load/load.js';
import { readRegistryFile, RefusedContent } from '../../load/read.js';
import { displayPath, readSource } from '../../runner/files.js';
import { writeFileAtomically } from '../../util/atomic-write.js';
import type { Diagnostic, FileResult } from '../../core/types.js';
import { showControls, showLineStart, showLogLines } from '../../util/visible-text.js';
import type { CliIO } from '../../core/io.js';
import { useColor } from '../context.js';
import { colorPatch } from '../../fix/patch.js';
import { styles } from '../../formatters/stylish.js';
import { reportResults, resolveTargets, type ReportFlags } from './report.js';

export interface FixFlags extends ReportFlags {
  dryRun?: boolean;
}

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
    return {
      absolute,
      file: displayPath(absolute, io.cwd),
      content,
      original,
      text: original,
      ...(identity ? { identity } : {}),
      applied: [],
    };
  });
  const targetSet = new Set(targets);
  // The rest of the registry is analysed once for every pass.
  const analysedContext = analyseContext(
    registry.filter((f) => !targetSet.has(f)).map((f) => readSource(f, io.cwd)),
    { config, now: io.now },
  );
  const validate = (): FileResult[] =>
    validateSources(
      files.map((f) => ({ file: f.file, content: f.text ?? f.content })),
      { config, now: io.now, analysedContext },
    );

  const results = fixFiles(files, validate);

  // Machine-readable formats keep stdout to themselves (with --output-file they go to the file, and stdout is stylish).
  const toStdout = flags.format === 'stylish' || flags.outputFile !== undefined;
  const notes = toStdout ? io.stdout : io.stderr;
  const color = useColor(flags.color, io, toStdout ? 'stdout' : 'stderr');
  const paint = styles(color);
  const changedFiles = files.filter((f) => f.text !== f.original);
  for (const target of changedFiles) {
    if (flags.dryRun) {
      const { createTwoFilesPatch } = await import('diff');
      notes(
        colorPatch(showLogLines(createTwoFilesPatch(`a/${target.file}`, `b/${target.file}`, target.original!, target.text!)), { color }),
      );
    } else {
      const { identity } = target;
      writeFileAtomically(target.absolute, target.text!, identity && identity.mode & 0o7777, identity);
    }
  }
  const appliedCount = files.reduce((n, f) => n + f.applied.length, 0);
  if (appliedCount) {
    const verb = flags.dryRun ? 'Would fix' : 'Fixed';
    const lines = files.flatMap((f) =>
      f.applied.map((d) => `${showLineStart(f.file)}:${d.line}  ${paint.dim(d.ruleId)}  ${showControls(d.fix!.description)}`),
    );
    notes(
      `${lines.join('\n')}\n${paint.ok(verb)} ${appliedCount} problem${appliedCount === 1 ? '' : 's'} in ${changedFiles.length} file${changedFiles.length === 1 ? '' : 's'}${flags.dryRun ? ' (dry run: nothing written)' : ''}.\n\n`,
    );
  } else {
    notes('Nothing to fix.\n\n');
  }
  return reportResults(results, flags, config, io);
}
