import { ruleSetting, type Config } from '../config.js';
import { summarise } from '../engine/engine.js';
import { loadNomination, type LoadedFile } from '../load/load.js';
import { asRecord, asString } from '../nomination.js';
import type { Decision } from '../review/decisions.js';
import { rule as decisionRule } from '../rules/git/decision.js';
import { rule as deletedNomination } from '../rules/git/deleted-nomination.js';
import { rule as delistingWithoutReason } from '../rules/git/delisting-without-reason.js';
import { rule as outsidePath } from '../rules/git/outside-path.js';
import { formatMessage, type CoreRule } from '../rules/types.js';
import type { Diagnostic, FileResult } from '../types.js';

function gitDiagnostic(rule: CoreRule, messageId: string, data: Record<string, string>, config: Config): Diagnostic[] {
  const { severity } = ruleSetting(rule, config);
  if (severity === 'off') return [];
  return [{
    ruleId: rule.id, indicator: rule.indicator, severity, message: formatMessage(rule.messages[messageId]!, data),
    path: '', line: 1, column: 1, endLine: 1, endColumn: 1,
  }];
}

/** A result about a file as a whole; it has no indicators to review, so no review notes. */
function fileFinding(file: string, diagnostics: Diagnostic[]): FileResult | undefined {
  return diagnostics.length ? { ...summarise(file, diagnostics, true), reviewNotes: [] } : undefined;
}

/**
 * The result for a nomination a change deletes. A deletion is a delisting; a recognised DPG's reason
 * must be recorded in the file (stage: delisted + delisting.reason), which a deleted file cannot hold.
 */
export function deletedNominationResult(file: string, content: string, config: Config): FileResult | undefined {
  const data = asRecord(loadNomination(file, content).data);
  const stage = asString(data.stage) ?? 'unknown';
  const reason = asString(asRecord(data.delisting).reason)?.trim();
  return fileFinding(file, [
    ...gitDiagnostic(deletedNomination, 'deleted', { stage }, config),
    ...(stage === 'dpg' && !reason ? gitDiagnostic(delistingWithoutReason, 'deleted', {}, config) : []),
  ]);
}

/** The result for a changed file that is not a nomination (`inRegistry`: it sits in the registry folder). */
export function outsidePathResult(file: string, inRegistry: boolean, config: Config): FileResult | undefined {
  return fileFinding(file, gitDiagnostic(outsidePath, inRegistry ? 'notNomination' : 'outside', { file, registry: config.registry }, config));
}

/** The git/decision finding for a decision in a changed nomination, placed on the stage or review date it sets. */
export function decisionDiagnostic(decision: Decision, loaded: LoadedFile, config: Config): Diagnostic[] {
  const { severity } = ruleSetting(decisionRule, config);
  if (severity === 'off') return [];
  return [{
    ruleId: decisionRule.id, indicator: null, severity,
    message: formatMessage(decisionRule.messages[decision.messageId]!, { from: decision.from, to: decision.to, slug: decision.slug }),
    path: decision.path,
    ...loaded.locate(decision.path),
  }];
}
