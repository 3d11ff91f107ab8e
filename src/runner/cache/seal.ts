import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../../util/atomic-write.js';
import { isReadProblem, readRegularFile } from '../../util/regular-file.js';

const HEADER = 'dpg-cache-hmac-sha256:';
/** The header line: the prefix, 64 hex digits, a newline. */
const HEADER_LENGTH = HEADER.length + 64 + 1;
const KEY_HEX = /^[0-9a-f]{64}\n?$/;
/** Largest cache file read: the summaries of a very large registry, far above what 10,000 files need. */
const MAX_CACHE_FILE_BYTES = 512 * 1024 * 1024;

/**
 * The secret that signs every file dpg writes to its caches. An entry is trusted only when its signature
 * verifies with this key for the very path it is read from, so a cache file copied from elsewhere — committed
 * to the repository, restored from another registry's cache, or forged by a pull request — reads as a miss.
 */
let processKey: CacheKey | undefined;

export class CacheKey {
  private constructor(private readonly secret: Buffer) {}

  /** A key that lives in this process only: caches written with it are trusted by this process alone. */
  static ephemeral(): CacheKey {
    return new CacheKey(randomBytes(32));
  }

  /** The key of caches opened without one (library callers, tests): this process's own, never read from disk. */
  static processKey(): CacheKey {
    return (processKey ??= CacheKey.ephemeral());
  }

  /**
   * The key in `file` (64 hex digits), created on first use with mode 0600; undefined when it can neither be
   * read nor made (a read-only home), and the caches are then not used. A link or special file there is
   * never read: it is replaced by a new key.
   */
  static fromFile(file: string): CacheKey | undefined {
    const read = readRegularFile(file, 1024);
    if (!isReadProblem(read) && KEY_HEX.test(read.bytes.toString('latin1')) && (read.identity.mode & 0o077) === 0) {
      return new CacheKey(Buffer.from(read.bytes.toString('latin1').trim(), 'hex'));
    }
    const secret = randomBytes(32);
    try {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileAtomically(file, `${secret.toString('hex')}\n`, 0o600);
    } catch {
      return undefined;
    }
    // Another run may have made its key at the same moment: whichever rename came last is the key.
    return CacheKey.fromFileIfValid(file) ?? undefined;
  }

  private static fromFileIfValid(file: string): CacheKey | undefined {
    const read = readRegularFile(file, 1024);
    if (isReadProblem(read) || !KEY_HEX.test(read.bytes.toString('latin1'))) return undefined;
    return new CacheKey(Buffer.from(read.bytes.toString('latin1').trim(), 'hex'));
  }

  private signature(file: string, payload: Uint8Array): Buffer {
    return createHmac('sha256', this.secret)
      .update(`${path.resolve(file)}\0`)
      .update(payload)
      .digest();
  }

  /** The bytes to write at `file`: a header holding the signature of the payload for that path, then the payload. */
  seal(file: string, payload: string | Uint8Array): Buffer {
    const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    return Buffer.concat([Buffer.from(`${HEADER}${this.signature(file, bytes).toString('hex')}\n`, 'latin1'), bytes]);
  }

  /** The payload of bytes read from `file` when their signature verifies for that path, else undefined. */
  unseal(file: string, sealed: Buffer): Buffer | undefined {
    if (sealed.length < HEADER_LENGTH || sealed.toString('latin1', 0, HEADER.length) !== HEADER || sealed[HEADER_LENGTH - 1] !== 10)
      return undefined;
    const claimed = Buffer.from(sealed.toString('latin1', HEADER.length, HEADER_LENGTH - 1), 'hex');
    const payload = sealed.subarray(HEADER_LENGTH);
    const expected = this.signature(file, payload);
    return claimed.length === expected.length && timingSafeEqual(claimed, expected) ? payload : undefined;
  }

  /** The verified payload of the cache file `file`; undefined when it is missing, a link, too large, or does not verify. */
  read(file: string): Buffer | undefined {
    const read = readRegularFile(file, MAX_CACHE_FILE_BYTES);
    return isReadProblem(read) ? undefined : this.unseal(file, read.bytes);
  }
}
