import type { DueAtRenewal } from '../core/due-at-renewal.js';
import { escapeMarkdownText, MAX_NAME_LENGTH, plural, STATUS_CELL } from './markdown.js';
import { styles, type Paint } from './stylish.js';
import { showControls, showLineStart } from '../util/visible-text.js';
import type { NominationStatus, Recognition } from '../review/status.js';

const AUTOMATED: Record<string, string> = { pass: 'pass', fail: 'FAIL', warning: 'warning', due: 'due' };
const HUMAN: Record<string, string> = { meets: 'meets', 'does-not-meet': 'DOES NOT MEET', 'needs-information': 'needs info' };
type Tone = 'ok' | 'error' | 'warning' | 'dim';
const TONES: Record<string, Tone> = {
  pass: 'ok',
  fail: 'error',
  warning: 'warning',
  due: 'warning',
  meets: 'ok',
  'does-not-meet': 'error',
  'needs-information': 'warning',
};

interface Cell {
  text: string;
  tone?: Tone;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** Text for the terminal: one table per nomination, automated verdicts beside each reviewer's; verdicts coloured with `color`. */
export function formatStatusText(statuses: readonly NominationStatus[], options: { color?: boolean } = {}): string {
  const paint = styles(options.color);
  const tone = (cell: Cell): Paint => (cell.tone ? paint[cell.tone] : (text) => text);
  if (!statuses.length) return 'No nominations.\n';
  const blocks = statuses.map((s) => {
    const columns = s.reviews.map((r) => `@${showControls(r.reviewer)}${r.counted ? '' : '*'}`);
    const header: Cell[] = ['#', 'automated', ...columns].map((text) => ({ text, tone: 'dim' }));
    const rows = s.indicators.map((row): Cell[] => [
      { text: row.indicator },
      { text: AUTOMATED[row.automated] ?? row.automated, tone: TONES[row.automated] },
      ...s.reviews.map((r): Cell => {
        const verdict = row.human[r.reviewer] ?? '';
        const text = HUMAN[verdict];
        return text === undefined ? { text: '-', tone: 'dim' } : { text, tone: TONES[verdict] };
      }),
    ]);
    const widths = header.map((h, i) => Math.max([...h.text].length, ...rows.map((r) => [...r[i]!.text].length)));
    // Padding is measured on the text, then the padded cell is painted.
    const line = (cells: Cell[]) =>
      '  ' + cells.map((c, i) => tone(c)(i === cells.length - 1 ? c.text : pad(c.text, widths[i]!))).join('  ');
    const verdict = s.recognition
      ? recognitionText(s.recognition, paint)
      : s.ready
        ? paint.ok('ready for a decision')
        : paint.warning('not ready');
    const lines = [
      `${paint.file(showLineStart(s.file))}  ${showControls(s.name)} (stage ${showControls(s.stage)}): ${verdict}`,
      line(header),
      ...rows.map(line),
    ];
    for (const r of s.reviews.filter((c) => !c.counted))
      lines.push(paint.dim(`  * @${showControls(r.reviewer)} does not count: ${showControls(r.excluded ?? '')}`));
    if (s.recognition) {
      lines.push(...dueLines(s.recognition, paint));
    } else {
      lines.push(`  reviews: ${s.countedReviews} of ${s.minReviews} counted`);
      if (s.missing.length) lines.push(`  ${paint.warning('missing')}: ${s.missing.map(showControls).join('; ')}`);
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n\n${summaryLine(statuses)}\n`;
}

/** An approved DPG is not waiting for a decision: what matters is how long it stays recognised, and what it owes. */
function recognitionText(r: Recognition, paint: Record<Tone, Paint>): string {
  const owed = r.dueAtRenewal.length;
  if (r.state === 'expired') {
    return `${paint.error(`recognition expired${r.until ? ` on ${r.until}` : ''}`)}; renew it with a new review${owed ? ` (${plural(owed, 'answer')} due now)` : ''}`;
  }
  return `${paint.ok(`recognised${r.until ? ` until ${r.until}` : ''}`)}${owed ? `; ${paint.warning(`${plural(owed, 'answer')} due at renewal`)}` : ''}`;
}

function dueLines(r: Recognition, paint: Record<Tone, Paint>): string[] {
  if (!r.dueAtRenewal.length) return [];
  const since = [...new Set(r.dueAtRenewal.map((d) => d.since))].join(', ');
  const assessed = [...new Set(r.dueAtRenewal.map((d) => d.assessedUnder))].join(', ');
  const width = Math.max(...r.dueAtRenewal.map((d) => d.rule.length));
  const when = r.state === 'expired' ? paint.error('due now') : paint.warning(`due at renewal${r.until ? `, by ${r.until}` : ''}`);
  return [
    `  ${when} ${paint.dim(`(asked since Standard ${since}; assessed under ${assessed})`)}:`,
    ...r.dueAtRenewal.map((d) => `    ${(d.indicator ?? '–').padEnd(3)} ${paint.dim(d.rule.padEnd(width))}  ${showControls(d.message)}`),
  ];
}

function summaryLine(statuses: readonly NominationStatus[]): string {
  const nominees = statuses.filter((s) => !s.recognition);
  const current = statuses.filter((s) => s.recognition?.state === 'current');
  const expired = statuses.filter((s) => s.recognition?.state === 'expired');
  const owing = current.filter((s) => s.recognition!.dueAtRenewal.length).length;
  const parts = [];
  if (nominees.length || !statuses.length)
    parts.push(`${nominees.filter((s) => s.ready).length} of ${plural(nominees.length, 'nomination')} ready for a decision`);
  if (current.length) parts.push(`${plural(current.length, 'DPG')} recognised${owing ? ` (${owing} owing answers at renewal)` : ''}`);
  if (expired.length) parts.push(`${expired.length} expired`);
  return `${parts.join('; ')}.`;
}

export function formatStatusJson(statuses: readonly NominationStatus[]): string {
  return JSON.stringify(statuses, null, 2) + '\n';
}

export function formatStatusMarkdown(statuses: readonly NominationStatus[]): string {
  if (!statuses.length) return '_No nominations._\n';
  return statuses.map((s) => statusMarkdown(s, '###')).join('\n\n') + '\n';
}

const VERDICT_CELL: Record<string, string> = {
  meets: '✅ meets',
  'does-not-meet': '❌ does not meet',
  'needs-information': '❓ needs information',
};

/** A handle shown without notifying anyone (the reviewers were requested already). */
export function reviewerHandle(name: string): string {
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
    return (
      `**Recognition expired${r.until ? ` on ${r.until}` : ''}**: renew it with a new review` +
      `${owed ? `, with the ${plural(owed, 'answer')} it owes${indicatorList(r.dueAtRenewal)} (due now)` : ''}.`
    );
  }
  return (
    `**Recognised as a DPG${r.until ? ` until ${r.until}` : ''}**` +
    (owed ? `; ⏳ ${plural(owed, 'answer')} due at renewal${indicatorList(r.dueAtRenewal)}.` : '; nothing due at renewal.')
  );
}

/**
 * One nomination's automated and human verdicts side by side, and whether it is ready for a decision;
 * for an approved DPG, its recognition instead, unless `decision` says the change under review decides it.
 */
export function statusMarkdown(status: NominationStatus, heading = '####', decision = false): string {
  const columns = status.reviews;
  const head = ['#', 'Indicator', 'Automated', ...columns.map((c) => `${reviewerHandle(c.reviewer)}${c.counted ? '' : ' ¹'}`)];
  const rows = [`| ${head.join(' | ')} |`, `|${head.map(() => ' :-- ').join('|')}|`];
  for (const row of status.indicators) {
    const cells = [
      row.indicator,
      escapeMarkdownText(row.title),
      STATUS_CELL[row.automated] ?? '—',
      ...columns.map((c) => VERDICT_CELL[row.human[c.reviewer] ?? ''] ?? '—'),
    ];
    rows.push(`| ${cells.join(' | ')} |`);
  }
  const readiness =
    (!decision && recognitionLine(status)) ||
    (status.ready
      ? `**Ready for a decision**: ${status.countedReviews} of ${status.minReviews} reviews, no open objections.`
      : `**Not ready for a decision**: ${status.missing.map((m) => escapeMarkdownText(m)).join('; ')}.`);
  const excluded = columns
    .filter((c) => !c.counted)
    .map((c) => `¹ ${reviewerHandle(c.reviewer)} does not count: ${escapeMarkdownText(c.excluded ?? '')}.`);
  const comments = columns.flatMap((c) =>
    Object.entries(c.verdicts)
      .filter(([, v]) => v && v.verdict !== 'meets' && v.comment)
      .map(([id, v]) => `- ${reviewerHandle(c.reviewer)} on ${escapeMarkdownText(id, 10)}: ${escapeMarkdownText(v!.comment!)}`),
  );
  return [
    `${heading} ${escapeMarkdownText(status.name, MAX_NAME_LENGTH)} · stage ${escapeMarkdownText(status.stage, 40)}`,
    columns.length ? rows.join('\n') : rows.join('\n') + '\n\n_No reviews yet._',
    ...(excluded.length ? [excluded.join('\n')] : []),
    ...(comments.length ? [comments.join('\n')] : []),
    readiness,
  ].join('\n\n');
}
