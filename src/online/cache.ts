import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../util/atomic-write.js';
import { CacheKey } from '../runner/cache/seal.js';

interface Entry<T> {
  key: string;
  /** Milliseconds since the epoch when the result was obtained. */
  storedAt: number;
  value: T;
}

/**
 * Results of network checks on disk, one JSON file per key (a URL or a repository), named by the
 * key's hash. Writes go to a temporary file that is renamed into place, so a reader never sees half a
 * file; unreadable files, and files not signed with the cache key (see CacheKey), count as missing.
 */
export class DiskCache {
  private warned = false;

  constructor(
    readonly dir: string,
    private readonly warn: (message: string) => void = () => {},
    private readonly key = CacheKey.processKey(),
  ) {}

  private file(key: string): string {
    const hash = createHash('sha256').update(key).digest('hex');
    return path.join(this.dir, hash.slice(0, 2), `${hash}.json`);
  }

  /** The stored value and when it was stored, or undefined. */
  async get<T>(key: string): Promise<{ value: T; storedAt: number } | undefined> {
    try {
      const file = this.file(key);
      const payload = this.key.read(file);
      if (!payload) return undefined;
      const entry = JSON.parse(payload.toString('utf8')) as Entry<T>;
      if (entry.key !== key || typeof entry.storedAt !== 'number' || entry.value === undefined) return undefined;
      return { value: entry.value, storedAt: entry.storedAt };
    } catch {
      return undefined;
    }
  }

  async set<T>(key: string, value: T, storedAt: number): Promise<void> {
    const file = this.file(key);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      writeFileAtomically(file, this.key.seal(file, JSON.stringify({ key, storedAt, value } satisfies Entry<T>)));
    } catch (err) {
      if (!this.warned) {
        this.warned = true;
        this.warn(`cannot write the online cache in ${this.dir} (${(err as Error).message}); results are not kept for the next run.`);
      }
    }
  }
}
