import type { NominationStatus } from '../review/status.js';
import type { FileResult, Severity } from '../core/types.js';

export interface RuleDocsInfo {
  id: string;
  description: string;
  defaultSeverity: string;
  indicator: string | null;
}

export interface FormatterOptions {
  /** Use ANSI colours (terminal formatter only). */
  color: boolean;
  /** Base URL of the rule docs; a rule's page is `<docsBaseUrl><id>.md`. */
  docsBaseUrl: string;
  /** Metadata of every rule, for formats that describe the rules they mention (SARIF). */
  rules: readonly RuleDocsInfo[];
  /** The tool version, for formats that record it. */
  version: string;
  /** Show errors only. */
  quiet?: boolean;
  /** Pull-request context of the review comment (Markdown formatter only). */
  review?: ReviewContext;
}

/** A change the pull request makes besides the validated nominations (a deletion, a file outside the registry). */
export interface ChangeNote {
  file: string;
  severity: Severity;
  message: string;
}

export interface ReviewContext {
  /** The commit the results describe. */
  commitSha?: string;
  /** Web URL of the repository (`https://github.com/owner/name`), for links to lines at `commitSha`. */
  repositoryUrl?: string;
  /** Where the complete report is when the comment has to be truncated (the job summary). */
  summaryUrl?: string;
  notes?: readonly ChangeNote[];
  /** Longest body to produce; GitHub's comment limit (65,536) by default. */
  maxLength?: number;
  /** Reviewers requested, review status and decisions of the changed nominations (`dpg comment`). */
  humanReview?: HumanReviewSection;
}

export interface HumanReviewSection {
  /** Communities of Practice asked to review, with why they match and their members (`@user`, `@org/team`). */
  requested: Array<{ group: string; because: string[]; members: string[] }>;
  statuses: NominationStatus[];
  decisions: Array<{ file: string; change: string; accepted: boolean; reason: string }>;
  /** Other facts for reviewers, e.g. a review record in the pull request that does not count. */
  notes: string[];
  /** Everyone requested so far (`@login`, `@org/team`), remembered in a hidden marker so nobody is asked twice. */
  everRequested: string[];
}

export type Formatter = (results: readonly FileResult[], options: FormatterOptions) => string;
