import { joinPointer } from '../../core/pointer.js';
import { asArray, asString } from '../../core/nomination.js';
import { normaliseName } from '../../util/normalise.js';
import type { FileRule } from '../types.js';

/** Words that name a kind of thing rather than one solution; as an alias they match everything. */
const GENERIC_ALIASES: readonly string[] = [
  'app',
  'application',
  'mobile app',
  'web app',
  'platform',
  'system',
  'tool',
  'toolkit',
  'software',
  'website',
  'portal',
  'dashboard',
  'api',
  'service',
  'solution',
  'project',
  'library',
  'framework',
  'database',
  'data',
  'dataset',
  'open data',
  'model',
  'ai',
  'ai model',
  'content',
  'standard',
  'open source',
  'digital public good',
  'dpg',
];

export const rule: FileRule = {
  kind: 'file',
  id: 'identity/generic-alias',
  indicator: null,
  description: 'Aliases are distinctive names, not generic words ("app", "platform") or very short strings.',
  defaultSeverity: 'warning',
  defaultOptions: { genericAliases: GENERIC_ALIASES, minLength: 3 },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      genericAliases: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Words that may not be an alias (replaces the built-in list).',
      },
      minLength: { type: 'integer', minimum: 1, maximum: 64, description: 'Fewest letters or digits an alias must have.' },
    },
  },
  messages: {
    generic: 'The alias "{alias}" is a generic word that would match many solutions; remove it or use a name only this solution goes by.',
    short:
      'The alias "{alias}" is shorter than {minLength} letters or digits and would match many solutions; remove it or write a longer name.',
  },
  check(context) {
    const generic = new Set(asArray(context.options.genericAliases).map((w) => normaliseName(String(w))));
    const minLength = typeof context.options.minLength === 'number' ? context.options.minLength : 3;
    asArray(context.data.aliases).forEach((value, index) => {
      const alias = asString(value);
      if (alias === undefined) return;
      const key = normaliseName(alias);
      // Blank aliases are identity/aliases' to report.
      if (!key) return;
      const path = joinPointer('/aliases', index);
      if (generic.has(key)) context.report({ path, messageId: 'generic', data: { alias } });
      // Scripts without Latin letters write whole names in one or two characters.
      else if (key.length < minLength && /^[a-z0-9]+$/.test(key)) context.report({ path, messageId: 'short', data: { alias, minLength } });
    });
  },
};
