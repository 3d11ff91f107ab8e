import { joinPointer } from '../../core/pointer.js';
import { judgeSpdx, possibleParts, requiredParts } from '../../licenses/approval.js';
import { CATEGORY_PARTS } from '../../licenses/policy.js';
import { asArray, asRecord, type Category } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && Object.hasOwn(CATEGORY_PARTS, value);
}

function spdxOf(entry: Record<string, unknown>): string | undefined {
  return typeof entry.spdx === 'string' ? entry.spdx : undefined;
}

/**
 * For a solution whose only licensable part is its code (software) with several licences none of which says
 * what it covers: the licences that can only apply to content (approved for content, not for the
 * part) while another licence covers the part. A software project with a CC BY licence for its
 * images and texts is the common case; such a licence is judged as a content licence, not refused
 * as a code licence. Shared with license/approved-for-category, which leaves these to this rule.
 */
export function contentOnlyLicenses(data: {
  categories?: unknown;
  licenses?: unknown;
}): Array<{ index: number; license: string; others: string[]; parts: string[] }> {
  const categories = asArray(data.categories).filter(isCategory);
  const entries = asArray(data.licenses).map(asRecord);
  const parts = requiredParts(categories);
  // Only code: beside a data set's or a content collection's licence, a CC licence may well apply to the data or content itself.
  if (entries.length < 2 || possibleParts(categories).join() !== 'code' || entries.some((e) => e.covers !== undefined)) return [];
  const approved = (spdx: string | undefined, part: Parameters<typeof judgeSpdx>[1]) =>
    spdx !== undefined && judgeSpdx(spdx, part)?.approved === true;
  const covering = entries.filter((e) => parts.every((part) => approved(spdxOf(e), part)));
  if (!covering.length) return [];
  return entries.flatMap((entry, index) => {
    const spdx = spdxOf(entry);
    if (covering.includes(entry) || parts.some((part) => approved(spdx, part)) || !approved(spdx, 'content')) return [];
    return [{ index, license: spdx!, others: covering.map((e) => spdxOf(e)!), parts }];
  });
}

export const rule: FileRule = {
  kind: 'file',
  id: 'license/content-covers',
  indicator: '2',
  description: 'A licence that can only apply to content, beside a licence that covers the rest of the solution, says covers: [content].',
  defaultSeverity: 'warning',
  fixable: 'Adds covers: [content] to the licence.',
  messages: {
    contentOnly:
      '"{license}" can only apply to content, and {others} covers the {parts}; add covers: [content] so that it is judged as the licence of the content.',
  },
  check(context) {
    for (const found of contentOnlyLicenses(context.data)) {
      const path = joinPointer('/licenses', found.index);
      context.report({
        path: joinPointer(path, 'spdx'),
        messageId: 'contentOnly',
        data: { license: found.license, others: found.others.map((o) => `"${o}"`).join(', '), parts: found.parts.join(', ') },
        fix: {
          description: `add covers: [content] to "${found.license}"`,
          path: joinPointer(path, 'covers'),
          value: ['content'],
          insert: true,
        },
      });
    }
  },
};
