import { licenseName, licenseNodes, parseSpdx } from './spdx.js';

/** The licence ids of an SPDX expression ("MIT OR Apache-2.0" → MIT, Apache-2.0); empty when it does not parse. */
export function expressionLicenseIds(expression: string): string[] {
  const parsed = parseSpdx(expression);
  if (!parsed.ok) return [];
  return [...new Set(licenseNodes(parsed.tree).map((node) => node.license))];
}

/** An id without its version qualifier: GPL-2.0-only, GPL-2.0-or-later, GPL-2.0+ and GPL-2.0 are one licence. */
function licenseFamily(id: string): string {
  return id
    .replace(/\+$/, '')
    .replace(/-(only|or-later)$/i, '')
    .toLowerCase();
}

/** Whether a detected id (GitHub writes the short GPL-2.0 form) names one of the declared licences. */
export function matchesDeclared(detected: string, declared: readonly string[]): boolean {
  return declared.some((id) => licenseFamily(id) === licenseFamily(detected));
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Patterns by which a page may name a licence: its id, its full name, and "<name> Version <n>". */
function mentionPatterns(id: string): RegExp[] {
  const family = id.replace(/\+$/, '').replace(/-(only|or-later)$/i, '');
  const idPattern = (value: string) => escape(value).replace(/-/g, '[-\\s]?');
  // A short all-capitals id ("MIT") must keep its case: as a word, "mit" is common in other languages.
  const idFlags = /^[A-Z0-9]{1,4}$/.test(family) ? '' : 'i';
  const patterns = [new RegExp(`(?<![\\w-])(${idPattern(id)}|${idPattern(family)})(?![\\w])`, idFlags)];
  const name = licenseName(id) ?? licenseName(family);
  if (name) {
    const base = name.replace(/\s+(only|or later)$/i, '');
    const words = (text: string) => escape(text).replace(/\s+/g, '\\s+');
    patterns.push(new RegExp(words(base), 'i'));
    const versioned = /^(.*?)[\s,]+v?(\d+)((?:\.\d+)*)$/i.exec(base);
    if (versioned) {
      const [, title, major, minor] = versioned;
      const minorPattern = minor && /^(\.0)+$/.test(minor) ? '(?:\\.0)*' : escape(minor ?? '');
      patterns.push(new RegExp(`${words(title!)}[\\s,]*(?:version\\s*|v\\.?\\s*)?${major}${minorPattern}(?![\\d.]*\\d)`, 'i'));
    }
  }
  return patterns;
}

/** Whether `text` names the licence `id`, by SPDX id or full name, ignoring case and line breaks. */
export function mentionsLicense(text: string, id: string): boolean {
  const flat = text.replace(/\s+/g, ' ');
  return mentionPatterns(id).some((pattern) => pattern.test(flat));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Markup removed in one pass: comments, tags, and the content of script, style and noscript elements.
 * The page is untrusted, so no pattern that rescans the rest of it per `<` (quadratic on a page of
 * unclosed tags): each search starts where the previous one ended. An unclosed comment or script runs
 * to the end of the page, as in a browser; a `<` that no `>` follows stays text.
 */
function stripMarkup(body: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    if (lt < 0) {
      out.push(body.slice(i));
      break;
    }
    if (body.startsWith('<!--', lt)) {
      out.push(body.slice(i, lt), ' ');
      const end = body.indexOf('-->', lt + 4);
      i = end < 0 ? body.length : end + 3;
      continue;
    }
    const gt = body.indexOf('>', lt + 1);
    if (gt < 0) {
      out.push(body.slice(i));
      break;
    }
    out.push(body.slice(i, lt), ' ');
    const raw = /^<\s*(script|style|noscript)\b/i.exec(body.slice(lt, Math.min(gt + 1, lt + 12)));
    if (raw) {
      const close = new RegExp(`</${raw[1]}\\s*>`, 'gi');
      close.lastIndex = gt + 1;
      const found = close.exec(body);
      i = found ? found.index + found[0].length : body.length;
    } else {
      i = gt + 1;
    }
  }
  return out.join('');
}

/** The visible text of an HTML page (or plain text as it is): no scripts, styles, tags or entities. */
export function pageText(body: string, contentType: string): string {
  if (!/html|xml/i.test(contentType)) return body;
  return stripMarkup(body)
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
      if (entity[0] === '#') {
        const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
      }
      return ENTITIES[entity.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
