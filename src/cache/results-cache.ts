import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import type { FileAnalysis, FileFacts } from '../engine/analyse.js';
import type { LoadLimits } from '../load/limits.js';
import type { Rule } from '../rules/types.js';
import type { Diagnostic } from '../types.js';

/** Bumped when the layout of the cache files changes. */
const CACHE_FORMAT = 2;

export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/dpg';
const FACTS_FILE = 'facts.json';
const DIAGNOSTICS_FILE = 'diagnostics.json';

/** A file's content hash: its git blob id, so `--changed` can take unchanged files' ids from git without reading them. */
export function contentHash(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex');
}

/**
 * Identifies everything a cached result depends on besides the file: the tool's code (the build id,
 * or the rules' source in development), the schema, the rules' metadata, the configuration and the
 * limits. Any change invalidates the whole cache.
 */
export function cacheFingerprint(parts: { version: string; code: string; schema: unknown; rules: readonly Rule[]; config: Config; limits: LoadLimits }): string {
  const rules = parts.rules.map((r) => [r.id, r.kind, r.defaultSeverity, r.messages, r.reads ?? null, r.defaultOptions ?? null]);
  return createHash('sha256')
    .update(JSON.stringify([CACHE_FORMAT, parts.version, parts.code, parts.schema, rules, parts.config, parts.limits]))
    .digest('hex');
}

/** Per file: content hash, readable, facts. */
type FactsRow = [string, 0 | 1, FileFacts | null];
/**
 * Per file: content hash, schemaFailed, the diagnostics as JSON text (decoded only for the files reported
 * on). schemaFailed lives here, with the findings it comes from: a facts-only analysis does not run the schema.
 */
type DiagnosticsRow = [string, 0 | 1, string];

interface CacheFile<Row> {
  format: number;
  fingerprint: string;
  files: Record<string, Row>;
}

function readCacheFile<Row>(file: string, fingerprint: string): Map<string, Row> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile<Row>;
    if (parsed?.format === CACHE_FORMAT && parsed.fingerprint === fingerprint && parsed.files && typeof parsed.files === 'object') {
      return new Map(Object.entries(parsed.files));
    }
  } catch {
    // Missing or corrupt: start empty; the next save replaces it.
  }
  return new Map();
}

function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/**
 * The results cache: per file, keyed by its content hash, the outcome of the per-file stages (see
 * `analyseFile`) — findings and the facts registry-wide checks need. Two files, so that `--changed`
 * reads only the small facts of the unchanged files. Unreadable or stale caches are ignored, never fatal.
 */
export class ResultsCache {
  private facts: Map<string, FactsRow>;
  private diagnostics: Map<string, DiagnosticsRow> | undefined;
  private changed = false;

  constructor(readonly directory: string, readonly fingerprint: string) {
    this.facts = readCacheFile<FactsRow>(path.join(directory, FACTS_FILE), fingerprint);
  }

  private diagnosticRows(): Map<string, DiagnosticsRow> {
    this.diagnostics ??= readCacheFile<DiagnosticsRow>(path.join(this.directory, DIAGNOSTICS_FILE), this.fingerprint);
    return this.diagnostics;
  }

  /** The cached analysis of `file` with content `hash`; `full` also needs its findings. */
  get(file: string, hash: string, full: boolean): FileAnalysis | undefined {
    const row = this.facts.get(file);
    if (!row || row[0] !== hash) return undefined;
    const analysis: FileAnalysis = { file, readable: row[1] === 1, schemaFailed: false, ...(row[2] ? { facts: row[2] } : {}) };
    if (!full) return analysis;
    const diagnostics = this.diagnosticRows().get(file);
    if (!diagnostics || diagnostics[0] !== hash) return undefined;
    try {
      analysis.diagnostics = JSON.parse(diagnostics[2]) as Diagnostic[];
      analysis.schemaFailed = diagnostics[1] === 1;
    } catch {
      return undefined;
    }
    return analysis;
  }

  set(analysis: FileAnalysis, hash: string): void {
    // Results that read the date without declaring it hold for this run only.
    if (analysis.datedBy) return;
    this.facts.set(analysis.file, [hash, analysis.readable ? 1 : 0, analysis.facts ?? null]);
    if (analysis.diagnostics) this.diagnosticRows().set(analysis.file, [hash, analysis.schemaFailed ? 1 : 0, JSON.stringify(analysis.diagnostics)]);
    this.changed = true;
  }

  /** Writes the cache atomically, keeping only the files listed in `present` (the registry as it is now). */
  save(present: ReadonlySet<string>): void {
    for (const file of this.facts.keys()) if (!present.has(file)) { this.facts.delete(file); this.changed = true; }
    for (const file of this.diagnostics?.keys() ?? []) if (!present.has(file)) this.diagnostics!.delete(file);
    if (!this.changed) return;
    try {
      mkdirSync(this.directory, { recursive: true });
      // Like .pytest_cache: git ignores the folder even where node_modules is not ignored (a pure registry repository).
      if (!existsSync(path.join(this.directory, '.gitignore'))) writeFileSync(path.join(this.directory, '.gitignore'), '*\n');
    } catch {
      return;
    }
    const serialise = <Row>(files: Map<string, Row>): string =>
      JSON.stringify({ format: CACHE_FORMAT, fingerprint: this.fingerprint, files: Object.fromEntries(files) } satisfies CacheFile<Row>);
    writeAtomically(path.join(this.directory, FACTS_FILE), serialise(this.facts));
    if (this.diagnostics) writeAtomically(path.join(this.directory, DIAGNOSTICS_FILE), serialise(this.diagnostics));
    this.changed = false;
  }
}
