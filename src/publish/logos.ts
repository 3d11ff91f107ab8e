import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { parseLogoReference, type LogoFormat } from '../rules/identity/logo.js';
import { describeReadProblem, isReadProblem, readRegularFile } from '../util/regular-file.js';

export { parseLogoReference, type LogoFormat } from '../rules/identity/logo.js';

/**
 * Logos of the published solutions. A nomination's `logo` is either an https URL, which the site shows
 * as it is (never fetched at build time), or the path of an image file in the registry folder, which the
 * build reads (a regular file only, never a link, at most LOGO_MAX_BYTES), checks and publishes under a
 * name holding its content hash, so a changed logo is never served from a stale cache.
 */

export const LOGO_MAX_BYTES = 256 * 1024;
/** The box a logo is fitted into on the pages, in CSS pixels. */
export const LOGO_BOX = 56;

/** The width and height an image file declares, read from its header; undefined when it is not that format. */
export function imageSize(bytes: Buffer, format: LogoFormat): { width: number; height: number } | undefined {
  switch (format) {
    case 'png':
      if (
        bytes.length < 24 ||
        !bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ||
        bytes.toString('latin1', 12, 16) !== 'IHDR'
      )
        return undefined;
      return positive(bytes.readUInt32BE(16), bytes.readUInt32BE(20));
    case 'gif':
      if (bytes.length < 10 || !/^GIF8[79]a$/.test(bytes.toString('latin1', 0, 6))) return undefined;
      return positive(bytes.readUInt16LE(6), bytes.readUInt16LE(8));
    case 'jpeg':
      return jpegSize(bytes);
    case 'webp':
      return webpSize(bytes);
    case 'svg':
      return svgSize(bytes);
  }
}

function positive(width: number, height: number): { width: number; height: number } | undefined {
  return width > 0 && height > 0 ? { width, height } : undefined;
}

function jpegSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    // Start-of-frame markers (baseline, progressive, …), not DHT (C4), JPG (C8) or DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return positive(bytes.readUInt16BE(offset + 7), bytes.readUInt16BE(offset + 5));
    }
    if (length < 2) return undefined;
    offset += 2 + length;
  }
  return undefined;
}

function webpSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 30 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') return undefined;
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') return positive(bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff);
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21);
    return positive((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') return positive(bytes.readUIntLE(24, 3) + 1, bytes.readUIntLE(27, 3) + 1);
  return undefined;
}

/**
 * Markup an SVG logo may not hold: it is served from the site's own origin, where a visitor opening the
 * file itself would run its scripts, so anything active or external is refused rather than cleaned.
 */
const ACTIVE_SVG =
  /<script|<foreignobject|<iframe|<embed|<object|<!entity|<!doctype|\bon[a-z]+\s*=|javascript:|\bdata:|href\s*=\s*(?!["']?#)|url\s*\(\s*(?!["']?#)|@import/i;

function svgSize(bytes: Buffer): { width: number; height: number } | undefined {
  const text = bytes.toString('utf8');
  if (!/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text) || ACTIVE_SVG.test(text)) return undefined;
  const root = /<svg\b[^>]*>/i.exec(text)?.[0] ?? '';
  const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  const length = (value: string | undefined) => (value && /^\s*\d+(\.\d+)?\s*(px)?\s*$/.test(value) ? Number.parseFloat(value) : undefined);
  const width = length(attribute('width'));
  const height = length(attribute('height'));
  if (width && height) return { width, height };
  const box = attribute('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  if (box?.length === 4 && box.every(Number.isFinite)) return positive(box[2]!, box[3]!);
  return undefined;
}

/** The logo's size fitted into the LOGO_BOX square, aspect ratio kept, in whole pixels. */
function fitIntoBox(size: { width: number; height: number }, box = LOGO_BOX): { width: number; height: number } {
  const scale = box / Math.max(size.width, size.height);
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

export type Logo =
  /** A file published with the site: `path` relative to the site root. */
  { kind: 'file'; path: string; bytes: Buffer; width: number; height: number } | { kind: 'url'; url: string; origin: string };

export type LogoOutcome = { logo: Logo } | { problem: string };

/**
 * Resolves a record's `logo` for the build: an URL is taken as written; a file is read from the registry
 * folder (never through a link, also not a linked folder on the way) and checked to be the image its
 * name says, of a sane size.
 */
export function resolveLogo(value: string, slug: string, registryDir: string): LogoOutcome {
  const reference = parseLogoReference(value);
  if (reference.kind === 'invalid') return { problem: `logo "${value}" ${reference.reason}` };
  if (reference.kind === 'url') return { logo: { kind: 'url', url: reference.url, origin: new URL(reference.url).origin } };
  const file = path.join(registryDir, ...reference.path.split('/'));
  let realRegistry: string;
  let realFolder: string;
  try {
    realRegistry = realpathSync(registryDir);
    realFolder = realpathSync(path.dirname(file));
  } catch {
    return { problem: `logo "${value}" does not exist in the registry folder` };
  }
  const inside = path.relative(realRegistry, realFolder);
  if (
    inside.startsWith('..') ||
    path.isAbsolute(inside) ||
    realFolder !== path.join(realRegistry, ...reference.path.split('/').slice(0, -1))
  ) {
    return { problem: `logo "${value}" lies in a folder reached through a symbolic link; keep logos in real folders of the registry` };
  }
  const read = readRegularFile(file, LOGO_MAX_BYTES);
  if (isReadProblem(read)) return { problem: `logo "${value}" ${describeReadProblem(read)}` };
  const size = imageSize(read.bytes, reference.format);
  if (!size) {
    return {
      problem:
        reference.format === 'svg'
          ? `logo "${value}" is not a plain SVG image with a size (scripts, event handlers, external links and entities are refused)`
          : `logo "${value}" is not a ${reference.format.toUpperCase()} image`,
    };
  }
  const hash = createHash('sha256').update(read.bytes).digest('hex').slice(0, 12);
  const extension = reference.format === 'jpeg' ? 'jpg' : reference.format;
  return { logo: { kind: 'file', path: `assets/logos/${slug}-${hash}.${extension}`, bytes: read.bytes, ...fitIntoBox(size) } };
}
