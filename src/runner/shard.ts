import { UsageError } from '../core/errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n). */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), not "${value}".`);
  }
  return { index, count };
}

/**
 * The files of one shard: the names sorted (by code point), then dealt out round-robin, so shards
 * differ by at most one file and every file is in exactly one shard.
 */
export function selectShard<T>(items: readonly T[], name: (item: T) => string, shard: Shard): T[] {
  return [...items]
    .sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0))
    .filter((_, i) => i % shard.count === shard.index - 1);
}
