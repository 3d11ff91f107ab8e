import { parseDocument } from 'yaml';
import { validNominationText } from '../support/nomination.js';

export const REPOSITORY = 'https://github.com/example-org/case-manager';

/**
 * The canonical valid nomination with every web address moved to the local test server at `origin`
 * (the licence evidence to a page naming GPL-3.0, everything else to `/ok`); the GitHub repository
 * stays, for the GitHub stand-in to answer. `edits` then set values by path, as withEdits does.
 */
export function localNomination(origin: string, ...edits: Array<[Array<string | number>, unknown]>): string {
  const text = validNominationText().replace(/https?:\/\/[^\s\],]+/g, (url) => {
    if (url === REPOSITORY) return url;
    if (url.includes('/blob/master/LICENSE')) return `${origin}/license-gpl`;
    return `${origin}/ok`;
  });
  const doc = parseDocument(text);
  for (const [path, value] of edits) {
    if (value === undefined) doc.deleteIn(path);
    else doc.setIn(path, value);
  }
  return doc.toString();
}
