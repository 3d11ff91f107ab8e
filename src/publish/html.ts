import { showControlsInLines } from '../util/visible-text.js';

/**
 * Escaping for the website. Every value of a nomination is untrusted: it is written as text, and a
 * URL becomes a link only when it is an absolute http(s) URL.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text safe in element content and in quoted attribute values. Markup escaping is not enough: a
 * bidirectional override would still reorder what a visitor reads, so controls are shown as escapes.
 */
export function escapeHtml(value: unknown): string {
  return showControlsInLines(String(value ?? '')).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** The URL, normalised, when it is an absolute http: or https: URL; undefined for anything else (javascript:, data:, relative). */
export function safeHref(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link to an external URL when it is safe, else the value as plain text. */
export function externalLink(url: unknown, label?: string): string {
  const href = safeHref(url);
  const text = escapeHtml(label ?? url);
  return href ? `<a href="${escapeHtml(href)}" rel="nofollow noopener">${text}</a>` : text;
}
