import type { Diagnostic, FileResult } from '../core/types.js';
import { applyFixes } from './apply.js';

/** A fix after the next validation may propose another (e.g. two deprecated ids in one expression). */
const MAX_PASSES = 5;
const BOM = '\uFEFF';

/** One file being fixed: its current text (undefined: never fixed, e.g. not UTF-8) and the findings fixed so far. */
export interface FixingFile {
  text?: string;
  applied: Diagnostic[];
}

/** The file's text without a byte-order mark (the loader's positions are relative to that). */
function bodyOf(text: string): string {
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

function fixKey(d: Diagnostic): string {
  return `${d.ruleId}\0${d.path}\0${d.fix!.description}`;
}

/** Applies `fixes` to the text of `file`; the findings whose fix went in. */
function applyTo(file: FixingFile, fixes: readonly Diagnostic[]): Diagnostic[] {
  const text = file.text!;
  const bom = text.startsWith(BOM) ? BOM : '';
  const outcome = applyFixes(
    bodyOf(text),
    fixes.map((d) => d.fix!),
  );
  if (!outcome.applied.length) return [];
  file.text = bom + outcome.text;
  return fixes.filter((d) => outcome.applied.includes(d.fix!));
}

/**
 * Applies the fixes the findings propose, pass after pass, until none is left (or MAX_PASSES). `validate`
 * checks every file at its current text, in the order of `files`. A fix never makes a file worse: when a
 * file has more errors after a pass, its fixes of that pass are tried one at a time and only those that
 * add no error are kept (e.g. a country code whose name the list already holds). Returns the final results.
 */
export function fixFiles(files: FixingFile[], validate: () => FileResult[]): FileResult[] {
  const rejected = files.map(() => new Set<string>());
  let results = validate();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const before = files.map((f) => f.text);
    const proposed = new Map<number, Diagnostic[]>();
    results.forEach((result, index) => {
      const file = files[index]!;
      if (file.text === undefined) return;
      const fixable = result.diagnostics.filter((d) => d.fix && !d.waived && !rejected[index]!.has(fixKey(d)));
      const applied = fixable.length ? applyTo(file, fixable) : [];
      if (applied.length) proposed.set(index, applied);
    });
    if (!proposed.size) break;
    let next = validate();
    let reverted = false;
    for (const [index, applied] of proposed) {
      const file = files[index]!;
      let baseline = results[index]!.errorCount;
      if (next[index]!.errorCount <= baseline) {
        file.applied.push(...applied);
        continue;
      }
      reverted = true;
      file.text = before[index];
      for (const finding of applied) {
        const previous = file.text;
        if (!applyTo(file, [finding]).length) continue;
        const errors = validate()[index]!.errorCount;
        if (errors > baseline) {
          file.text = previous;
          rejected[index]!.add(fixKey(finding));
        } else {
          file.applied.push(finding);
          baseline = errors;
        }
      }
    }
    if (reverted) next = validate();
    results = next;
  }
  return results;
}
