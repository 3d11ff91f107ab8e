import { asString } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

export type LogoFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'svg';
const EXTENSIONS: Record<string, LogoFormat> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', webp: 'webp', svg: 'svg' };

export type LogoReference =
  { kind: 'url'; url: string } | { kind: 'file'; path: string; format: LogoFormat } | { kind: 'invalid'; reason: string };

/**
 * What a `logo` value designates, judged on its text alone: an https URL, or a path inside the registry
 * folder with an image extension (forward slashes, no "..", not absolute).
 */
export function parseLogoReference(value: string): LogoReference {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { kind: 'invalid', reason: 'is not a valid URL' };
    }
    if (url.protocol !== 'https:') return { kind: 'invalid', reason: `uses ${url.protocol} instead of https:` };
    if (url.username || url.password) return { kind: 'invalid', reason: 'carries a user name or password' };
    return { kind: 'url', url: url.href };
  }
  if (value.startsWith('/') || value.startsWith('\\') || /^[a-z]:/i.test(value))
    return { kind: 'invalid', reason: 'is an absolute path; write it relative to the registry folder' };
  if (/[\\\0]/.test(value) || /[\u0000-\u001f\u007f]/.test(value))
    return { kind: 'invalid', reason: 'holds a backslash or a control character' };
  const segments = value.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..'))
    return { kind: 'invalid', reason: 'leads out of the registry folder or has an empty or "." part' };
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'invalid', reason: 'names a hidden file or folder' };
  const extension = value.slice(value.lastIndexOf('.') + 1).toLowerCase();
  const format = value.includes('.') ? EXTENSIONS[extension] : undefined;
  if (!format) return { kind: 'invalid', reason: 'is not an image file ending in .png, .jpg, .jpeg, .gif, .webp or .svg' };
  return { kind: 'file', path: value, format };
}

export const rule: FileRule = {
  kind: 'file',
  id: 'identity/logo',
  indicator: null,
  description: 'A logo is an https URL or an image file inside the registry folder.',
  defaultSeverity: 'error',
  messages: {
    invalid:
      'logo "{value}" {reason}; give an https URL of the image, or the path of a .png, .jpg, .gif, .webp or .svg file in the registry folder, such as "logos/{example}.png".',
  },
  check(context) {
    const value = asString(context.data.logo);
    if (value === undefined) return;
    const reference = parseLogoReference(value);
    if (reference.kind !== 'invalid') return;
    const example = context.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '') || 'solution';
    context.report({ path: '/logo', messageId: 'invalid', data: { value, reason: reference.reason, example } });
  },
};
