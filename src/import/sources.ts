import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';

/** The former registry's layout: identity records, screening answers, and excluded nominees. */
const NOMINEES_DIR = 'nominees';
const SCREENING_DIR = 'digitalpublicgoods';
const EXCLUDED_DIR = 'excluded-nominees';
/** Nominees the former registry moved out of nominees/; some DPGs' screening answers point there. */
const ARCHIVE_DIR = 'archive';
/** The former registry's log of exclusions (name, date, reason), in excluded-nominees/. */
const EXCLUSION_LOG = 'README.md';

/** Where one record's files are (absolute paths). */
export interface RecordSource {
  nomineeFile: string;
  screeningFile?: string;
  excluded: boolean;
  /** The nominee record was found in archive/. */
  archived?: boolean;
  /** The exclusion log next to an excluded record, when there is one. */
  exclusionLog?: string;
}

/** A file given (or found) that cannot form a record, e.g. screening answers without their nominee. */
export interface SourceProblem {
  file: string;
  problem: string;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
    .map((e) => path.join(dir, e.name))
    .sort();
}

function isDirectory(file: string): boolean {
  return existsSync(file) && statSync(file).isDirectory();
}

function existingFile(file: string): string | undefined {
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** `excluded`, and the exclusion log beside an excluded record's file when there is one. */
function withLog(excluded: boolean, file: string | undefined): { excluded: boolean; exclusionLog?: string } {
  const log = excluded && file ? existingFile(path.join(path.dirname(file), EXCLUSION_LOG)) : undefined;
  return { excluded, ...(log ? { exclusionLog: log } : {}) };
}

/** The record a single file belongs to, using its siblings in the former registry's layout. */
function sourceOfFile(file: string): RecordSource | SourceProblem {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const parent = path.dirname(dir);
  const folder = path.basename(dir);
  if (folder === SCREENING_DIR) {
    const nominee = existingFile(path.join(parent, NOMINEES_DIR, base));
    const excluded = nominee ? undefined : existingFile(path.join(parent, EXCLUDED_DIR, base));
    const archived = nominee || excluded ? undefined : existingFile(path.join(parent, ARCHIVE_DIR, base));
    if (nominee || excluded || archived) {
      return {
        nomineeFile: (nominee ?? excluded ?? archived)!,
        screeningFile: file,
        ...withLog(Boolean(excluded), excluded),
        ...(archived ? { archived: true } : {}),
      };
    }
    return {
      file,
      problem: `screening answers without their nominee record (expected ${NOMINEES_DIR}/${base}, or ${ARCHIVE_DIR}/${base}, next to ${SCREENING_DIR}/)`,
    };
  }
  const screeningFile = existingFile(path.join(parent, SCREENING_DIR, base));
  return {
    nomineeFile: file,
    ...(screeningFile ? { screeningFile } : {}),
    ...withLog(folder === EXCLUDED_DIR, file),
    ...(folder === ARCHIVE_DIR ? { archived: true } : {}),
  };
}

/**
 * The records named by the command-line operands: a folder in the former registry's layout (holding
 * nominees/, digitalpublicgoods/, excluded-nominees/), a folder of record files, or single files
 * (paired with their screening answers when those sit in the layout). A missing operand is a usage error.
 */
export function findRecordSources(operands: readonly string[], cwd: string): { sources: RecordSource[]; problems: SourceProblem[] } {
  const sources = new Map<string, RecordSource>();
  const problems: SourceProblem[] = [];
  const add = (found: RecordSource | SourceProblem) => {
    if ('problem' in found) {
      if (!problems.some((p) => p.file === found.file)) problems.push(found);
    } else if (!sources.has(found.nomineeFile) || (found.screeningFile && !sources.get(found.nomineeFile)!.screeningFile)) {
      sources.set(found.nomineeFile, found);
    }
  };
  for (const operand of operands) {
    const absolute = path.resolve(cwd, operand);
    if (!existsSync(absolute)) throw new UsageError(`No such file or folder: ${operand}`);
    if (!isDirectory(absolute)) {
      add(sourceOfFile(absolute));
      continue;
    }
    const layout = [NOMINEES_DIR, SCREENING_DIR, EXCLUDED_DIR].filter((d) => isDirectory(path.join(absolute, d)));
    if (!layout.length) {
      jsonFiles(absolute).forEach((f) => add(sourceOfFile(f)));
      continue;
    }
    for (const dir of [NOMINEES_DIR, EXCLUDED_DIR, SCREENING_DIR]) {
      if (layout.includes(dir)) jsonFiles(path.join(absolute, dir)).forEach((f) => add(sourceOfFile(f)));
    }
  }
  // Screening answers reached through their own folder are already part of a record.
  const paired = new Set([...sources.values()].map((s) => s.screeningFile));
  return { sources: [...sources.values()], problems: problems.filter((p) => !paired.has(p.file)) };
}
