import { countryFields, resolveCountry } from '../../util/countries.js';
import type { FileRule } from '../types.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'country/iso-3166',
  indicator: null,
  description: 'Countries (of organisations, development and deployment) are countries of ISO 3166.',
  defaultSeverity: 'error',
  messages: {
    unknown:
      '"{country}" is not a country of ISO 3166.{suggestion} Write the country\'s English short name, e.g. "Kenya" or "United Republic of Tanzania".',
    ambiguous: '"{country}" may mean {candidates}; write the one you mean.',
  },
  check(context) {
    for (const field of countryFields(context.data)) {
      // Shorter values are the schema's to report (minLength).
      if (field.value.length < 2) continue;
      const resolved = resolveCountry(field.value);
      if (resolved.kind === 'unknown') {
        const suggestion = resolved.suggestion ? ` Did you mean "${resolved.suggestion}"?` : '';
        context.report({ path: field.path, messageId: 'unknown', data: { country: field.value, suggestion } });
      } else if (resolved.kind === 'ambiguous') {
        const candidates = resolved.names.map((n) => `"${n}"`).join(' or ');
        context.report({ path: field.path, messageId: 'ambiguous', data: { country: field.value, candidates } });
      }
    }
  },
};
