import { statusMarkdown } from '../formatters/markdown.js';
import { showControls, showLineStart } from '../util/visible-text.js';
import type { NominationStatus } from './status.js';

const AUTOMATED: Record<string, string> = { pass: 'pass', fail: 'FAIL', warning: 'warning' };
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
    const verdict = s.ready ? 'ready for a decision' : 'not ready';
    const lines = [`${showLineStart(s.file)}  ${showControls(s.name)} (stage ${showControls(s.stage)}): ${verdict}`, line(header), ...rows.map(line)];
    for (const r of s.reviews.filter((c) => !c.counted)) lines.push(`  * @${showControls(r.reviewer)} does not count: ${showControls(r.excluded ?? '')}`);
    lines.push(`  reviews: ${s.countedReviews} of ${s.minReviews} counted`);
    if (s.missing.length) lines.push(`  missing: ${s.missing.map(showControls).join('; ')}`);
    return lines.join('\n');
  });
  const ready = statuses.filter((s) => s.ready).length;
  return `${blocks.join('\n\n')}\n\n${ready} of ${statuses.length} nomination${statuses.length === 1 ? '' : 's'} ready for a decision.\n`;
}

export function formatStatusJson(statuses: readonly NominationStatus[]): string {
  return JSON.stringify(statuses, null, 2) + '\n';
}

export function formatStatusMarkdown(statuses: readonly NominationStatus[]): string {
  if (!statuses.length) return '_No nominations._\n';
  return statuses.map((s) => statusMarkdown(s, '###')).join('\n\n') + '\n';
}
