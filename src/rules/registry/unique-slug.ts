import { slugOf } from '../../util/slug.js';
import type { RegistryRule } from '../types.js';
import { listFiles } from './duplicate.js';

export const rule: RegistryRule<string> = {
  kind: 'registry',
  id: 'registry/unique-slug',
  indicator: null,
  description:
    'No two nominations have one slug (file name without folder and extension): the slug is the address of its published pages and of its review records.',
  defaultSeverity: 'error',
  messages: {
    collision:
      'This file\'s slug "{slug}" is also the slug of {others}; dpg build publishes and reviews/ stores each nomination under its slug, so the two would collide. Keep one nomination per solution, or name the files after distinct names.',
  },
  // The slug as dpg build and the review records take it: the file name, without folder or extension. Compared
  // without case, as the pages and the reviews folder may land on a file system that ignores it.
  collect: (_data, _options, file) => slugOf(file).toLowerCase(),
  keys: (slug) => [`slug:${slug}`],
  check(context) {
    const bySlug = new Map<string, string[]>();
    for (const { file, summary } of context.entries) (bySlug.get(summary) ?? bySlug.set(summary, []).get(summary)!).push(file);
    for (const [slug, files] of bySlug) {
      if (files.length < 2) continue;
      for (const file of files) {
        context.report(file, { path: '/name', messageId: 'collision', data: { slug, others: listFiles(files.filter((f) => f !== file)) } });
      }
    }
  },
};
