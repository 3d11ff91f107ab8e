import { indicatorDisplay, isDueLater, type IndicatorDisplay } from '../core/due-at-renewal.js';
import { INDICATOR_ORDER, indicatorTitle } from '../core/indicators.js';
import type { Diagnostic, FileResult, IndicatorId, Severity } from '../core/types.js';
import { showControls } from '../util/visible-text.js';
import { ruleDocsUrl } from './docs.js';
import type { ChangeNote, Formatter, FormatterOptions } from './types.js';

const MAX_MESSAGE_LENGTH = 1_000;
export const MAX_NAME_LENGTH = 300;

/**
 * Addresses GitHub would turn into links (GitHub-flavoured Markdown's autolinks: http://, https://,
 * ftp:// and www.), up to a character that ends a code span, a table cell or an autolink.
 */
const AUTOLINK = /(?:https?:\/\/|ftp:\/\/|www\.)[^\s`|<>]*/gi;

function escapeInline(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]|~!$]/g, '\\$&')
      // A zero-width joiner keeps the text readable but stops GitHub from pinging or cross-referencing.
      .replace(/@(?=[\p{L}\p{N}_-])/gu, '@\u200d')
      .replace(/#(?=\d)/g, '#\u200d')
      .replace(/\b(GH)-(?=\d)/gi, '$1\u200d-')
  );
}

/**
 * Text from nominations and diagnostics, made inert for GitHub Markdown: no HTML, no links or images,
 * no emphasis, no table breaks, no @mentions or #references, one line, controls and bidirectional
 * characters shown as escapes.
 */
export function escapeMarkdownText(text: string, maxLength = MAX_MESSAGE_LENGTH): string {
  const chars = [...String(text)];
  const clipped = chars.length > maxLength ? chars.slice(0, maxLength).join('') + '…' : String(text);
  const line = showControls(clipped.replace(/\r\n|[\r\n\t\v\f\u2028\u2029]/g, ' '));
  // An address in a value would otherwise become a link in the bot's comment. In a code span GitHub
  // links nothing, and the text stays exactly what was written when copied (a zero-width character
  // inside the address would break it for whoever pastes it). The span holds no backtick, pipe or
  // angle bracket, so one backtick fences it, no table cell ends inside it and no HTML starts there.
  let out = '';
  let at = 0;
  for (const match of line.matchAll(AUTOLINK)) {
    // Closing quotes and punctuation after an address are the sentence's, as GitHub reads them too.
    const address = match[0].replace(/[?!.,:;*_~'")\]]+$/, '');
    out += escapeInline(line.slice(at, match.index)) + '`' + address + '`';
    at = match.index + address.length;
  }
  return out + escapeInline(line.slice(at));
}

/** An http(s) URL safe to put between the parentheses of a Markdown link, or null. */
export function linkDestination(url: string): string | null {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return null;
  return url.replace(/[()<>[\]"'`\\|{}^]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function encodePath(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

export function link(text: string, url: string | null): string {
  const destination = url === null ? null : linkDestination(url);
  return destination ? `[${text}](${destination})` : text;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function counts(errors: number, warnings: number, due = 0): string {
  const parts = [];
  if (errors) parts.push(plural(errors, 'error'));
  if (warnings) parts.push(plural(warnings, 'warning'));
  if (due) parts.push(`${due} due at renewal`);
  return parts.join(', ');
}

/** Errors, warnings other than answers due at renewal, and those answers, as reports count them. */
export function tally(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number; due: number } {
  const due = diagnostics.filter(isDueLater).length;
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length - due,
    due,
  };
}

/** The date the answers are due by, when they all share one. */
function dueBy(diagnostics: readonly Diagnostic[]): string | undefined {
  const dates = [...new Set(diagnostics.filter(isDueLater).map((d) => d.due?.by))];
  return dates.length === 1 ? dates[0] : undefined;
}

const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };
const DUE_ICON = '⏳';
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const STATUS_CELL: Record<IndicatorDisplay, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  warning: '⚠️ warning',
  due: '⏳ due at renewal',
};
export const SHA_PATTERN = /^[0-9a-f]{7,64}$/i;

export function isCounted(d: Diagnostic): boolean {
  return d.severity === 'error' || d.severity === 'warning';
}

export interface MarkdownLinks {
  line(file: string, line?: number): string | null;
  commit(): string | null;
  docs(ruleId: string): string | null;
}

export function markdownLinks(options: FormatterOptions): MarkdownLinks {
  const source = options.source ?? {};
  const sha = source.commitSha && SHA_PATTERN.test(source.commitSha) ? source.commitSha : undefined;
  const repo = source.repositoryUrl?.replace(/\/+$/, '');
  return {
    line: (file, line) => (repo && sha ? `${repo}/blob/${sha}/${encodePath(file)}${line ? `#L${line}` : ''}` : null),
    commit: () => (repo && sha ? `${repo}/commit/${sha}` : null),
    docs: (ruleId) => ruleDocsUrl(ruleId, options),
  };
}

/** A result about a changed file as a whole (a deleted nomination, a file outside the registry), not a nomination. */
export function isChangeResult(result: FileResult): boolean {
  // git/decision marks a decision inside a nomination that stays in the registry.
  return (
    result.diagnostics.length > 0 &&
    result.diagnostics.every((d) => typeof d.ruleId === 'string' && d.ruleId.startsWith('git/') && d.ruleId !== 'git/decision')
  );
}

const RECORD_FILE = /(^|\/)(reviews\/[^/]+\/[^/]+|reviewers)\.ya?ml$/i;

/** A review record or reviewers.yaml: checked like a nomination, but it has no indicators of its own. */
export function isRecordResult(result: FileResult): boolean {
  return RECORD_FILE.test(result.file) && !isChangeResult(result);
}

/** Findings about the nomination itself (name, website, country, the file's shape): no indicator of the Standard. */
function identityDiagnostics(result: FileResult): Diagnostic[] {
  return result.diagnostics.filter((d) => !d.indicator);
}

/**
 * One row per indicator, led by an "Identity" row for findings outside the nine indicators, so that a
 * file failing on its name or website never shows a table that is all ✅.
 */
export function indicatorTable(result: FileResult): string {
  const rows = ['| # | Indicator | Result |', '| :-- | :-- | :-- |'];
  const identity = tally(identityDiagnostics(result));
  const identityCell = identity.errors ? STATUS_CELL.fail : identity.warnings ? STATUS_CELL.warning : STATUS_CELL.pass;
  const identityDetail = counts(identity.errors, identity.warnings);
  rows.push(`| – | Identity | ${identityCell}${identityDetail ? ` (${identityDetail})` : ''} |`);
  for (const id of INDICATOR_ORDER) {
    const status = result.indicators?.[id as IndicatorId];
    const here = result.diagnostics.filter((d) => d.indicator === id);
    const t = tally(here);
    const by = t.due ? dueBy(here) : undefined;
    const shown = indicatorDisplay(result, id);
    const detail = shown === 'due' ? `${plural(t.due, 'answer')}${by ? ` by ${by}` : ''}` : counts(t.errors, t.warnings, t.due);
    const cell = status && shown && STATUS_CELL[shown] ? STATUS_CELL[shown] : '—';
    rows.push(`| ${id} | ${indicatorTitle(id)} | ${cell}${detail ? ` (${detail})` : ''} |`);
  }
  return rows.join('\n');
}

export function problemLine(file: string, d: Diagnostic, links: MarkdownLinks): string {
  const where = link(escapeMarkdownText(`${file}:${d.line}`, MAX_NAME_LENGTH), links.line(file, d.line));
  const waived = d.waived
    ? ` (waived by ${escapeMarkdownText(d.waived.approvedBy, MAX_NAME_LENGTH)}: ${escapeMarkdownText(d.waived.reason)})`
    : '';
  const rule = link(escapeMarkdownText(d.ruleId, MAX_NAME_LENGTH), links.docs(d.ruleId));
  // An answer due at the next review is no failure of the current recognition: marked as due, not as a warning.
  const icon = isDueLater(d) ? DUE_ICON : (SEVERITY_ICON[d.severity] ?? '•');
  return `- ${icon} ${where} — ${escapeMarkdownText(d.message)}${waived} · ${rule}`;
}

/** The diagnostics a report lists, errors first (`quiet`: errors only). */
export function shownDiagnostics(result: FileResult, quiet = false): Diagnostic[] {
  return result.diagnostics
    .filter((d) => !quiet || d.severity === 'error')
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line || a.column - b.column);
}

/** ❌, ⚠️, ⏳ or ✅ and the counts of one file ("No problems" when clean). */
export function fileSummary(result: FileResult): { icon: string; summary: string } {
  const { errors, warnings, due } = tally(result.diagnostics);
  const icon = errors ? '❌' : warnings ? '⚠️' : due ? DUE_ICON : '✅';
  const by = due ? dueBy(result.diagnostics) : undefined;
  const summary = counts(errors, warnings, due) + (by ? ` (by ${by}, the end of its recognition)` : '') || 'No problems';
  return { icon, summary };
}

export function reviewerNotes(result: FileResult, heading = '####'): string {
  if (!result.reviewNotes?.length) return '';
  const lines = result.reviewNotes.map(
    (n) =>
      `- **${escapeMarkdownText(n.indicator, 10)} · ${escapeMarkdownText(indicatorTitle(n.indicator))}:** ${escapeMarkdownText(n.note)}`,
  );
  return [`${heading} For the human reviewer`, '', ...lines].join('\n');
}

function changeLine(severity: Severity, file: string, message: string, links: MarkdownLinks, ruleId?: string): string {
  return (
    `- ${SEVERITY_ICON[severity] ?? '•'} ${escapeMarkdownText(file, MAX_NAME_LENGTH)} — ${escapeMarkdownText(message)}` +
    (ruleId ? ` · ${link(escapeMarkdownText(ruleId, MAX_NAME_LENGTH), links.docs(ruleId))}` : '')
  );
}

/** The changes besides nominations (notes, deletions, files outside the registry), one line each. */
export function changeLines(
  notes: readonly ChangeNote[],
  changes: readonly FileResult[],
  links: MarkdownLinks,
): Array<{ severity: Severity; text: string }> {
  return [
    ...notes.map((n) => ({ severity: n.severity, text: changeLine(n.severity, n.file, n.message, links) })),
    ...changes.flatMap((r) =>
      r.diagnostics.map((d) => ({ severity: d.severity, text: changeLine(d.severity, r.file, d.message, links, d.ruleId) })),
    ),
  ];
}

/**
 * A plain Markdown report of the results: totals, then per file its indicator table and problems.
 * Unbounded and without any pull-request furniture (the job summary, a saved report).
 */
export const formatMarkdown: Formatter = (results, options) => {
  const links = markdownLinks(options);
  const nominations = results.filter((r) => !isChangeResult(r) && !isRecordResult(r));
  const records = results.filter(isRecordResult);
  const changes = changeLines(options.notes ?? [], results.filter(isChangeResult), links);
  const all = [...nominations, ...records].flatMap((r) => r.diagnostics);
  const t = tally(all);
  const changeErrors = changes.filter((c) => c.severity === 'error').length;
  const changeWarnings = changes.filter((c) => c.severity === 'warning').length;
  const failing = nominations.filter((r) => r.diagnostics.some((d) => d.severity === 'error')).length;
  const totals = counts(t.errors + changeErrors, t.warnings + changeWarnings, t.due) || 'no problems';
  const checked = `${plural(nominations.length, 'nomination')} checked${failing ? `, ${failing} with errors` : ''}`;
  const sha = options.source?.commitSha && SHA_PATTERN.test(options.source.commitSha) ? options.source.commitSha : undefined;
  const commit = sha ? ` at commit ${link(`\`${sha.slice(0, 7)}\``, links.commit())}` : '';
  const parts = [
    '# DPG validation report',
    `${t.errors + changeErrors ? '❌' : '✅'} ${totals}; ${checked}${commit} (dpg ${escapeMarkdownText(options.version, 40)}).`,
  ];
  for (const result of nominations) {
    const { icon, summary } = fileSummary(result);
    const name = link(escapeMarkdownText(result.file, MAX_NAME_LENGTH), links.line(result.file));
    parts.push(`## ${icon} ${name}`, summary, indicatorTable(result));
    const shown = shownDiagnostics(result, options.quiet);
    if (shown.length) parts.push(shown.map((d) => problemLine(result.file, d, links)).join('\n'));
    const notes = reviewerNotes(result, '###');
    if (notes) parts.push(notes);
  }
  if (records.length) {
    parts.push(
      '## Review records',
      records
        .map((record) =>
          record.diagnostics.length
            ? shownDiagnostics(record, options.quiet)
                .map((d) => problemLine(record.file, d, links))
                .join('\n')
            : `- ✅ ${link(escapeMarkdownText(record.file, MAX_NAME_LENGTH), links.line(record.file))}`,
        )
        .filter(Boolean)
        .join('\n'),
    );
  }
  if (changes.length) parts.push('## Other changes', changes.map((c) => c.text).join('\n'));
  return parts.join('\n\n') + '\n';
};
