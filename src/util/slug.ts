/** Letters that NFKD does not decompose into ASCII plus a combining mark. */
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ħ: 'h',
};

const ASCII = /^[\x00-\x7f]*$/;

/** Lowercase ASCII: accents stripped ("Sauvé" → "sauve"), a few Latin letters spelled out ("ß" → "ss"). */
export function foldAscii(text: string): string {
  // Plain ASCII, the usual case, has nothing to decompose or fold: lowercasing is all.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøđðþłıħ]/g, (c) => LETTERS_WITHOUT_DECOMPOSITION[c] ?? c);
}

/**
 * The file-name slug of a nomination's name: lowercase ASCII letters and digits, every other run
 * of characters turned into a single "-", none at either end ("Aam Digital" → "aam-digital").
 * Empty when the name has no Latin letters or digits at all.
 */
export function slugify(name: string): string {
  // Runs of other characters are collapsed first, so at most one "-" stands at either end.
  const dashed = foldAscii(name).replace(/[^a-z0-9]+/g, '-');
  return dashed.slice(dashed.startsWith('-') ? 1 : 0, dashed.endsWith('-') ? -1 : undefined);
}

/** The slug a nomination file stands for: its name without folder and `.yaml`/`.yml` ("nominations/x.yaml" → "x"). */
export function slugOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base.replace(/\.ya?ml$/i, '');
}

/**
 * Names the site and the API give their own files and folders (`api/v1/nominees/index.json`,
 * `changelog/`, `assets/`, `api/v1/schema/`, …). A record with one of them as its slug could take the
 * place of one of those files, or be mistaken for it by a reader of the API: `registry/filename-slug`
 * refuses them, and `dpg build` never publishes one.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'index',
  'api',
  'v1',
  'dpgs',
  'nominees',
  'schema',
  'compat',
  'dpga',
  'digitalpublicgoods',
  'changelog',
  'assets',
  'site',
  'nominate',
  'how-to-nominate',
  'favicon',
  'logos',
]);
