import { countryFields, resolveCountry } from '../../util/countries.js';
import type { FileRule } from '../types.js';

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
    for (const field of countryFields(context.data)) {
      const resolved = resolveCountry(field.value);
      if (resolved.kind !== 'alias') continue;
      context.report({
        path: field.path,
        messageId: 'alias',
        data: { country: field.value, canonical: resolved.name },
        fix: { description: `replace "${field.value}" with "${resolved.name}"`, path: field.path, value: resolved.name },
      });
    }
  },
};
