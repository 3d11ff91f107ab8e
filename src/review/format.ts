import { statusMarkdown } from '../github/bot/human-review-table.js';
import { showControls, showLineStart } from '../util/visible-text.js';
import type { NominationStatus, Recognition } from './status.js';

const AUTOMATED: Record<string, string> = { pass: 'pass', fail: 'FAIL', warning: 'warning', due: 'due' };
const HUMAN: Record<string, string> = { meets: 'meets', 'does-not-meet': 'DOES NOT MEET', 'needs-information': 'needs info' };

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** Plain text for the terminal: one table per nomination, automated verdicts beside each reviewer's. */
export function formatStatusText(statuses: readonly NominationStatus[]): string {
  if (!statuses.length) return 'No nominations.\n';
  const blocks = statuses.map((s) => {
    const columns = s.reviews.map((r) => `@${showControls(r.reviewer)}${r.counted ? '' : '*'}`);
    const header = ['#', 'automated', ...columns];
    const rows = s.indicators.map((row) => [row.indicator, AUTOMATED[row.automated] ?? row.automated,
      ...s.reviews.map((r) => HUMAN[row.human[r.reviewer] ?? ''] ?? '-')]);
    const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]!].length)));
    const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ');
    const verdict = s.recognition ? recognitionText(s.recognition) : s.ready ? 'ready for a decision' : 'not ready';
    const lines = [`${showLineStart(s.file)}  ${showControls(s.name)} (stage ${showControls(s.stage)}): ${verdict}`, line(header), ...rows.map(line)];
    for (const r of s.reviews.filter((c) => !c.counted)) lines.push(`  * @${showControls(r.reviewer)} does not count: ${showControls(r.excluded ?? '')}`);
    if (s.recognition) {
      lines.push(...dueLines(s.recognition));
    } else {
      lines.push(`  reviews: ${s.countedReviews} of ${s.minReviews} counted`);
      if (s.missing.length) lines.push(`  missing: ${s.missing.map(showControls).join('; ')}`);
    }
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n\n${summaryLine(statuses)}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** An approved DPG is not waiting for a decision: what matters is how long it stays recognised, and what it owes. */
function recognitionText(r: Recognition): string {
  const owed = r.dueAtRenewal.length;
  if (r.state === 'expired') {
    return `recognition expired${r.until ? ` on ${r.until}` : ''}; renew it with a new review${owed ? ` (${plural(owed, 'answer')} due now)` : ''}`;
  }
  return `recognised${r.until ? ` until ${r.until}` : ''}${owed ? `; ${plural(owed, 'answer')} due at renewal` : ''}`;
}

function dueLines(r: Recognition): string[] {
  if (!r.dueAtRenewal.length) return [];
  const since = [...new Set(r.dueAtRenewal.map((d) => d.since))].join(', ');
  const assessed = [...new Set(r.dueAtRenewal.map((d) => d.assessedUnder))].join(', ');
  const width = Math.max(...r.dueAtRenewal.map((d) => d.rule.length));
  return [`  ${r.state === 'expired' ? 'due now' : `due at renewal${r.until ? `, by ${r.until}` : ''}`} (asked since Standard ${since}; assessed under ${assessed}):`,
    ...r.dueAtRenewal.map((d) => `    ${(d.indicator ?? '–').padEnd(3)} ${d.rule.padEnd(width)}  ${showControls(d.message)}`)];
}

function summaryLine(statuses: readonly NominationStatus[]): string {
  const nominees = statuses.filter((s) => !s.recognition);
  const current = statuses.filter((s) => s.recognition?.state === 'current');
  const expired = statuses.filter((s) => s.recognition?.state === 'expired');
  const owing = current.filter((s) => s.recognition!.dueAtRenewal.length).length;
  const parts = [];
  if (nominees.length || !statuses.length) parts.push(`${nominees.filter((s) => s.ready).length} of ${plural(nominees.length, 'nomination')} ready for a decision`);
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
