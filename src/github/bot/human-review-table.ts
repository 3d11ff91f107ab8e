import { escapeMarkdownText, MAX_NAME_LENGTH } from '../../formatters/markdown.js';
import { reviewerHandle as handle, statusMarkdown } from '../../formatters/status.js';
import type { HumanReviewSection } from './context.js';

export function humanReviewBlock(section: HumanReviewSection): string {
  const parts = ['### 👥 Human review'];
  if (section.requested.length) {
    parts.push(
      [
        'Review requested from:',
        ...section.requested.map(
          (g) =>
            `- **${escapeMarkdownText(g.group, MAX_NAME_LENGTH)}**` +
            `${g.because.length ? ` (${escapeMarkdownText(g.because.join(', '))})` : ''}: ${g.members.map(handle).join(', ')}`,
        ),
      ].join('\n'),
    );
  }
  if (section.decisions.length) {
    parts.push(
      [
        'Decisions in this pull request:',
        ...section.decisions.map(
          (d) =>
            `- ${d.accepted ? '✅' : '❌'} ${escapeMarkdownText(d.file, MAX_NAME_LENGTH)}: ` +
            `${escapeMarkdownText(d.change)} — ${escapeMarkdownText(d.reason)}`,
        ),
      ].join('\n'),
    );
  }
  if (section.notes.length) parts.push(section.notes.map((n) => `- ℹ️ ${escapeMarkdownText(n)}`).join('\n'));
  for (const status of section.statuses)
    parts.push(
      statusMarkdown(
        status,
        '####',
        section.decisions.some((d) => d.file === status.file),
      ),
    );
  return parts.join('\n\n');
}
