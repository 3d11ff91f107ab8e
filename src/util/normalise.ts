import { foldAscii } from './slug.js';

/**
 * A name reduced to what tells solutions apart: case, accents, punctuation and whitespace dropped,
 * so "Open LMIS", "openlmis" and "Open-LMIS" compare equal.
 */
export function normaliseName(name: string): string {
  const folded = foldAscii(name);
  // In ASCII, the letters and digits are a-z and 0-9 (folded is lowercase); the Unicode classes cost more.
  return /^[\x00-\x7f]*$/.test(folded) ? folded.replace(/[^a-z0-9]+/g, '') : folded.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Hosts whose repository paths are case-insensitive, so "Org/Repo" and "org/repo" are one repository. */
const CASE_INSENSITIVE_PATH_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org']);

/**
 * A URL reduced to what identifies the resource: no scheme, lowercase host without "www.", no
 * query or fragment, no trailing slash or ".git" ("http://www.GitHub.com/x/y.git/" → "github.com/x/y").
 * A value that is not a URL is only trimmed and lowercased.
 */
export function normaliseUrl(value: string): string {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return trimmed.toLowerCase();
  }
  const host = url.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  let path = withoutTrailing(url.pathname, '/');
  if (path.slice(-4).toLowerCase() === '.git') path = withoutTrailing(path.slice(0, -4), '/');
  if (CASE_INSENSITIVE_PATH_HOSTS.has(host)) path = path.toLowerCase();
  const port = url.port ? `:${url.port}` : '';
  return `${host}${port}${path}`;
}

/**
 * `text` without the run of `char` at its end. A loop: the pattern /x+$/ tries every start of a long run
 * that is not at the end, which is quadratic.
 */
function withoutTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}
