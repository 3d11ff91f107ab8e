import { ruleSetting, type Config } from '../config/config.js';
import { crashDiagnostic } from '../lint/analyse.js';
import { finishFile } from '../lint/finish.js';
import { loadNomination, type LoadedFile } from '../load/load.js';
import { joinPointer } from '../core/pointer.js';
import { asRecord, asString, type MaybeNomination } from '../core/nomination.js';
import { rule as personalContact } from '../rules/privacy/personal-contact.js';
import { rule as commentRequired } from '../rules/review/comment-required.js';
import { rule as missingNomination } from '../rules/review/missing-nomination.js';
import { rule as reviewerMismatch } from '../rules/review/reviewer-mismatch.js';
import { rule as schemaRule } from '../rules/review/schema.js';
import { rule as unknownIndicator } from '../rules/review/unknown-indicator.js';
import { problemDiagnostic, type CoreRule, type FileRule, type ReportDescriptor } from '../rules/types.js';
import { INDICATOR_IDS, type Diagnostic, type FileResult, type IndicatorId } from '../core/types.js';
import { didYouMean } from '../util/suggest.js';
import { schemaDiagnostics } from './schema.js';

const VERDICTS = ['meets', 'does-not-meet', 'needs-information'] as const;
export type HumanVerdict = (typeof VERDICTS)[number];

export interface IndicatorVerdict {
  verdict: HumanVerdict;
  comment?: string;
}

/** One reviewer's review of one nomination, as read from reviews/<slug>/<reviewer>.yaml. */
export interface ReviewRecord {
  file: string;
  slug: string;
  reviewer: string;
  date: string;
  conflictsOfInterest: string[];
  verdicts: Partial<Record<IndicatorId, IndicatorVerdict>>;
  /** False when the file has errors: it is shown but never counted. */
  valid: boolean;
}

export interface ReviewSource {
  /** The path shown in messages. */
  file: string;
  content: Uint8Array | string;
  /** The path relative to the reviews folder, with forward slashes: `<slug>/<reviewer>.yaml`. */
  relative: string;
}

export interface ReviewValidation {
  results: FileResult[];
  records: ReviewRecord[];
}

function diagnostic(loaded: LoadedFile, rule: CoreRule | FileRule, descriptor: ReportDescriptor): Diagnostic {
  const location = { path: descriptor.path, ...loaded.locate(descriptor.path, descriptor.at ?? 'value') };
  return problemDiagnostic(rule, descriptor.messageId, descriptor.data, location, { indicator: rule.indicator });
}

/**
 * Runs file rules that apply to any document (e.g. privacy/personal-contact) on a file that is not a
 * nomination. A rule that crashes is reported as internal/rule-error, as on nominations.
 */
export function fileRuleDiagnostics(loaded: LoadedFile, rules: readonly FileRule[], config: Config, now = new Date(0)): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    const setting = ruleSetting(rule, config);
    if (setting.severity === 'off') continue;
    const reported: Diagnostic[] = [];
    try {
      rule.check({
        file: loaded.file,
        data: asRecord(loaded.data) as MaybeNomination,
        options: setting.options,
        now,
        ruleIds: [],
        report: (descriptor) => reported.push(diagnostic(loaded, rule, descriptor)),
      });
      out.push(...reported);
    } catch (err) {
      out.push(crashDiagnostic(rule, err));
    }
  }
  return out;
}

/** The result of a review record or reviewers.yaml through the finish stage: no waivers apply, and it has no review notes. */
export function finishRecordFile(file: string, diagnostics: readonly Diagnostic[], config: Config, readable: boolean): FileResult {
  return finishFile(file, diagnostics, { config, readable, reviewNotes: false });
}

function isIndicator(key: string): key is IndicatorId {
  return (INDICATOR_IDS as readonly string[]).includes(key);
}

function isVerdict(value: unknown): value is HumanVerdict {
  return (VERDICTS as readonly unknown[]).includes(value);
}

/** `<slug>/<reviewer>.yaml` → its parts; a file elsewhere in the folder has no slug. */
function reviewLocation(relative: string): { slug?: string; name: string } {
  const segments = relative.split('/');
  const name = segments.at(-1)!.replace(/\.ya?ml$/i, '');
  return segments.length === 2 ? { slug: segments[0]!, name } : { name };
}

/**
 * Validates review records like nominations — load with positions, schema, rules — and reads them.
 * `nominations` holds the slugs of the registry's nominations (file names without extension).
 */
export function validateReviewSources(
  sources: readonly ReviewSource[],
  options: { nominations: ReadonlySet<string>; config: Config; now: Date },
): ReviewValidation {
  const { config } = options;
  const results: FileResult[] = [];
  const records: ReviewRecord[] = [];
  const enabled = (rule: CoreRule) => ruleSetting(rule, config).severity !== 'off';
  for (const source of sources) {
    const loaded = loadNomination(source.file, source.content);
    const found: Diagnostic[] = [...loaded.diagnostics];
    const { slug, name } = reviewLocation(source.relative);
    const data = asRecord(loaded.data);
    if (loaded.data !== undefined) {
      if (enabled(schemaRule)) found.push(...schemaDiagnostics(loaded, 'review', schemaRule, 'the review'));
      const report = (rule: CoreRule, descriptor: ReportDescriptor) => {
        if (enabled(rule)) found.push(diagnostic(loaded, rule, descriptor));
      };
      if (!slug) report(missingNomination, { path: '', at: 'key', messageId: 'notInFolder' });
      else if (!options.nominations.has(slug)) {
        report(missingNomination, {
          path: '',
          at: 'key',
          messageId: 'missing',
          data: { slug, suggestion: didYouMean(slug, [...options.nominations]) },
        });
      }
      const reviewer = asString(data.reviewer);
      if (reviewer !== undefined && reviewer.toLowerCase() !== name.toLowerCase()) {
        report(reviewerMismatch, { path: '/reviewer', messageId: 'mismatch', data: { fileName: name, reviewer } });
      }
      for (const [key, value] of Object.entries(asRecord(data.indicators))) {
        const at = joinPointer('/indicators', key);
        if (!isIndicator(key)) {
          report(unknownIndicator, {
            path: at,
            at: 'key',
            messageId: 'unknown',
            data: { indicator: key, suggestion: didYouMean(key, [...INDICATOR_IDS]) },
          });
          continue;
        }
        const entry = asRecord(value);
        const comment = asString(entry.comment)?.trim();
        if ((entry.verdict === 'does-not-meet' || entry.verdict === 'needs-information') && !comment) {
          report(commentRequired, { path: at, at: 'key', messageId: 'missing', data: { indicator: key, verdict: entry.verdict } });
        }
      }
      found.push(...fileRuleDiagnostics(loaded, [personalContact], config, options.now));
    }
    const result = finishRecordFile(source.file, found, config, loaded.data !== undefined);
    const { diagnostics } = result;
    results.push(result);
    if (loaded.data === undefined || !slug) continue;
    const verdicts: Partial<Record<IndicatorId, IndicatorVerdict>> = {};
    for (const [key, value] of Object.entries(asRecord(data.indicators))) {
      const entry = asRecord(value);
      if (isIndicator(key) && isVerdict(entry.verdict))
        verdicts[key] = { verdict: entry.verdict, ...(asString(entry.comment) ? { comment: asString(entry.comment) } : {}) };
    }
    records.push({
      file: source.file,
      slug,
      reviewer: asString(data.reviewer) ?? name,
      date: asString(data.date) ?? '',
      conflictsOfInterest: (Array.isArray(data.conflictsOfInterest) ? data.conflictsOfInterest : [])
        .map((c) => asString(asRecord(c).description) ?? '')
        .filter(Boolean),
      verdicts,
      valid: !diagnostics.some((d) => d.severity === 'error'),
    });
  }
  return { results, records };
}
