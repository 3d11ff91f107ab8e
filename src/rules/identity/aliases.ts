import { joinPointer } from '../../core/pointer.js';
import { asArray, asString } from '../../core/nomination.js';
import { normaliseName } from '../../util/normalise.js';
import type { FileRule } from '../types.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'identity/aliases',
  indicator: null,
  description: 'Aliases are other names: not blank, not the name itself, and each listed once.',
  defaultSeverity: 'error',
  messages: {
    blank: 'Alias {index} is blank; remove it or write the other name the solution is known by.',
    sameAsName:
      'The alias "{alias}" is the name "{name}" written differently; remove it (search already matches the name without case or punctuation).',
    repeated: 'The alias "{alias}" repeats "{first}" (alias {firstIndex}), written differently; keep one of them.',
  },
  check(context) {
    const name = normaliseName(asString(context.data.name) ?? '');
    const seen = new Map<string, { alias: string; index: number }>();
    asArray(context.data.aliases).forEach((value, index) => {
      const alias = asString(value);
      // Empty strings and exact repeats are the schema's to report (minLength, uniqueItems).
      if (alias === undefined || alias === '') return;
      const path = joinPointer('/aliases', index);
      const key = normaliseName(alias);
      if (!alias.trim()) {
        context.report({ path, messageId: 'blank', data: { index: index + 1 } });
      } else if (key && key === name) {
        context.report({ path, messageId: 'sameAsName', data: { alias, name: asString(context.data.name)! } });
      } else {
        const first = seen.get(key);
        if (first && first.alias !== alias) {
          context.report({ path, messageId: 'repeated', data: { alias, first: first.alias, firstIndex: first.index + 1 } });
        } else if (!first) {
          seen.set(key, { alias, index });
        }
      }
    });
  },
};
