import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../../util/atomic-write.js';
import type { Config } from '../../config/config.js';
import type { FileAnalysis, FileFacts } from '../../lint/analyse.js';
import type { LoadLimits } from '../../load/limits.js';
import { RefusedContent } from '../../load/read.js';
import { CacheKey } from './seal.js';
import type { Rule } from '../../rules/types.js';
import type { Diagnostic } from '../../core/types.js';

/** Bumped when the layout of the cache files changes. */
const CACHE_FORMAT = 6;

const SUMMARIES_FILE = 'summaries.json';
const DETAILS_FOLDER = 'details';

/**
 * A file's content hash: its git blob id, so `--changed` can take unchanged files' ids from git without
 * reading them. A file that was refused, not read (see RefusedContent), is identified by the refusal, which
 * no blob id equals: its cached finding is reused while it is refused for the same reason, never for a file.
 */
export function contentHash(content: Uint8Array): string {
  if (content instanceof RefusedContent) {
    const { refusal } = content;
    return `refused:${refusal.problem}:${refusal.problem === 'notRegular' ? refusal.kind : refusal.problem === 'tooLarge' ? `${refusal.atLeast ? '>' : ''}${refusal.size}/${refusal.limit}` : ''}`;
  }
  return createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex');
}

/**
 * Identifies everything a cached result depends on besides the file: the tool's code (the build id,
 * or the rules' source in development), the schema, the rules' metadata, the configuration and the
 * limits. Any change invalidates the whole cache.
 */
export function cacheFingerprint(parts: {
  version: string;
  code: string;
  schema: unknown;
  rules: readonly Rule[];
  config: Config;
  limits: LoadLimits;
}): string {
  const rules = parts.rules.map((r) => [r.id, r.kind, r.defaultSeverity, r.messages, r.reads ?? null, r.defaultOptions ?? null]);
  // sha256 rather than a hash written in JavaScript: crypto is loaded anyway (the cache files are signed), and its
  // native code is faster on this text of some tens of kilobytes than an interpreted loop at start-up.
  return createHash('sha256')
    .update(JSON.stringify([CACHE_FORMAT, parts.version, parts.code, parts.schema, rules, parts.config, parts.limits]))
    .digest('hex');
}

/** What identifies a file's content without reading it, as git's index does: size, times and inode. */
export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * A file's stat when its hash was recorded: size, mtimeMs, ctimeMs, ino, and when it was recorded.
 * A file changed in the same clock tick as the recording could keep its times; so a stat is trusted only
 * when the file had not changed for STAT_MARGIN_MS before the recording.
 */
type StatRecord = [number, number, number, number, number];
const STAT_MARGIN_MS = 2000;

/** Per file: content hash, readable, what registry rules collected of it (read on every run: small), its stat. */
type SummaryRow = [string, 0 | 1, Record<string, unknown> | null, StatRecord?];
/**
 * Per file reported on: content hash, schemaFailed, the findings, the facts, then readable and what registry
 * rules collected again (as in the summary), so a run reading only the details has the whole analysis.
 * schemaFailed lives here, with the findings it comes from: an analysis of a file only read for
 * registry-wide checks does not run the schema.
 */
type DetailsRow = [string, 0 | 1, Diagnostic[], FileFacts | null, 0 | 1, Record<string, unknown> | null];

interface CacheFile<Row> {
  format: number;
  fingerprint: string;
  files: Record<string, Row>;
}

function readCacheFile<Row>(file: string, fingerprint: string, key: CacheKey): Map<string, Row> {
  try {
    const payload = key.read(file);
    if (!payload) return new Map();
    const parsed = JSON.parse(payload.toString('utf8')) as CacheFile<Row>;
    if (parsed?.format === CACHE_FORMAT && parsed.fingerprint === fingerprint && parsed.files && typeof parsed.files === 'object') {
      return new Map(Object.entries(parsed.files));
    }
  } catch {
    // Missing, corrupt or not signed with this key: start empty; the next save replaces it.
  }
  return new Map();
}

/**
 * Creates `folder` inside the cache folder, and a .gitignore in the cache folder: like .pytest_cache, git
 * then ignores it even where node_modules is not ignored (a pure registry repository). False when the
 * folder cannot be made (read-only disk): the cache is then not written.
 */
export function prepareCacheFolder(directory: string, folder: string): boolean {
  try {
    mkdirSync(path.join(directory, folder), { recursive: true });
    if (!existsSync(path.join(directory, '.gitignore'))) writeFileSync(path.join(directory, '.gitignore'), '*\n');
    return true;
  } catch {
    return false;
  }
}

/** Writes a cache file atomically, signed with `key` for that path; a cache that cannot be written is skipped, never fatal. */
export function writeAtomically(file: string, text: string | Uint8Array, key: CacheKey): void {
  try {
    writeFileAtomically(file, key.seal(file, text));
  } catch {
    // Read-only or full disk: the next run starts from what is there.
  }
}

function statRecord(stat: FileStat): StatRecord {
  return [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, Date.now()];
}

/** Buckets of the details: a run reading the details of a few files reads a few small buckets. */
const DETAIL_BUCKETS = 256;

/** The bucket of a file's details: from its name (FNV-1a), so each file's row always lives in the same one. */
function bucketOf(file: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) h = Math.imul(h ^ file.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % DETAIL_BUCKETS).toString(16).padStart(2, '0');
}

/**
 * The results cache: per file, keyed by its content hash, the outcome of the per-file stages (see
 * `analyseFile`). The small summaries registry rules compare are read on every run; the findings and
 * facts of a file are read only when it is reported on and unchanged, from one of 256 buckets — so
 * `--changed` on a large registry reads little. Unreadable or stale caches are ignored, never fatal; so are
 * files not signed with `key` (see CacheKey), which is this process's own unless given.
 */
export class ResultsCache {
  /** Undefined for a cache of the files reported on only (see `reportedOnly`). */
  private summaries: Map<string, SummaryRow> | undefined;
  /** Bucket → its rows, for the buckets read or written in this run. */
  private details = new Map<string, Map<string, DetailsRow>>();
  private changedBuckets = new Set<string>();
  private changed = false;

  private readonly key: CacheKey;

  constructor(
    readonly directory: string,
    readonly fingerprint: string,
    options: { summaries?: boolean; key?: CacheKey } = {},
  ) {
    this.key = options.key ?? CacheKey.processKey();
    if (options.summaries !== false)
      this.summaries = readCacheFile<SummaryRow>(path.join(directory, SUMMARIES_FILE), fingerprint, this.key);
  }

  /**
   * The cache of the files reported on only: their findings and facts, without the summaries of the rest
   * of the registry, for a run that compares files through the registry index. `get` then answers only
   * for full analyses, and `save` writes only the details.
   */
  static reportedOnly(directory: string, fingerprint: string, key?: CacheKey): ResultsCache {
    return new ResultsCache(directory, fingerprint, { summaries: false, ...(key ? { key } : {}) });
  }

  private detailRows(file: string): { bucket: string; rows: Map<string, DetailsRow> } {
    const bucket = bucketOf(file);
    let rows = this.details.get(bucket);
    if (!rows)
      this.details.set(
        bucket,
        (rows = readCacheFile<DetailsRow>(path.join(this.directory, DETAILS_FOLDER, `${bucket}.json`), this.fingerprint, this.key)),
      );
    return { bucket, rows };
  }

  /** The cached analysis of `file` with content `hash`; `full` also needs its findings and facts. */
  get(file: string, hash: string, full: boolean): FileAnalysis | undefined {
    if (!this.summaries) return full ? this.fromDetails(file, hash) : undefined;
    const row = this.summaries.get(file);
    if (!row || row[0] !== hash) return undefined;
    const analysis: FileAnalysis = { file, readable: row[1] === 1, schemaFailed: false, ...(row[2] ? { collected: row[2] } : {}) };
    if (!full) return analysis;
    return this.fromDetails(file, hash);
  }

  private fromDetails(file: string, hash: string): FileAnalysis | undefined {
    const details = this.detailRows(file).rows.get(file);
    if (!Array.isArray(details) || details[0] !== hash || !Array.isArray(details[2])) return undefined;
    return {
      file,
      readable: details[4] === 1,
      schemaFailed: details[1] === 1,
      diagnostics: details[2],
      ...(details[3] ? { facts: details[3] } : {}),
      ...(details[5] ? { collected: details[5] } : {}),
    };
  }

  /** The recorded hash of `file` when its stat is as recorded (so it need not be read), else undefined. */
  hashIfUnchanged(file: string, stat: FileStat): string | undefined {
    const row = this.summaries?.get(file);
    const recorded = row?.[3];
    if (!Array.isArray(recorded)) return undefined;
    const [size, mtimeMs, ctimeMs, ino, at] = recorded;
    const same = stat.size === size && stat.mtimeMs === mtimeMs && stat.ctimeMs === ctimeMs && stat.ino === ino;
    return same && stat.ctimeMs < at - STAT_MARGIN_MS && stat.mtimeMs < at - STAT_MARGIN_MS ? row![0] : undefined;
  }

  /** Records the stat of a file whose content hash was just found in the cache, so the next run need not read it. */
  recordStat(file: string, stat: FileStat): void {
    const row = this.summaries?.get(file);
    if (!row) return;
    const recorded = row[3];
    // The same stat recorded too soon after a change stays untrusted: the file is read again, never trusted early.
    if (
      Array.isArray(recorded) &&
      recorded[0] === stat.size &&
      recorded[1] === stat.mtimeMs &&
      recorded[2] === stat.ctimeMs &&
      recorded[3] === stat.ino
    )
      return;
    this.summaries!.set(file, [row[0], row[1], row[2], statRecord(stat)]);
    this.changed = true;
  }

  set(analysis: FileAnalysis, hash: string, stat?: FileStat): void {
    // Results that read the date without declaring it hold for this run only.
    if (analysis.datedBy) return;
    const readable = analysis.readable ? 1 : 0;
    if (this.summaries) {
      const row: SummaryRow = [hash, readable, analysis.collected ?? null];
      if (stat) row.push(statRecord(stat));
      this.summaries.set(analysis.file, row);
      this.changed = true;
    }
    if (analysis.diagnostics) {
      const { bucket, rows } = this.detailRows(analysis.file);
      rows.set(analysis.file, [
        hash,
        analysis.schemaFailed ? 1 : 0,
        analysis.diagnostics,
        analysis.facts ?? null,
        readable,
        analysis.collected ?? null,
      ]);
      this.changedBuckets.add(bucket);
    }
  }

  /**
   * Writes the cache atomically, keeping only the files listed in `present` (the registry as it is now);
   * without `present`, nothing is dropped.
   */
  save(present?: ReadonlySet<string>): void {
    if (present) {
      for (const file of this.summaries?.keys() ?? [])
        if (!present.has(file)) {
          this.summaries!.delete(file);
          this.changed = true;
        }
      for (const [bucket, rows] of this.details) {
        for (const file of rows.keys())
          if (!present.has(file)) {
            rows.delete(file);
            this.changedBuckets.add(bucket);
          }
      }
    }
    if (!this.changed && this.changedBuckets.size === 0) return;
    if (!prepareCacheFolder(this.directory, DETAILS_FOLDER)) return;
    const serialise = <Row>(files: Map<string, Row>): string =>
      JSON.stringify({ format: CACHE_FORMAT, fingerprint: this.fingerprint, files: Object.fromEntries(files) } satisfies CacheFile<Row>);
    if (this.summaries && this.changed) writeAtomically(path.join(this.directory, SUMMARIES_FILE), serialise(this.summaries), this.key);
    for (const bucket of this.changedBuckets) {
      writeAtomically(path.join(this.directory, DETAILS_FOLDER, `${bucket}.json`), serialise(this.details.get(bucket)!), this.key);
    }
    this.changed = false;
    this.changedBuckets.clear();
  }
}
