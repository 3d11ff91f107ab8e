import type { Config } from '../../config/config.js';
import { addFindings, fileFindingResult } from '../../lint/finish.js';
import { loadNomination, type LoadedFile } from '../../load/load.js';
import { asRecord, asString } from '../../core/nomination.js';
import type { Decision } from '../../review/decisions.js';
import { rule as decisionRule } from '../../rules/git/decision.js';
import { rule as deletedNomination } from '../../rules/git/deleted-nomination.js';
import { rule as delistingWithoutReason } from '../../rules/git/delisting-without-reason.js';
import { rule as outsidePath } from '../../rules/git/outside-path.js';
import { rule as regularFile } from '../../rules/registry/regular-file.js';
import { rule as limits } from '../../rules/yaml/limits.js';
import { FILE_START, problemDiagnostic, type CoreRule } from '../../rules/types.js';
import type { Diagnostic, FileResult } from '../../core/types.js';
import type { EntryKind } from './changed.js';

function gitDiagnostic(rule: CoreRule, messageId: string, data: Record<string, string>): Diagnostic {
  return problemDiagnostic(rule, messageId, data, FILE_START);
}

/** A result about a file as a whole, through the finish stage; it has no indicators to review, so no review notes. */
function fileFinding(file: string, diagnostics: Diagnostic[], config: Config): FileResult | undefined {
  return fileFindingResult(file, diagnostics, { config });
}

/**
 * The result for a nomination a change deletes or renames away (`renamedTo`: its new path, as shown). A
 * deletion is a delisting; a recognised DPG's reason must be recorded in the file (stage: delisted +
 * delisting.reason), which a deleted file cannot hold. A rename removes the record as a deletion does: the
 * new path is a new record. `content` is the file at the merge-base, undefined when it could not be read.
 */
export function deletedNominationResult(
  file: string,
  content: string | undefined,
  config: Config,
  renamedTo?: string,
): FileResult | undefined {
  const data = content === undefined ? {} : asRecord(loadNomination(file, content).data);
  const stage = asString(data.stage) ?? 'unknown';
  const reason = asString(asRecord(data.delisting).reason)?.trim();
  const messageId = renamedTo === undefined ? 'deleted' : 'renamed';
  const to = renamedTo ?? '';
  return fileFinding(
    file,
    [
      gitDiagnostic(deletedNomination, messageId, { stage, to }),
      ...(stage === 'dpg' && !reason ? [gitDiagnostic(delistingWithoutReason, messageId, { to })] : []),
    ],
    config,
  );
}

const KIND_NAMES: Record<Exclude<EntryKind, 'file' | 'symlink'>, string> = { submodule: 'git submodule', special: 'special file' };

/** The registry/regular-file finding for a nomination, review record or reviewers file that git has as a symbolic link or submodule. */
export function irregularEntryDiagnostics(file: string, kind: Exclude<EntryKind, 'file'>): Diagnostic[] {
  return kind === 'symlink'
    ? [gitDiagnostic(regularFile, 'symlink', { file })]
    : [gitDiagnostic(regularFile, 'notRegular', { file, kind: KIND_NAMES[kind] })];
}

/** The yaml/limits finding for a base version too large to read: the change is judged as if the file were new. */
export function oversizedBaseDiagnostics(size: number, maxBytes: number, base: string): Diagnostic[] {
  return [gitDiagnostic(limits, 'oversizedBase', { base: base.slice(0, 12), size: String(size), max: String(maxBytes) })];
}

/** The git/decision finding for a change to the configuration (`dpg.config.yaml`) or the reviewers file, which the check reads from the base. */
export function policyFileDiagnostics(
  what: 'configuration' | 'reviewers',
  file: string,
  action: 'added' | 'modified' | 'deleted',
  base: string,
): Diagnostic[] {
  const verb = { added: 'adds', modified: 'modifies', deleted: 'deletes' }[action];
  return [gitDiagnostic(decisionRule, what, { action: verb, file, base })];
}

/**
 * `results` with `diagnostics` added to the result of `file` through the finish stage, or a new result for
 * it when it has none (a file without indicators to review). The file's own waivers do not apply: these
 * findings are about the change, not the file.
 */
export function withFindings(
  results: readonly FileResult[],
  file: string,
  diagnostics: readonly Diagnostic[],
  config: Config,
): FileResult[] {
  return addFindings(results, file, diagnostics, { config });
}

/** The result for a changed file that is not a nomination (`inRegistry`: it sits in the registry folder). */
export function outsidePathResult(file: string, inRegistry: boolean, config: Config): FileResult | undefined {
  return fileFinding(
    file,
    [gitDiagnostic(outsidePath, inRegistry ? 'notNomination' : 'outside', { file, registry: config.registry })],
    config,
  );
}

/** The git/decision finding for a decision in a changed nomination, placed on the stage or review date it sets (unsettled: see src/lint/finish.ts). */
export function decisionDiagnostic(decision: Decision, loaded: LoadedFile): Diagnostic {
  return problemDiagnostic(
    decisionRule,
    decision.messageId,
    { from: decision.from, to: decision.to, slug: decision.slug },
    { path: decision.path, ...loaded.locate(decision.path) },
    { indicator: null },
  );
}
