import { asString } from '../../core/nomination.js';
import { RESERVED_SLUGS, slugify } from '../../util/slug.js';
import type { FileRule } from '../types.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'registry/filename-slug',
  indicator: null,
  description: 'A nomination\'s file is named after the slug of its name: "Aam Digital" lives in aam-digital.yaml.',
  defaultSeverity: 'error',
  messages: {
    mismatch: 'The file is named "{actual}", but a nomination named "{name}" belongs in "{expected}"; rename it: git mv {file} {renamed}',
    reserved:
      'The slug "{slug}" of the name "{name}" is a name the published site and its API use for their own files, so it cannot be published; give the nomination a fuller name (its slug becomes the file name) and keep "{name}" as an alias.',
    noSlug:
      'The name "{name}" has no Latin letters or digits, so it gives no slug for the file name, the published pages and the review records; write the name as it is known in Latin script (e.g. its transliteration) and keep "{name}" as an alias.',
  },
  check(context) {
    const name = asString(context.data.name);
    const slug = name === undefined ? '' : slugify(name);
    if (name === undefined || !name.trim()) return;
    if (!slug) {
      context.report({ path: '/name', messageId: 'noSlug', data: { name } });
      return;
    }
    if (RESERVED_SLUGS.has(slug)) context.report({ path: '/name', messageId: 'reserved', data: { slug, name } });
    const separator = context.file.lastIndexOf('/');
    const folder = context.file.slice(0, separator + 1);
    const actual = context.file.slice(separator + 1);
    const expected = `${slug}.yaml`;
    if (actual === expected) return;
    context.report({
      path: '/name',
      messageId: 'mismatch',
      data: { actual, name: name!, expected, file: context.file, renamed: folder + expected },
    });
  },
};
