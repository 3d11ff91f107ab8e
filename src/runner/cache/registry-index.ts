import { readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { prepareCacheFolder, writeAtomically } from './results-cache.js';
import { CacheKey } from './seal.js';

/** Bumped when the layout of an index file changes. */
const INDEX_FORMAT = 1;
const INDEX_FOLDER = 'registry-index';
/** Index files kept: one per base a branch was recently compared with. */
const KEPT_INDEXES = 8;

/** A git commit id, as a file name: hexadecimal only, so a hostile value cannot point outside the folder. */
const COMMIT_ID = /^[0-9a-f]{40,64}$/;

interface Header {
  format: number;
  fingerprint: string;
  commit: string;
  /** The registry folder, relative to the repository root (see ChangedNominations.registryPrefix). */
  registry: string;
  /** The keyed rules, in the order their number in each line refers to. */
  rules: string[];
}

/** Where a registry's index for `commit` is. */
function indexFile(directory: string, commit: string): string {
  return path.join(directory, INDEX_FOLDER, `${commit}.jsonl`);
}

/**
 * What the keyed registry rules (see RegistryRule.keys) need to know of a registry folder as a commit has
 * it: its nominations and, per rule, which of them have each key. `validate --changed` reads it in place
 * of every file's summary: the files a change leaves alone are as the merge-base has them, so only the
 * changed files and those sharing a key with them need reading.
 *
 * One index per commit, under `registry-index/` in the cache folder, stamped with the results cache's
 * fingerprint. It is JSON lines: a header, the files, then one line per rule and key,
 * `[rule number, key, file, …]`. A run looks up the few keys of the changed files by searching the bytes
 * for the start of their line, so it never parses the whole index.
 */
export class RegistryIndex {
  private constructor(
    private readonly commit: string,
    private readonly rules: readonly string[],
    /** The index file's bytes; lines 2 and on are the files, then the keys. */
    private readonly bytes: Buffer,
    private listed?: string[],
  ) {}

  /**
   * The index of `files` (paths below the registry folder) where `keysOf` gives, per rule id, the keys of a
   * file (undefined: the file has none, e.g. it cannot be read).
   */
  static build(
    header: { fingerprint: string; commit: string; registry: string },
    files: readonly string[],
    keysOf: (file: string) => Record<string, readonly string[]> | undefined,
  ): RegistryIndex {
    const sorted = [...files].sort();
    const byRule = new Map<string, Map<string, string[]>>();
    for (const file of sorted) {
      for (const [ruleId, fileKeys] of Object.entries(keysOf(file) ?? {})) {
        let postings = byRule.get(ruleId);
        if (!postings) byRule.set(ruleId, (postings = new Map()));
        for (const key of new Set(fileKeys)) {
          const holders = postings.get(key);
          if (holders) holders.push(file);
          else postings.set(key, [file]);
        }
      }
    }
    const rules = [...byRule.keys()].sort();
    const lines = [JSON.stringify({ format: INDEX_FORMAT, ...header, rules } satisfies Header), JSON.stringify(sorted)];
    rules.forEach((ruleId, number) => {
      for (const [key, holders] of byRule.get(ruleId)!) lines.push(JSON.stringify([number, key, ...holders]));
    });
    return new RegistryIndex(header.commit, rules, Buffer.from(lines.join('\n') + '\n', 'utf8'), sorted);
  }

  /**
   * The index stored for `commit` and the registry folder `registry` with this fingerprint; undefined when
   * there is none, or it is stale, unreadable or not signed with `key` (this process's own unless given).
   */
  static read(
    directory: string,
    fingerprint: string,
    commit: string,
    registry: string,
    key = CacheKey.processKey(),
  ): RegistryIndex | undefined {
    if (!COMMIT_ID.test(commit)) return undefined;
    try {
      const bytes = key.read(indexFile(directory, commit));
      if (!bytes) return undefined;
      const end = bytes.indexOf(10);
      const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Header;
      if (header?.format !== INDEX_FORMAT || header.fingerprint !== fingerprint || header.commit !== commit || header.registry !== registry)
        return undefined;
      if (!Array.isArray(header.rules) || !header.rules.every((rule) => typeof rule === 'string')) return undefined;
      // A file cut short (a full disk) ends without a newline: unusable, as a missing key would look absent.
      if (bytes[bytes.length - 1] !== 10) return undefined;
      return new RegistryIndex(commit, header.rules, bytes);
    } catch {
      return undefined;
    }
  }

  /** The nominations of the registry folder: paths below it, with forward slashes, sorted. */
  get files(): readonly string[] {
    if (!this.listed) {
      const start = this.bytes.indexOf(10) + 1;
      const parsed: unknown = JSON.parse(this.bytes.subarray(start, this.bytes.indexOf(10, start)).toString('utf8'));
      this.listed = Array.isArray(parsed) ? parsed.filter((file): file is string => typeof file === 'string') : [];
    }
    return this.listed;
  }

  /** The files with `key` for the rule `ruleId` (paths below the registry folder). */
  filesWith(ruleId: string, key: string): string[] {
    const number = this.rules.indexOf(ruleId);
    if (number < 0) return [];
    // The line of that key starts with `[number,"key",`; JSON escapes newlines, so each line is one line.
    const start = this.bytes.indexOf(`\n[${number},${JSON.stringify(key)},`);
    if (start < 0) return [];
    const end = this.bytes.indexOf(10, start + 1);
    const line: unknown = JSON.parse(this.bytes.subarray(start + 1, end).toString('utf8'));
    return Array.isArray(line) ? line.slice(2).filter((file): file is string => typeof file === 'string') : [];
  }

  /** Stores the index for its commit, keeping the most recently written few; a cache that cannot be written is skipped. */
  write(directory: string, key = CacheKey.processKey()): void {
    if (!COMMIT_ID.test(this.commit) || !prepareCacheFolder(directory, INDEX_FOLDER)) return;
    writeAtomically(indexFile(directory, this.commit), this.bytes, key);
    const folder = path.join(directory, INDEX_FOLDER);
    try {
      const indexes = readdirSync(folder)
        .filter((name) => name.endsWith('.jsonl'))
        .map((name) => ({ name, at: statSync(path.join(folder, name)).mtimeMs }))
        .sort((a, b) => b.at - a.at || (a.name < b.name ? -1 : 1));
      for (const { name } of indexes.slice(KEPT_INDEXES)) unlinkSync(path.join(folder, name));
    } catch {
      // Another run pruning at the same time: what is left is pruned next time.
    }
  }
}
