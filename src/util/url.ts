import { joinPointer } from '../core/pointer.js';

export interface UrlField {
  /** JSON pointer of the URL string. */
  path: string;
  value: string;
}

const SINGLE_URL_KEY = /^(website|url)$|Url$/;
const URL_LIST_KEY = /^urls$|Urls$/;

/**
 * Every URL string of a nomination, wherever it sits: values of `website`, `url` and keys ending in
 * `Url`, and items of `urls` and keys ending in `Urls`. Values of other types are left to the schema.
 */
export function urlFields(data: unknown): UrlField[] {
  const found: UrlField[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, joinPointer(path, index)));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      const keyPath = joinPointer(path, key);
      if (SINGLE_URL_KEY.test(key) && typeof value === 'string') {
        found.push({ path: keyPath, value });
      } else if (URL_LIST_KEY.test(key) && Array.isArray(value)) {
        value.forEach((item, index) => {
          if (typeof item === 'string') found.push({ path: joinPointer(keyPath, index), value: item });
        });
      } else {
        walk(value, keyPath);
      }
    }
  };
  walk(data, '');
  return found;
}

type UrlProblemId = 'whitespace' | 'notAbsolute' | 'scheme' | 'malformed' | 'credentials' | 'host';

export interface UrlProblem {
  messageId: UrlProblemId;
  /** How the value could be written instead. */
  example: string;
  /** The scheme or host at fault, for the message. */
  detail: string;
}

/**
 * What keeps `value` from being an absolute http(s) URL with a public host name, or undefined when
 * it is one. Empty strings are the schema's to report.
 */
export function urlProblem(value: string): UrlProblem | undefined {
  if (value === '') return undefined;
  if (/\s/.test(value)) {
    return { messageId: 'whitespace', example: value.trim().replace(/\s+/g, '%20'), detail: '' };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  if (scheme && /^https?$/i.test(scheme) && !/^https?:\/\/[^/]/i.test(value)) {
    return { messageId: 'malformed', example: `https://${value.replace(/^https?:\/*/i, '')}`, detail: '' };
  }
  if (scheme && !/^https?$/i.test(scheme) && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    return { messageId: 'scheme', example: `https://${value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')}`, detail: `${scheme}:` };
  }
  if (scheme && /^(mailto|tel|data|javascript|file)$/i.test(scheme)) {
    return { messageId: 'scheme', example: 'https://example.org/contact', detail: `${scheme}:` };
  }
  if (!/^https?:\/\//i.test(value)) {
    return { messageId: 'notAbsolute', example: `https://${value.replace(/^\/+/, '')}`, detail: '' };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { messageId: 'malformed', example: 'https://example.org/page', detail: '' };
  }
  if (url.username || url.password) {
    return { messageId: 'credentials', example: value.replace(/^(https?:\/\/)[^/]*@/i, '$1'), detail: '' };
  }
  const host = url.hostname;
  if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) {
    return { messageId: 'host', example: 'https://example.org/page', detail: host };
  }
  return undefined;
}
