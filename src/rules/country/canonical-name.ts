import { countryFields, resolveCountry } from '../../util/countries.js';
import type { FileRule } from '../types.js';

/** The pointer of the list a country entry belongs to (`/countries/deployment`); undefined for an organisation's country. */
function listOf(pointer: string): string | undefined {
  return pointer.startsWith('/countries/') ? pointer.slice(0, pointer.lastIndexOf('/')) : undefined;
}

export const rule: FileRule = {
  kind: 'file',
  id: 'country/canonical-name',
  indicator: null,
  description: 'Countries are written as their ISO 3166 English short name, not an alias or a code.',
  defaultSeverity: 'warning',
  fixable: 'Replaces the alias or code with the ISO 3166 English short name.',
  messages: {
    alias: '"{country}" is written "{canonical}" in ISO 3166; write "{canonical}" so searches and filters find it.',
  },
  check(context) {
    const fields = countryFields(context.data);
    // The names each list of countries already holds, or will once the earlier fixes are applied.
    const named = new Map<string, Set<string>>();
    for (const field of fields) {
      const list = listOf(field.path);
      if (list && resolveCountry(field.value).kind === 'canonical') named.set(list, (named.get(list) ?? new Set()).add(field.value));
    }
    for (const field of fields) {
      const resolved = resolveCountry(field.value);
      if (resolved.kind !== 'alias') continue;
      const list = listOf(field.path);
      const listed = list ? (named.get(list) ?? new Set<string>()) : undefined;
      // Renaming a second spelling of a listed country would list it twice: the fix drops the entry instead.
      const fix = listed?.has(resolved.name)
        ? {
            description: `remove "${field.value}" ("${resolved.name}" is already listed)`,
            path: field.path,
            value: resolved.name,
            remove: true as const,
          }
        : { description: `replace "${field.value}" with "${resolved.name}"`, path: field.path, value: resolved.name };
      if (list && listed) named.set(list, listed.add(resolved.name));
      context.report({ path: field.path, messageId: 'alias', data: { country: field.value, canonical: resolved.name }, fix });
    }
  },
};
