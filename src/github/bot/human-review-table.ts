import type { DueAtRenewal } from '../../core/due-at-renewal.js';
import { escapeMarkdownText, MAX_NAME_LENGTH, plural, STATUS_CELL } from '../../formatters/markdown.js';
import type { NominationStatus } from '../../review/status.js';
import type { HumanReviewSection } from './context.js';

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

export function humanReviewBlock(section: HumanReviewSection): string {
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
