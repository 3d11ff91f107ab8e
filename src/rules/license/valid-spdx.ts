import { joinPointer } from '../../core/pointer.js';
import { parseSpdx, unknownParts } from '../../licenses/spdx.js';
import { suggestLicenseId } from '../../licenses/suggest.js';
import { asArray, asRecord } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

const MAX_PARTS_REPORTED = 5;

/** Why an expression made only of known ids and operators still does not parse. */
function syntaxProblem(expression: string): string {
  const opening = expression.split('(').length - 1;
  const closing = expression.split(')').length - 1;
  if (opening !== closing) return 'its parentheses do not match';
  if (/\s\+/.test(expression)) return 'there is a space before "+"';
  if (/^\s*(AND|OR|WITH)\b|\b(AND|OR|WITH)\s*$/i.test(expression)) return 'an operator lacks a licence on one side';
  return 'licences must be joined with AND, OR or WITH';
}

export const rule: FileRule = {
  kind: 'file',
  id: 'license/valid-spdx',
  indicator: '2',
  description: 'Each licence is a valid SPDX expression made of SPDX licence identifiers or LicenseRef-… names.',
  defaultSeverity: 'error',
  messages: {
    blank: 'The licence is blank; write its SPDX identifier, e.g. "Apache-2.0".',
    unknownSuggested: '"{part}" is not an SPDX licence identifier; did you mean "{suggestion}"?',
    unknown:
      '"{part}" is not an SPDX licence identifier; use one from https://spdx.org/licenses/ (e.g. "Apache-2.0"), or "LicenseRef-<name>" for a licence that is not on that list.',
    unknownException: '"{part}" is not an SPDX licence exception; use one from https://spdx.org/licenses/exceptions-index.html.',
    syntax: '"{expression}" is not a valid SPDX expression: {problem}; write e.g. "MIT OR Apache-2.0".',
  },
  check(context) {
    asArray(context.data.licenses).forEach((entry, index) => {
      const spdx = asRecord(entry).spdx;
      if (typeof spdx !== 'string') return;
      const path = joinPointer('/licenses', index, 'spdx');
      if (spdx.trim() === '') {
        // The schema reports the empty string itself.
        if (spdx !== '') context.report({ path, messageId: 'blank' });
        return;
      }
      if (parseSpdx(spdx).ok) return;
      const parts = unknownParts(spdx);
      if (!parts.length) {
        context.report({ path, messageId: 'syntax', data: { expression: spdx, problem: syntaxProblem(spdx) } });
        return;
      }
      // Each distinct unknown part once, and only the first few: a garbled value is one problem, not thousands.
      const distinct = [...new Map(parts.map((p) => [`${p.exception}:${p.text}`, p])).values()].slice(0, MAX_PARTS_REPORTED);
      for (const part of distinct) {
        if (part.exception) {
          context.report({ path, messageId: 'unknownException', data: { part: part.text } });
          continue;
        }
        const suggestion = suggestLicenseId(part.text);
        if (suggestion) context.report({ path, messageId: 'unknownSuggested', data: { part: part.text, suggestion } });
        else context.report({ path, messageId: 'unknown', data: { part: part.text } });
      }
    });
  },
};
