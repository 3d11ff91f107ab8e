/**
 * The former registry's "URL" fields often hold more than a URL: "DHIS2 for Education: https://…",
 * several links one per line, or a host without its scheme ("docs.mosip.io"). These helpers take
 * every link out of such a text and tell whether words remain that are evidence in their own right.
 */

const SCHEME_URL = /https?:\/\/[^\s<>"'`]+/gi;

/**
 * A host written without a scheme, with an optional path: labels of letters, digits and hyphens,
 * ending in a top-level domain of letters. Lowercase only, so "ASP.NET" and "Node.JS" are words.
 */
const BARE_HOST = /(?<![\w@/.:-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24}))(\/[^\s<>"'`]*)?/g;

/** Endings of file names, which look like top-level domains but are not links. */
const FILE_ENDINGS = new Set([
  'md',
  'json',
  'js',
  'ts',
  'py',
  'txt',
  'pdf',
  'html',
  'htm',
  'yaml',
  'yml',
  'xml',
  'csv',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'svg',
  'zip',
  'gz',
  'tar',
  'java',
  'rb',
  'php',
  'go',
  'rs',
  'sh',
  'exe',
  'apk',
  'docx',
  'xlsx',
  'pptx',
  'doc',
  'xls',
]);

const TRAILING = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', '>']);

/** Punctuation that ends a sentence rather than a URL (a loop: a pattern anchored at the end scans runs again and again). */
function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0 && TRAILING.has(url[end - 1]!)) end--;
  return url.slice(0, end);
}

export interface ExtractOptions {
  /**
   * Which hosts without a scheme count as links: `all` in a field meant to hold a URL, `clear` in free
   * text (only "www.…", a host with a path, or one of three labels or more, so "socket.io" stays a word).
   */
  bareHosts?: 'all' | 'clear' | 'none';
}

export interface ExtractedEvidence {
  /** Every link, in order, without repeats; a bare host gets https://. */
  urls: string[];
  /** The hosts that were written without a scheme (as written). */
  schemeless: string[];
  /** Whether words remain once the links are taken out ("DHIS2 for Education: …"). */
  hasText: boolean;
}

/** The links of a text, with and without their scheme. */
export function extractEvidence(value: string, options: ExtractOptions = {}): ExtractedEvidence {
  const mode = options.bareHosts ?? 'clear';
  const found: Array<{ index: number; url: string }> = [];
  const schemeless: string[] = [];
  let rest = value.replace(SCHEME_URL, (match, index: number) => {
    found.push({ index, url: trimUrl(match) });
    return ' '.repeat(match.length);
  });
  if (mode !== 'none') {
    rest = rest.replace(BARE_HOST, (match: string, host: string, tld: string, urlPath: string | undefined, index: number) => {
      if (FILE_ENDINGS.has(tld) && !urlPath) return match;
      const trimmed = trimUrl(match);
      const labels = host.split('.').length;
      const clear = host.startsWith('www.') || (urlPath !== undefined && trimmed.length > host.length) || labels >= 3;
      if (mode === 'clear' && !clear) return match;
      found.push({ index, url: `https://${trimmed}` });
      schemeless.push(trimmed);
      return ' '.repeat(match.length);
    });
  }
  const urls = [...new Set(found.sort((a, b) => a.index - b.index).map((f) => f.url))];
  const hasText = /[\p{L}\p{N}]/u.test(rest.replace(/\b(see|at|on|in|and|or|url|link|here)\b/gi, ''));
  return { urls, schemeless, hasText };
}
