import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const EXAMPLE = fileURLToPath(new URL('../fixtures/valid/software.yaml', import.meta.url));

/** The text of a complete, valid software nomination that tests derive their cases from. */
export function validNominationText(): string {
  return readFileSync(EXAMPLE, 'utf8');
}

/**
 * The valid nomination with edits applied through the YAML document (keeping comments), e.g.
 * `withEdits([['licenses', 0, 'spdx'], 'MIT'])`. A value of `undefined` deletes the key.
 */
export function withEdits(...edits: Array<[Array<string | number>, unknown]>): string {
  const doc = parseDocument(validNominationText());
  for (const [path, value] of edits) {
    if (value === undefined) doc.deleteIn(path);
    else doc.setIn(path, value);
  }
  return doc.toString();
}

/** The line (1-based) of the first line of `text` containing `needle`, for expectations. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not found`);
  return index + 1;
}
