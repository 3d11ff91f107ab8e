import { indicatorDisplay, isDueLater, type DueAtRenewal, type IndicatorDisplay } from '../core/due-at-renewal.js';
import { INDICATOR_ORDER, indicatorTitle } from '../core/indicators.js';
import type { Diagnostic, FileResult, IndicatorId, Severity } from '../core/types.js';
import type { NominationStatus } from '../review/status.js';
import { showControls } from '../util/visible-text.js';
import { ruleDocsUrl } from './docs.js';
import type { ChangeNote, Formatter, FormatterOptions, HumanReviewSection } from './types.js';

/** The hidden marker by which the bot finds its own review comment. */
export const REVIEW_MARKER = '<!-- dpg-review -->';
/** Replaces REVIEW_MARKER in a comment that a newer review superseded, so it is never matched again. */
export const OUTDATED_MARKER = '<!-- dpg-review-outdated -->';
/** GitHub rejects issue comments longer than this. */
export const MAX_COMMENT_LENGTH = 65_536;

export type Verdict = 'pass' | 'fail';

const VERDICT_PATTERN = /<!-- dpg-verdict: (pass|fail) -->/;
const MAX_MESSAGE_LENGTH = 1_000;
const MAX_NAME_LENGTH = 300;

export function verdictMarker(verdict: Verdict): string {
  return `<!-- dpg-verdict: ${verdict} -->`;
}

/** The verdict recorded in a review comment's body, or null when it has none. */
export function parseVerdictMarker(body: string): Verdict | null {
  return (VERDICT_PATTERN.exec(body)?.[1] as Verdict | undefined) ?? null;
}

/** `fail` when any nomination or change note has an error; warnings alone pass. */
export function reviewVerdict(results: readonly FileResult[], notes: readonly ChangeNote[] = []): Verdict {
  const failed = results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) || notes.some((n) => n.severity === 'error');
  return failed ? 'fail' : 'pass';
}

/**
 * Addresses GitHub would turn into links (GitHub-flavoured Markdown's autolinks: http://, https://,
 * ftp:// and www.), up to a character that ends a code span, a table cell or an autolink.
 */
const AUTOLINK = /(?:https?:\/\/|ftp:\/\/|www\.)[^\s`|<>]*/gi;

function escapeInline(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~!$]/g, '\\$&')
    // A zero-width joiner keeps the text readable but stops GitHub from pinging or cross-referencing.
    .replace(/@(?=[\p{L}\p{N}_-])/gu, '@\u200d')
    .replace(/#(?=\d)/g, '#\u200d')
    .replace(/\b(GH)-(?=\d)/gi, '$1\u200d-');
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
  return file.split('/').map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
}

function link(text: string, url: string | null): string {
  const destination = url === null ? null : linkDestination(url);
  return destination ? `[${text}](${destination})` : text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function counts(errors: number, warnings: number, due = 0): string {
  const parts = [];
  if (errors) parts.push(plural(errors, 'error'));
  if (warnings) parts.push(plural(warnings, 'warning'));
  if (due) parts.push(`${due} due at renewal`);
  return parts.join(', ');
}

/** Errors, warnings other than answers due at renewal, and those answers, as the comment counts them. */
function tally(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number; due: number } {
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
const STATUS_CELL: Record<IndicatorDisplay, string> = { pass: '✅ pass', fail: '❌ fail', warning: '⚠️ warning', due: '⏳ due at renewal' };
const SHA_PATTERN = /^[0-9a-f]{7,64}$/i;

function isCounted(d: Diagnostic): boolean {
  return d.severity === 'error' || d.severity === 'warning';
}

interface Links {
  line(file: string, line?: number): string | null;
  commit(): string | null;
  docs(ruleId: string): string | null;
}

function makeLinks(options: FormatterOptions): Links {
  const review = options.review ?? {};
  const sha = review.commitSha && SHA_PATTERN.test(review.commitSha) ? review.commitSha : undefined;
  const repo = review.repositoryUrl?.replace(/\/+$/, '');
  return {
    line: (file, line) => (repo && sha ? `${repo}/blob/${sha}/${encodePath(file)}${line ? `#L${line}` : ''}` : null),
    commit: () => (repo && sha ? `${repo}/commit/${sha}` : null),
    docs: (ruleId) => ruleDocsUrl(ruleId, options),
  };
}

/** A result about a changed file as a whole (a deleted nomination, a file outside the registry), not a nomination to review. */
export function isChangeResult(result: FileResult): boolean {
  // git/decision marks a decision inside a nomination that stays in the registry.
  return result.diagnostics.length > 0
    && result.diagnostics.every((d) => typeof d.ruleId === 'string' && d.ruleId.startsWith('git/') && d.ruleId !== 'git/decision');
}

const RECORD_FILE = /(^|\/)(reviews\/[^/]+\/[^/]+|reviewers)\.ya?ml$/i;

/** A review record or reviewers.yaml: checked like a nomination, but it has no indicators of its own. */
export function isRecordResult(result: FileResult): boolean {
  return RECORD_FILE.test(result.file) && !isChangeResult(result);
}

const VERDICT_CELL: Record<string, string> = { meets: '✅ meets', 'does-not-meet': '❌ does not meet', 'needs-information': '❓ needs information' };

/** A handle shown without notifying anyone (the reviewers were requested already). */
function handle(name: string): string {
  return escapeMarkdownText(name.startsWith('@') ? name : `@${name}`, MAX_NAME_LENGTH);
}

function indicatorList(items: readonly DueAtRenewal[]): string {
  const ids = [...new Set(items.flatMap((d) => (d.indicator ? [d.indicator] : [])))];
  return ids.length ? ` on ${ids.length === 1 ? 'indicator' : 'indicators'} ${ids.join(', ')}` : '';
}

/** What an approved DPG's status is about: its recognition and what it owes at renewal, not a decision. */
function recognitionLine(status: NominationStatus): string | undefined {
  const r = status.recognition;
  if (!r) return undefined;
  const owed = r.dueAtRenewal.length;
  if (r.state === 'expired') {
    return `**Recognition expired${r.until ? ` on ${r.until}` : ''}**: renew it with a new review`
      + `${owed ? `, with the ${plural(owed, 'answer')} it owes${indicatorList(r.dueAtRenewal)} (due now)` : ''}.`;
  }
  return `**Recognised as a DPG${r.until ? ` until ${r.until}` : ''}**`
    + (owed ? `; ⏳ ${plural(owed, 'answer')} due at renewal${indicatorList(r.dueAtRenewal)}.` : '; nothing due at renewal.');
}

/**
 * One nomination's automated and human verdicts side by side, and whether it is ready for a decision;
 * for an approved DPG, its recognition instead, unless `decision` says the change under review decides it.
 */
export function statusMarkdown(status: NominationStatus, heading = '####', decision = false): string {
  const columns = status.reviews;
  const head = ['#', 'Indicator', 'Automated', ...columns.map((c) => `${handle(c.reviewer)}${c.counted ? '' : ' ¹'}`)];
  const rows = [`| ${head.join(' | ')} |`, `|${head.map(() => ' :-- ').join('|')}|`];
  for (const row of status.indicators) {
    const cells = [row.indicator, escapeMarkdownText(row.title), STATUS_CELL[row.automated] ?? '—',
      ...columns.map((c) => VERDICT_CELL[row.human[c.reviewer] ?? ''] ?? '—')];
    rows.push(`| ${cells.join(' | ')} |`);
  }
  const readiness = (!decision && recognitionLine(status)) || (status.ready
    ? `**Ready for a decision**: ${status.countedReviews} of ${status.minReviews} reviews, no open objections.`
    : `**Not ready for a decision**: ${status.missing.map((m) => escapeMarkdownText(m)).join('; ')}.`);
  const excluded = columns.filter((c) => !c.counted)
    .map((c) => `¹ ${handle(c.reviewer)} does not count: ${escapeMarkdownText(c.excluded ?? '')}.`);
  const comments = columns.flatMap((c) => Object.entries(c.verdicts)
    .filter(([, v]) => v && v.verdict !== 'meets' && v.comment)
    .map(([id, v]) => `- ${handle(c.reviewer)} on ${escapeMarkdownText(id, 10)}: ${escapeMarkdownText(v!.comment!)}`));
  return [
    `${heading} ${escapeMarkdownText(status.name, MAX_NAME_LENGTH)} · stage ${escapeMarkdownText(status.stage, 40)}`,
    columns.length ? rows.join('\n') : rows.join('\n') + '\n\n_No reviews yet._',
    ...(excluded.length ? [excluded.join('\n')] : []),
    ...(comments.length ? [comments.join('\n')] : []),
    readiness,
  ].join('\n\n');
}

function humanReviewBlock(section: HumanReviewSection): string {
  const parts = ['### 👥 Human review'];
  if (section.requested.length) {
    parts.push(['Review requested from:', ...section.requested.map((g) => `- **${escapeMarkdownText(g.group, MAX_NAME_LENGTH)}**`
      + `${g.because.length ? ` (${escapeMarkdownText(g.because.join(', '))})` : ''}: ${g.members.map(handle).join(', ')}`)].join('\n'));
  }
  if (section.decisions.length) {
    parts.push(['Decisions in this pull request:', ...section.decisions.map((d) => `- ${d.accepted ? '✅' : '❌'} ${escapeMarkdownText(d.file, MAX_NAME_LENGTH)}: `
      + `${escapeMarkdownText(d.change)} — ${escapeMarkdownText(d.reason)}`)].join('\n'));
  }
  if (section.notes.length) parts.push(section.notes.map((n) => `- ℹ️ ${escapeMarkdownText(n)}`).join('\n'));
  for (const status of section.statuses) parts.push(statusMarkdown(status, '####', section.decisions.some((d) => d.file === status.file)));
  return parts.join('\n\n');
}

function verdictLine(nominations: readonly FileResult[], changes: readonly ChangeLine[], verdict: Verdict, records: readonly FileResult[] = []): string {
  const diagnostics = [...nominations, ...records].flatMap((r) => r.diagnostics);
  const severities = [...diagnostics.map((d) => d.severity), ...changes.map((c) => c.severity)];
  const errors = severities.filter((s) => s === 'error').length;
  const due = diagnostics.filter(isDueLater).length;
  const warnings = severities.filter((s) => s === 'warning').length - due;
  const files = nominations.length ? plural(nominations.length, 'nomination') : 'no nominations';
  if (verdict === 'fail') {
    const failing = nominations.filter((r) => r.diagnostics.some((d) => d.severity === 'error')).length;
    const where = failing ? ` in ${failing} of ${files}` : '';
    return `## ❌ DPG checks: changes needed — ${counts(errors, warnings, due)}${where}`;
  }
  if (warnings || due) return `## ✅ DPG checks passed — ${counts(0, warnings, due)}, ${files} checked`;
  return `## ✅ DPG checks passed — ${files}${nominations.length ? ', no problems' : ' changed'}`;
}

interface ChangeLine {
  severity: Severity;
  text: string;
}

function changeLines(notes: readonly ChangeNote[], changes: readonly FileResult[], links: Links): ChangeLine[] {
  const line = (severity: Severity, file: string, message: string, ruleId?: string): ChangeLine => ({
    severity,
    text: `- ${SEVERITY_ICON[severity] ?? '•'} ${escapeMarkdownText(file, MAX_NAME_LENGTH)} — ${escapeMarkdownText(message)}`
      + (ruleId ? ` · ${link(escapeMarkdownText(ruleId, MAX_NAME_LENGTH), links.docs(ruleId))}` : ''),
  });
  return [
    ...notes.map((n) => line(n.severity, n.file, n.message)),
    ...changes.flatMap((r) => r.diagnostics.map((d) => line(d.severity, r.file, d.message, d.ruleId))),
  ];
}

function indicatorTable(result: FileResult): string {
  const rows = ['| # | Indicator | Result |', '| :-- | :-- | :-- |'];
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

function problemLine(file: string, d: Diagnostic, links: Links): string {
  const where = link(escapeMarkdownText(`${file}:${d.line}`, MAX_NAME_LENGTH), links.line(file, d.line));
  const waived = d.waived
    ? ` (waived by ${escapeMarkdownText(d.waived.approvedBy, MAX_NAME_LENGTH)}: ${escapeMarkdownText(d.waived.reason)})`
    : '';
  const rule = link(escapeMarkdownText(d.ruleId, MAX_NAME_LENGTH), links.docs(d.ruleId));
  // An answer due at the next review is no failure of the current recognition: marked as due, not as a warning.
  const icon = isDueLater(d) ? DUE_ICON : SEVERITY_ICON[d.severity] ?? '•';
  return `- ${icon} ${where} — ${escapeMarkdownText(d.message)}${waived} · ${rule}`;
}

function reviewNotes(result: FileResult): string {
  if (!result.reviewNotes?.length) return '';
  const lines = result.reviewNotes.map((n) => `- **${escapeMarkdownText(n.indicator, 10)} · ${escapeMarkdownText(indicatorTitle(n.indicator))}:** ${escapeMarkdownText(n.note)}`);
  return ['#### For the human reviewer', '', ...lines].join('\n');
}

/** Collects sections until the next one would pass the length budget, counting what had to be left out. */
class BoundedBody {
  private text = '';
  private full = false;

  constructor(private readonly budget: number) {}

  /** Appends a block (after a blank line) or, when `tight`, the next item of a list. */
  add(block: string, tight = false): boolean {
    const separator = this.text ? (tight ? '\n' : '\n\n') : '';
    if (this.full || this.text.length + separator.length + block.length > this.budget) {
      this.full = true;
      return false;
    }
    this.text += separator + block;
    return true;
  }

  toString(): string {
    return this.text;
  }
}

/** The review comment body and its verdict. */
export function renderReview(results: readonly FileResult[], options: FormatterOptions): { body: string; verdict: Verdict } {
  const review = options.review ?? {};
  const notes = review.notes ?? [];
  const verdict = reviewVerdict(results, notes);
  const links = makeLinks(options);
  const maxLength = review.maxLength ?? MAX_COMMENT_LENGTH;

  const nominations = results.filter((r) => !isChangeResult(r) && !isRecordResult(r));
  const records = results.filter(isRecordResult);
  const changes = changeLines(notes, results.filter(isChangeResult), links);
  const requested = review.humanReview?.everRequested.filter((n) => /^@[\w.-]+(\/[\w.-]+)?$/.test(n)) ?? [];
  const header = [REVIEW_MARKER, verdictMarker(verdict), ...(requested.length ? [`<!-- dpg-requested: ${requested.join(' ')} -->`] : []),
    verdictLine(nominations, changes, verdict, records)].join('\n');
  const commit = review.commitSha && SHA_PATTERN.test(review.commitSha)
    ? `Checked commit ${link(`\`${review.commitSha.slice(0, 7)}\``, links.commit())} with dpg ${escapeMarkdownText(options.version, 40)}.`
    : `Checked with dpg ${escapeMarkdownText(options.version, 40)}.`;
  const footer = `---\n<sub>${commit}</sub>`;
  const truncationNotice = (problems: number, files: number, skippedNotes: number, skippedReviewNotes: number): string => {
    const left = [
      problems ? plural(problems, 'problem') : '',
      files ? plural(files, 'nomination') : '',
      skippedNotes ? plural(skippedNotes, 'other change') : '',
      skippedReviewNotes ? `reviewer notes of ${plural(skippedReviewNotes, 'nomination')}` : '',
    ].filter(Boolean).join(', ');
    const where = review.summaryUrl && linkDestination(review.summaryUrl)
      ? `see the ${link('full report in the job summary', review.summaryUrl)}`
      : 'run `dpg validate` for the full report';
    return `> ⚠️ **This comment is shortened** to fit GitHub's size limit: ${left || 'some details'} not shown here; ${where}.`;
  };
  const reserve = header.length + footer.length + truncationNotice(1e6, 1e6, 1e6, 1e6).length + 16;
  const body = new BoundedBody(Math.max(0, maxLength - reserve));
  let omittedProblems = 0;
  let omittedFiles = 0;
  let omittedNotes = 0;
  let omittedReviewNotes = 0;

  if (review.humanReview && !body.add(humanReviewBlock(review.humanReview))) omittedNotes++;

  if (changes.length) {
    if (!body.add('#### Other changes in this pull request')) omittedNotes += changes.length;
    else for (const change of changes) if (!body.add(change.text, true)) omittedNotes++;
  }

  if (records.length && body.add('#### Review records')) {
    for (const record of records) {
      const name = link(escapeMarkdownText(record.file, MAX_NAME_LENGTH), links.line(record.file));
      if (!record.diagnostics.length) { if (!body.add(`- ✅ ${name}`, true)) omittedNotes++; continue; }
      for (const d of record.diagnostics) if (!body.add(problemLine(record.file, d, links), true) && isCounted(d)) omittedProblems++;
    }
  }

  for (const result of nominations) {
    // Errors first, so that they are what survives when the comment has to be shortened.
    const shown = result.diagnostics
      .filter((d) => !options.quiet || d.severity === 'error')
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line || a.column - b.column);
    const { errors, warnings, due } = tally(result.diagnostics);
    const icon = errors ? '❌' : warnings ? '⚠️' : due ? DUE_ICON : '✅';
    const name = link(escapeMarkdownText(result.file, MAX_NAME_LENGTH), links.line(result.file));
    const by = due ? dueBy(result.diagnostics) : undefined;
    const summary = (counts(errors, warnings, due) + (by ? ` (by ${by}, the end of its recognition)` : '')) || 'No problems';
    if (!body.add(`### ${icon} ${name}\n\n${summary}\n\n${indicatorTable(result)}`)) {
      omittedFiles++;
      omittedProblems += shown.filter(isCounted).length;
      continue;
    }
    if (shown.length) {
      if (!body.add('#### Problems')) omittedProblems += shown.filter(isCounted).length;
      else {
        for (const d of shown) {
          if (!body.add(problemLine(result.file, d, links), true) && isCounted(d)) omittedProblems++;
        }
      }
    }
    const notesBlock = reviewNotes(result);
    if (notesBlock && !body.add(notesBlock)) omittedReviewNotes++;
  }

  const truncated = omittedProblems + omittedFiles + omittedNotes + omittedReviewNotes > 0;
  const notice = truncated ? truncationNotice(omittedProblems, omittedFiles, omittedNotes, omittedReviewNotes) : '';
  const sections = [header, body.toString(), notice, footer];
  return { body: sections.filter(Boolean).join('\n\n') + '\n', verdict };
}

/** The pull-request review comment: a verdict, a per-indicator table and the problems of every nomination. */
export const formatMarkdown: Formatter = (results, options) => renderReview(results, options).body;
