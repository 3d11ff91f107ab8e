import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { validateSources } from '../../lint/engine.js';
import { convertDpgaRecord, nominationYaml, parseRecordJson, RecordError, type Conversion } from '../../import/dpga.js';
import { findExclusion, parseExclusionLog, type Exclusion } from '../../import/exclusions.js';
import { findRecordSources, type RecordSource } from '../../import/sources.js';
import { styles } from '../../formatters/stylish.js';
import { displayPath, loadConfig } from '../../runner/files.js';
import { showControls, showLineStart } from '../../util/visible-text.js';
import { describeReadProblem, isReadProblem, readRegularFile } from '../../util/regular-file.js';
import { useColor, type CliContext } from '../context.js';

export interface ImportFlags {
  out?: string;
  force?: boolean;
  dryRun?: boolean;
  format: string;
  reviewDate?: string;
  reviewer?: string;
  color?: boolean;
  config?: string;
}

type Status = 'written' | 'overwritten' | 'would write' | 'skipped' | 'failed';

interface RecordReport {
  sources: string[];
  file?: string;
  status: Status;
  /** Why a record was skipped or failed. */
  reason?: string;
  name?: string;
  stage?: string;
  mapped?: Conversion['mapped'];
  missing?: Conversion['missing'];
  notes?: Conversion['notes'];
  validation?: { errors: number; warnings: number; rules: Record<string, number>; dueAtRenewal: Record<string, number> };
  /** Whether `dpg build` would publish the record as converted. */
  published?: boolean;
  /** The YAML that would be written, with --dry-run. */
  yaml?: string;
}

/** Record files larger than this are not former registry records; refuse them before parsing. */
const MAX_RECORD_BYTES = 5 * 1024 * 1024;

function readRecord(file: string, cwd: string): unknown {
  const shown = displayPath(file, cwd);
  const read = readRegularFile(file, MAX_RECORD_BYTES);
  if (isReadProblem(read)) {
    if (read.problem === 'tooLarge' && !read.atLeast)
      throw new RecordError(`${shown}: ${read.size} bytes, more than the ${MAX_RECORD_BYTES} a record may have.`);
    throw new RecordError(`${shown}: ${describeReadProblem(read)}.`);
  }
  return parseRecordJson(shown, read.bytes.toString('utf8'));
}

/** Writes through a temporary file in the same folder, so a reader never sees half a file; never replaces a file unless `replace`. */
function writeAtomically(target: string, content: string, replace: boolean): 'written' | 'overwritten' | 'exists' {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(temporary, content, { flag: 'wx' });
  try {
    if (replace) {
      const existed = existsSync(target);
      renameSync(temporary, target);
      return existed ? 'overwritten' : 'written';
    }
    try {
      // A hard link fails when the target exists, so a file created meanwhile is never replaced.
      linkSync(temporary, target);
      return 'written';
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return 'exists';
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw err;
      if (existsSync(target)) return 'exists';
      renameSync(temporary, target);
      return 'written';
    }
  } finally {
    if (existsSync(temporary)) unlinkSync(temporary);
  }
}

function checkReviewDate(value: string | undefined): void {
  if (value === undefined) return;
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--review-date must be a date written YYYY-MM-DD, not "${value}".`);
  }
}

function summariseRules(diagnostics: Array<{ ruleId: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of diagnostics) counts[d.ruleId] = (counts[d.ruleId] ?? 0) + 1;
  return counts;
}

interface ImportSummary {
  records: number;
  converted: number;
  /** Records `dpg build` would publish as converted: approved DPGs without errors, and nominees. */
  published: number;
  /** Per rule: the records with requirements due at their next review, and the findings. */
  dueAtRenewal: Record<string, { records: number; findings: number }>;
}

function summarise(records: RecordReport[]): ImportSummary {
  const dueAtRenewal: ImportSummary['dueAtRenewal'] = {};
  for (const r of records) {
    for (const [rule, findings] of Object.entries(r.validation?.dueAtRenewal ?? {})) {
      const entry = (dueAtRenewal[rule] ??= { records: 0, findings: 0 });
      entry.records += 1;
      entry.findings += findings;
    }
  }
  return {
    records: records.length,
    converted: records.filter((r) => r.validation !== undefined).length,
    published: records.filter((r) => r.published).length,
    dueAtRenewal: Object.fromEntries(Object.entries(dueAtRenewal).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/** The closing table of the report: what was read, converted and would be published, and what is due at renewal per rule. */
function summaryTable(summary: ImportSummary): string {
  const rows: Array<[string, string, string]> = [
    ['records', String(summary.records), ''],
    ['converted', String(summary.converted), ''],
    ['published (dpg build would publish them)', String(summary.published), ''],
    ...Object.entries(summary.dueAtRenewal).map(([rule, n]): [string, string, string] => [
      `due at renewal: ${rule}`,
      String(n.records),
      String(n.findings),
    ]),
  ];
  const header: [string, string, string] = ['', 'records', 'findings'];
  const widths = [0, 1, 2].map((i) => Math.max(...[header, ...rows].map((row) => row[i]!.length)));
  const line = (row: [string, string, string]) =>
    `| ${row[0].padEnd(widths[0]!)} | ${row[1].padStart(widths[1]!)} | ${row[2].padStart(widths[2]!)} |`;
  return [line(header), `|${widths.map((w, i) => (i ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...rows.map(line)].join(
    '\n',
  );
}

/** The text report; statuses and counts coloured with `color` (failed red, skipped yellow, written green). */
function textReport(records: RecordReport[], dryRun: boolean, color = false): string {
  const paint = styles(color);
  const statusPaint: Record<Status, (text: string) => string> = {
    written: paint.ok,
    overwritten: paint.ok,
    'would write': paint.ok,
    skipped: paint.warning,
    failed: paint.error,
  };
  const lines: string[] = [];
  for (const r of records) {
    const target = r.file ? ` → ${showControls(r.file)}` : '';
    lines.push(
      `${showLineStart(r.sources.join(' + '))}${target}: ${statusPaint[r.status](r.status)}${r.reason ? ` (${showControls(r.reason)})` : ''}`,
    );
    if (r.status === 'failed') continue;
    if (r.mapped?.length)
      lines.push(paint.dim(`  mapped: ${showControls([...new Set(r.mapped.map((m) => m.to.replace(/ \(.*$/, '')))].join(', '))}`));
    for (const gap of r.missing ?? []) lines.push(`  ${paint.warning('missing')}: ${showControls(gap.field)}: ${showControls(gap.reason)}`);
    for (const note of r.notes ?? []) lines.push(`  ${paint.dim('note')}: ${showControls(note.source)}: ${showControls(note.note)}`);
    if (r.validation) {
      const rules = Object.entries(r.validation.rules)
        .map(([id, n]) => (n > 1 ? `${id} ×${n}` : id))
        .join(', ');
      const errors = `${r.validation.errors} error(s)`;
      const warnings = `${r.validation.warnings} warning(s)`;
      lines.push(
        `  validation: ${r.validation.errors ? paint.error(errors) : errors}, ${r.validation.warnings ? paint.warning(warnings) : warnings}${rules ? paint.dim(` — ${rules}`) : ''}`,
      );
      lines.push(`  published by dpg build: ${r.published ? paint.ok('yes') : paint.warning('no')}`);
    }
  }
  const count = (...statuses: Status[]) => records.filter((r) => statuses.includes(r.status)).length;
  const converted = records.length - count('failed');
  const parts = [
    dryRun ? `${count('would write')} would be written` : `${count('written', 'overwritten')} written`,
    `${count('skipped')} skipped`,
    `${count('failed')} failed`,
  ];
  lines.push('', `${records.length} record(s): ${converted} converted; ${parts.join(', ')}.`);
  const files = records.filter((r) => r.file && r.status !== 'failed' && r.status !== 'skipped').map((r) => r.file!);
  if (files.length && !dryRun)
    lines.push(`Check them with: dpg validate ${showControls(files.length > 3 ? path.posix.dirname(files[0]!) : files.join(' '))}`);
  lines.push('', summaryTable(summarise(records)));
  return lines.join('\n') + '\n';
}

/** `dpg import`: converts the records found in `operands`, writes (or, with --dry-run, shows) the nominations, and reports. */
export async function runImport(operands: string[], flags: ImportFlags, { io, setExitCode }: CliContext): Promise<void> {
  checkReviewDate(flags.reviewDate);
  // The build's own selection, loaded only here so that other commands start without it.
  const { selectRecords } = await import('../../publish/select.js');
  if (flags.reviewer !== undefined && !flags.reviewer.trim()) throw new UsageError('--reviewer must not be empty.');
  const { config, root } = loadConfig(io.cwd, flags.config);
  const outDir = path.resolve(io.cwd, flags.out ?? path.join(path.relative(io.cwd, root) || '.', config.registry));
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UsageError(`--out ${displayPath(outDir, io.cwd)} is not a folder.`);
  const schemaRef = path
    .relative(outDir, path.join(root, 'schemas', 'nomination.schema.json'))
    .split(path.sep)
    .join('/');
  const { sources, problems } = findRecordSources(operands, io.cwd);
  if (!sources.length && !problems.length) throw new UsageError('No former registry records (.json) found in the paths given.');

  const records: RecordReport[] = problems.map((p) => ({
    sources: [displayPath(p.file, io.cwd)],
    status: 'failed',
    reason: p.problem,
  }));
  const planned = new Set<string>();
  const logs = new Map<string, Exclusion[]>();
  /** The converted records by target file, validated together once all are converted. */
  const converted = new Map<string, string>();
  for (const source of sources) records.push(importOne(source));
  judgeAsBuildWould();

  /**
   * Validates the converted records together, as `dpg build` validates a registry (registry-wide
   * rules included), and marks those it would publish.
   */
  function judgeAsBuildWould(): void {
    const batch = [...converted].map(([file, content]) => ({ file, content }));
    if (!batch.length) return;
    // The first record with a file name is the one converted into it; later ones were skipped.
    const reports = new Map<string, RecordReport>();
    for (const r of records) if (r.file && !reports.has(r.file)) reports.set(r.file, r);
    const results = validateSources(batch, { config, now: io.now });
    const selection = selectRecords(batch, results, io.now);
    const published = new Set([...selection.dpgs, ...selection.nominees].map((r) => r.file));
    for (const result of results) {
      const report = reports.get(result.file)!;
      report.validation = {
        errors: result.errorCount,
        warnings: result.warningCount,
        rules: summariseRules(result.diagnostics),
        dueAtRenewal: summariseRules(result.diagnostics.filter((d) => d.due)),
      };
      report.published = published.has(result.file);
    }
  }

  /** The exclusion log's row about an excluded record, found by the record's name or file name. */
  function exclusionOf(
    source: RecordSource,
    nominee: unknown,
  ): NonNullable<Parameters<typeof convertDpgaRecord>[0]['exclusion']> | undefined {
    if (!source.exclusionLog) return undefined;
    let log = logs.get(source.exclusionLog);
    if (!log) {
      // The log only adds dates and reasons: one that cannot be read leaves them as reported gaps.
      const read = readRegularFile(source.exclusionLog, MAX_RECORD_BYTES);
      log = isReadProblem(read) ? [] : parseExclusionLog(read.bytes.toString('utf8'));
      logs.set(source.exclusionLog, log);
    }
    const name = (nominee as { name?: unknown } | null)?.name;
    const row = findExclusion(log, [
      typeof name === 'string' ? name : '',
      path.basename(source.nomineeFile, path.extname(source.nomineeFile)),
    ]);
    return row ? { log: displayPath(source.exclusionLog, io.cwd).split('/').slice(-2).join('/'), ...row } : undefined;
  }

  function importOne(source: RecordSource): RecordReport {
    const shown = [source.nomineeFile, source.screeningFile].filter((f): f is string => f !== undefined).map((f) => displayPath(f, io.cwd));
    let conversion: Conversion;
    try {
      const nominee = readRecord(source.nomineeFile, io.cwd);
      const exclusion = exclusionOf(source, nominee);
      conversion = convertDpgaRecord(
        {
          nomineeFile: shown[0]!,
          nominee,
          ...(source.screeningFile ? { screeningFile: shown[1]!, screening: readRecord(source.screeningFile, io.cwd) } : {}),
          excluded: source.excluded,
          ...(source.archived ? { archived: true } : {}),
          ...(exclusion ? { exclusion } : {}),
        },
        { reviewDate: flags.reviewDate, reviewer: flags.reviewer?.trim(), today: io.now.toISOString().slice(0, 10) },
      );
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      return { sources: shown, status: 'failed', reason: err.message };
    }
    const target = path.join(outDir, `${conversion.slug}.yaml`);
    const file = displayPath(target, io.cwd);
    const labels = shown.map((f) => f.split('/').slice(-2).join('/'));
    const yaml = nominationYaml(conversion, { schemaRef, sources: labels });
    const report: RecordReport = {
      sources: shown,
      file,
      status: 'would write',
      name: conversion.name,
      stage: conversion.stage,
      mapped: conversion.mapped,
      missing: conversion.missing,
      notes: conversion.notes,
    };
    if (planned.has(target)) return { ...report, status: 'skipped', reason: 'another record of this import has the same file name' };
    planned.add(target);
    converted.set(file, yaml);
    if (flags.dryRun) {
      const exists = existsSync(target);
      if (exists && !flags.force) return { ...report, status: 'skipped', reason: 'the file exists (use --force to replace it)', yaml };
      return { ...report, yaml };
    }
    try {
      mkdirSync(outDir, { recursive: true });
      const outcome = writeAtomically(target, yaml, Boolean(flags.force));
      if (outcome === 'exists') return { ...report, status: 'skipped', reason: 'the file exists (use --force to replace it)' };
      return { ...report, status: outcome };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
      return { ...report, status: 'failed', reason: `cannot write ${file} (${code})` };
    }
  }

  if (flags.format === 'json') {
    const count = (status: Status) => records.filter((r) => r.status === status).length;
    io.stdout(
      JSON.stringify(
        {
          records,
          summary: {
            records: records.length,
            written: count('written') + count('overwritten'),
            wouldWrite: count('would write'),
            skipped: count('skipped'),
            failed: count('failed'),
            ...(({ records: _records, ...rest }) => rest)(summarise(records)),
          },
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    io.stdout(textReport(records, Boolean(flags.dryRun), useColor(flags.color, io)));
  }
  setExitCode(records.some((r) => r.status === 'failed') ? 1 : 0);
}
