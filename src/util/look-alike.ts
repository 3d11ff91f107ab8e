import { createRequire } from 'node:module';
import { normaliseName } from './normalise.js';
import { foldAscii } from './slug.js';

const require = createRequire(import.meta.url);

let prototypes: Map<number, string> | undefined;

/**
 * Unicode's confusables (UTS #39, confusables.txt) as unhomoglyph ships them: a character → the prototype it
 * looks like (Cyrillic "О" → "O", "0" → "O", "ｍ" → "rn"). Looked up one character at a time: the package's own
 * function joins the 6,000 characters into one alternation, which is slow on long text.
 */
function prototypeTable(): Map<number, string> {
  if (!prototypes) {
    const data = require('unhomoglyph/data.json') as Record<string, string>;
    prototypes = new Map(Object.entries(data).map(([character, prototype]) => [character.codePointAt(0)!, prototype]));
  }
  return prototypes;
}

/** `text` with each character that has a confusable prototype replaced by it. */
function toPrototypes(text: string): string {
  const table = prototypeTable();
  let out = '';
  for (const character of text) out += table.get(character.codePointAt(0)!) ?? character;
  return out;
}

/**
 * What a name looks like, for telling whether two names could be taken for one another: the UTS #39 skeleton of
 * its case-folded compatibility form, folded again (a prototype may be a capital or carry a mark: "0" → "O"),
 * keeping letters and digits only. So "ОpenLMIS" with a Cyrillic О, "0penLMIS", "Ｏｐｅｎ ＬＭＩＳ" and
 * "Open\u200dLMIS" with a zero-width joiner all look like "OpenLMIS"; invisible characters, soft hyphens and
 * bidirectional controls are not letters, so they never tell two names apart.
 */
export function lookAlikeKey(name: string): string {
  // foldAscii decomposes with NFKD, which includes what NFKC folds (full-width and other compatibility forms).
  return normaliseName(toPrototypes(foldAscii(name)));
}
