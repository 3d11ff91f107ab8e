import { dueAtRenewal, type DueAtRenewal } from '../core/due-at-renewal.js';
import type { SourceFile } from '../lint/engine.js';
import { loadNomination } from '../load/load.js';
import { asRecord, asString } from '../core/nomination.js';
import { calendarDatesAt, formatCalendarDate, parseCalendarDate, recognitionEnd } from '../core/dates.js';
import type { FileResult } from '../core/types.js';
import { slugOf } from '../util/slug.js';

/** A record that goes onto the website and into the API. */
export interface PublishedRecord {
  slug: string;
  /** The nomination file, as shown to the user. */
  file: string;
  /** The nomination as parsed from YAML (schema-valid for DPGs). */
  data: Record<string, unknown>;
  /** Review date and end of recognition (YYYY-MM-DD), for DPGs. */
  reviewDate?: string;
  expires?: string;
  /** What a DPG assessed under an older version of the Standard owes at its next review. */
  dueAtRenewal?: DueAtRenewal[];
  /** Each indicator's outcome in the validation that let the record through. */
  indicators?: FileResult['indicators'];
}

/** A record left out of the publication, with the reason printed in the build report. */
interface Exclusion {
  file: string;
  name: string;
  stage: string;
  reason: string;
}

export interface Selection {
  dpgs: PublishedRecord[];
  nominees: PublishedRecord[];
  excluded: Exclusion[];
  /** Results of the files that stop the build: DPGs (or files of unknown stage) with validation errors. */
  blocking: FileResult[];
  /** Problems that stop the build but are not findings of one file (two files with one slug). */
  conflicts: string[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KNOWN_STAGES = new Set(['nominee', 'dpg', 'expired', 'delisted']);

function bySlug(a: PublishedRecord, b: PublishedRecord): number {
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

/**
 * Decides what is published: DPGs whose recognition is current on `now`, and nominees under review.
 * A DPG with a validation error (or a file whose stage cannot be read) blocks the build; everything
 * else that is left out gets an exclusion with its reason, so nothing disappears silently.
 */
export function selectRecords(sources: readonly SourceFile[], results: readonly FileResult[], now: Date): Selection {
  const resultByFile = new Map(results.map((r) => [r.file, r]));
  const selection: Selection = { dpgs: [], nominees: [], excluded: [], blocking: [], conflicts: [] };
  // The same judgement as the lifecycle/review-current rule, so the build excludes exactly what validate warns about.
  const earliestToday = calendarDatesAt(now).earliest;

  for (const source of sources) {
    const result = resultByFile.get(source.file);
    const data = asRecord(loadNomination(source.file, source.content).data);
    const stage = asString(data.stage);
    const name = asString(data.name) ?? slugOf(source.file);
    const errors = result?.errorCount ?? 0;
    if (!stage || !KNOWN_STAGES.has(stage)) {
      // Its stage is unknown, so it may be an approved DPG: never skip it.
      if (result && errors) selection.blocking.push(result);
      else selection.conflicts.push(`${source.file}: no valid stage, so it cannot be published or left out safely.`);
      continue;
    }
    // An answer a later version of the Standard asks is an error once the recognition has ended: that makes
    // the record expired, not broken, so only the other errors block the build.
    const ownErrors = result?.diagnostics.filter((d) => d.severity === 'error' && !d.due).length ?? errors;
    if (stage === 'dpg' && ownErrors) {
      selection.blocking.push(result!);
      continue;
    }
    if (stage === 'delisted' || stage === 'expired') {
      const delisting = asRecord(data.delisting);
      const why = asString(delisting.reason);
      const when = asString(delisting.date);
      selection.excluded.push({
        file: source.file,
        name,
        stage,
        reason: `stage ${stage}${when ? ` since ${when}` : ''}${why ? `: ${why}` : ''}`,
      });
      continue;
    }
    if (stage === 'nominee') {
      if (errors) {
        selection.excluded.push({
          file: source.file,
          name,
          stage,
          reason: `nominee with ${errors} validation error${errors === 1 ? '' : 's'} (run dpg validate ${source.file})`,
        });
      } else {
        selection.nominees.push({
          slug: slugOf(source.file),
          file: source.file,
          data,
          ...(result ? { indicators: result.indicators } : {}),
        });
      }
      continue;
    }
    // stage dpg without errors: the schema guarantees a review date written YYYY-MM-DD.
    const reviewDate = asString(asRecord(data.review).date) ?? '';
    const reviewed = parseCalendarDate(reviewDate);
    if (!reviewed) {
      selection.conflicts.push(
        `${source.file}: review date ${JSON.stringify(reviewDate)} is not a calendar date, so its recognition cannot be judged.`,
      );
      continue;
    }
    const expires = formatCalendarDate(recognitionEnd(reviewed));
    const owed = result ? dueAtRenewal(result) : [];
    if (recognitionEnd(reviewed).getTime() <= earliestToday.getTime()) {
      const answers = owed.length
        ? `; it owes ${owed.length} answer${owed.length === 1 ? '' : 's'} that Standard ${[...new Set(owed.map((d) => d.since))].join(', ')} asks for`
        : '';
      selection.excluded.push({
        file: source.file,
        name,
        stage,
        reason: `recognition expired on ${expires} (reviewed ${reviewDate})${answers}; renew it with a new review, or set stage: expired`,
      });
      continue;
    }
    if (errors) {
      selection.blocking.push(result!);
      continue;
    }
    selection.dpgs.push({
      slug: slugOf(source.file),
      file: source.file,
      data,
      reviewDate,
      expires,
      dueAtRenewal: owed,
      ...(result ? { indicators: result.indicators } : {}),
    });
  }

  const seen = new Map<string, string>();
  for (const record of [...selection.dpgs, ...selection.nominees]) {
    if (!SLUG.test(record.slug))
      selection.conflicts.push(
        `${record.file}: the file name "${record.slug}" is not a slug (lowercase letters, digits and dashes), so it cannot be a page address.`,
      );
    const other = seen.get(record.slug);
    if (other) selection.conflicts.push(`${record.file}: has the same slug "${record.slug}" as ${other}; published pages would collide.`);
    seen.set(record.slug, record.file);
  }
  selection.dpgs.sort(bySlug);
  selection.nominees.sort(bySlug);
  selection.excluded.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return selection;
}
