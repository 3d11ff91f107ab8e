/** `ok`: the address answers; `broken`: it is gone; `unverified`: the check could not be made. */
export type LinkOutcome = 'ok' | 'broken' | 'unverified';

export interface LinkCheck {
  url: string;
  outcome: LinkOutcome;
  /** Status of the last answer, when there was one. */
  status?: number;
  /** Why the link is broken or unverified, in words ("404 Not Found", "redirect loop", "refused: private address …"). */
  reason: string;
  /** True when the server answered 404 or 410 itself (not a DNS or connection failure). */
  gone?: boolean;
}

export interface PageRead extends LinkCheck {
  /** The page's visible text (markup removed, size-capped) when it answered with text. */
  text?: string;
}

export interface RepositoryCheck {
  /** `found`, `missing` (GitHub answers 404) or `unverified` (rate limit, network, …). */
  outcome: 'found' | 'missing' | 'unverified';
  reason: string;
  archived?: boolean;
  /** ISO date-time of the last push. */
  pushedAt?: string;
  /** The SPDX id GitHub detects ("NOASSERTION" when it sees a licence it cannot name); absent when none. */
  license?: string;
}
