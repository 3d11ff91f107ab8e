import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { summarise } from '../../lint/engine.js';
import type { ChangeNote, FormatterOptions } from '../../formatters/types.js';
import type { CommentContext } from '../../github/bot/context.js';
import { describeReadProblem, isReadProblem, readRegularFile } from '../../util/regular-file.js';
import { ALL_RULES } from '../../rules/index.js';
import {
  INDICATOR_IDS,
  type Diagnostic,
  type FileResult,
  type Fix,
  type IndicatorId,
  type IndicatorStatus,
  type ReviewNote,
  type Severity,
} from '../../core/types.js';
import { VERSION } from '../../core/version.js';

const MAX_RESULTS_BYTES = 64 * 1024 * 1024;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const STATUSES: readonly IndicatorStatus[] = ['pass', 'fail', 'warning'];

export interface ResultsFile {
  results: FileResult[];
  notes: ChangeNote[];
}

/**
 * Reads results written by `dpg validate --format json` (an array of file results, or
 * `{ results, notes }`). The file may come from an untrusted job, so every field is checked and
 * the counts are recomputed rather than believed.
 */
export function readResultsFile(file: string, cwd: string): ResultsFile {
  const absolute = path.resolve(cwd, file);
  const read = readRegularFile(absolute, MAX_RESULTS_BYTES);
  if (isReadProblem(read)) {
    if (read.problem === 'tooLarge')
      throw new UsageError(`${file}: larger than ${MAX_RESULTS_BYTES / 1024 / 1024} MiB; not a results file.`);
    const why = read.problem === 'missing' ? 'ENOENT' : read.problem === 'unreadable' ? read.code : `it ${describeReadProblem(read)}`;
    throw new UsageError(`Cannot read the results file ${file}: ${why}.`);
  }
  const text = read.bytes.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: not JSON (${(err as Error).message}); write it with \`dpg validate --format json\`.`);
  }
  return parseResults(data, file);
}

function parseResults(data: unknown, source: string): ResultsFile {
  const fail = (where: string, what: string): never => {
    throw new UsageError(`${source}: ${where} ${what}; write the file with \`dpg validate --format json\`.`);
  };
  const record = (value: unknown, where: string): Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : fail(where, 'must be an object');
  const list = (value: unknown, where: string): unknown[] => (Array.isArray(value) ? value : fail(where, 'must be a list'));
  const text = (value: unknown, where: string): string => (typeof value === 'string' ? value : fail(where, 'must be a string'));
  const position = (value: unknown, where: string): number =>
    Number.isSafeInteger(value) && (value as number) >= 1 ? (value as number) : fail(where, 'must be a whole number from 1');
  const oneOf = <T extends string>(value: unknown, allowed: readonly T[], where: string): T =>
    allowed.includes(value as T) ? (value as T) : fail(where, `must be one of ${allowed.join(', ')}`);

  const fixOf = (f: Record<string, unknown>, where: string): Fix => {
    const value = Array.isArray(f.value)
      ? f.value.map((v, i) => text(v, `${where}.value[${i}]`))
      : ['string', 'number', 'boolean'].includes(typeof f.value)
        ? (f.value as string | number | boolean)
        : fail(`${where}.value`, 'must be a string, number, boolean or list of strings');
    const flag = (key: 'insert' | 'remove'): { insert?: true; remove?: true } =>
      f[key] === undefined ? {} : f[key] === true ? { [key]: true } : fail(`${where}.${key}`, 'must be true');
    return {
      description: text(f.description, `${where}.description`),
      path: text(f.path, `${where}.path`),
      value,
      ...flag('insert'),
      ...flag('remove'),
    };
  };
  const top = Array.isArray(data) ? { results: data } : record(data, 'the top level');
  const results = list(top.results, 'results').map((raw, i): FileResult => {
    const at = `results[${i}]`;
    const r = record(raw, at);
    const file = text(r.file, `${at}.file`);
    if (!file) fail(`${at}.file`, 'must not be empty');
    const diagnostics = list(r.diagnostics, `${at}.diagnostics`).map((rawDiagnostic, j): Diagnostic => {
      const dAt = `${at}.diagnostics[${j}]`;
      const d = record(rawDiagnostic, dAt);
      const line = position(d.line, `${dAt}.line`);
      const column = d.column === undefined ? 1 : position(d.column, `${dAt}.column`);
      const waived = d.waived === undefined ? undefined : record(d.waived, `${dAt}.waived`);
      return {
        ruleId: text(d.ruleId, `${dAt}.ruleId`),
        indicator: d.indicator === null || d.indicator === undefined ? null : oneOf(d.indicator, INDICATOR_IDS, `${dAt}.indicator`),
        severity: oneOf(d.severity, SEVERITIES, `${dAt}.severity`),
        message: text(d.message, `${dAt}.message`),
        path: d.path === undefined ? '' : text(d.path, `${dAt}.path`),
        line,
        column,
        endLine: d.endLine === undefined ? line : position(d.endLine, `${dAt}.endLine`),
        endColumn: d.endColumn === undefined ? column : position(d.endColumn, `${dAt}.endColumn`),
        ...(waived
          ? {
              waived: {
                reason: text(waived.reason, `${dAt}.waived.reason`),
                approvedBy: text(waived.approvedBy, `${dAt}.waived.approvedBy`),
              },
            }
          : {}),
        ...(d.fix === undefined ? {} : { fix: fixOf(record(d.fix, `${dAt}.fix`), `${dAt}.fix`) }),
      };
    });
    // Statuses recorded in the file win (an unreadable file fails every indicator); missing ones follow the diagnostics.
    const derived = summarise(file, diagnostics, true).indicators;
    const recorded = r.indicators === undefined ? {} : record(r.indicators, `${at}.indicators`);
    const indicators = Object.fromEntries(
      INDICATOR_IDS.map((id) => [id, recorded[id] === undefined ? derived[id] : oneOf(recorded[id], STATUSES, `${at}.indicators.${id}`)]),
    ) as Record<IndicatorId, IndicatorStatus>;
    const reviewNotes =
      r.reviewNotes === undefined
        ? []
        : list(r.reviewNotes, `${at}.reviewNotes`).map((rawNote, k): ReviewNote => {
            const n = record(rawNote, `${at}.reviewNotes[${k}]`);
            return {
              indicator: oneOf(n.indicator, INDICATOR_IDS, `${at}.reviewNotes[${k}].indicator`),
              note: text(n.note, `${at}.reviewNotes[${k}].note`),
            };
          });
    return {
      file,
      diagnostics,
      indicators,
      reviewNotes,
      errorCount: diagnostics.filter((d) => d.severity === 'error').length,
      warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
    };
  });
  const notes =
    top.notes === undefined
      ? []
      : list(top.notes, 'notes').map((rawNote, i): ChangeNote => {
          const n = record(rawNote, `notes[${i}]`);
          return {
            file: text(n.file, `notes[${i}].file`),
            severity: oneOf(n.severity, SEVERITIES, `notes[${i}].severity`),
            message: text(n.message, `notes[${i}].message`),
          };
        });
  return { results, notes };
}

/**
 * Merges the results of several runs, e.g. the shards of `dpg validate --shard i/n`: one result per file,
 * sorted by file. The same file in two inputs must have the same result, else the runs did not check the
 * same tree (exit 2).
 */
export function mergeResults(inputs: ReadonlyArray<{ source: string; results: ResultsFile }>): ResultsFile {
  const byFile = new Map<string, { source: string; result: FileResult; text: string }>();
  const notes = new Map<string, ChangeNote>();
  for (const { source, results } of inputs) {
    for (const result of results.results) {
      const text = JSON.stringify(result);
      const seen = byFile.get(result.file);
      if (seen && seen.text !== text) {
        throw new UsageError(
          `${seen.source} and ${source} disagree on ${result.file}; merge only results of the same commit and configuration.`,
        );
      }
      if (!seen) byFile.set(result.file, { source, result, text });
    }
    for (const note of results.notes) notes.set(JSON.stringify(note), note);
  }
  const results = [...byFile.values()].map((r) => r.result).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { results, notes: [...notes.values()] };
}

const REPOSITORY_PATTERN = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** A commit id, full (40 hex digits; 64 in a SHA-256 repository) or abbreviated to at least 7. */
const SHA_PATTERN = /^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/i;

export interface ReviewFlags {
  sha?: string;
  repo?: string;
  serverUrl?: string;
  summaryUrl?: string;
}

function shaProblem(sha: string): string {
  const shown = JSON.stringify(sha.length > 80 ? `${sha.slice(0, 80)}…` : sha);
  if (!/^[0-9a-f]*$/i.test(sha)) return `--sha must be a commit id of hexadecimal digits (0-9, a-f), not ${shown}.`;
  return `--sha must be a commit id of 7 to 40 hexadecimal digits (64 in a SHA-256 repository); ${shown} has ${sha.length}.`;
}

export function parseRepository(value: string): { owner: string; repo: string } {
  if (!REPOSITORY_PATTERN.test(value)) throw new UsageError(`--repo must look like owner/name, not "${value}".`);
  const [owner, repo] = value.split('/') as [string, string];
  return { owner, repo };
}

/** The comment's context from command-line flags, checked: they end up in links. */
export function commentContext(flags: ReviewFlags, notes: readonly ChangeNote[], env: Record<string, string | undefined>): CommentContext {
  if (flags.sha !== undefined && !SHA_PATTERN.test(flags.sha)) throw new UsageError(shaProblem(flags.sha));
  const serverUrl = (flags.serverUrl ?? env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(serverUrl)) throw new UsageError(`--server-url must be an http(s) URL, not "${serverUrl}".`);
  if (flags.summaryUrl !== undefined && !/^https?:\/\/\S+$/.test(flags.summaryUrl))
    throw new UsageError(`--summary-url must be an http(s) URL, not "${flags.summaryUrl}".`);
  if (flags.repo !== undefined) parseRepository(flags.repo);
  return {
    ...(flags.sha ? { commitSha: flags.sha.toLowerCase() } : {}),
    ...(flags.repo ? { repositoryUrl: `${serverUrl}/${flags.repo}` } : {}),
    ...(flags.summaryUrl ? { summaryUrl: flags.summaryUrl } : {}),
    notes,
  };
}

export function markdownFormatterOptions(docsBaseUrl: string, context: CommentContext): FormatterOptions {
  const source = {
    ...(context.repositoryUrl ? { repositoryUrl: context.repositoryUrl } : {}),
    ...(context.commitSha ? { commitSha: context.commitSha } : {}),
  };
  return { color: false, docsBaseUrl, rules: ALL_RULES, version: VERSION, source, notes: context.notes ?? [] };
}
