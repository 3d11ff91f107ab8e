import type { ChangeNote, SourceLinks } from '../../formatters/types.js';
import type { NominationStatus } from '../../review/status.js';

/** What the pull-request comment needs besides the results. */
export interface CommentContext extends SourceLinks {
  /** Where the complete report is when the comment has to be shortened (the job summary). */
  summaryUrl?: string;
  notes?: readonly ChangeNote[];
  /** Longest body to produce; COMMENT_BUDGET by default. */
  maxLength?: number;
  /** Reviewers requested, human review status and decisions of the changed nominations (`dpg comment`). */
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
