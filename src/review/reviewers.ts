import { ruleSetting, type Config } from '../config/config.js';
import { loadNomination } from '../load/load.js';
import { asArray, asRecord, asString } from '../core/nomination.js';
import { rule as personalContact } from '../rules/privacy/personal-contact.js';
import { rule as reviewersSchemaRule } from '../rules/review/reviewers-schema.js';
import type { Diagnostic, FileResult } from '../core/types.js';
import { fileRuleDiagnostics, finishRecordFile } from './records.js';
import { schemaDiagnostics } from './schema.js';

/** A GitHub user (`login`) or an organisation team (`org/slug`), as written in reviewers.yaml. */
export type Principal = { kind: 'user'; login: string } | { kind: 'team'; org: string; slug: string };

interface ReviewerGroup {
  name: string;
  members: Principal[];
  match: { sectors: string[]; sdgs: number[]; categories: string[] };
}

export interface Reviewers {
  maintainers: Principal[];
  groups: ReviewerGroup[];
  defaultGroup?: Omit<ReviewerGroup, 'match'>;
}

/** `@org/team` is a team; `login` or `@login` a user; anything else is not a principal. */
export function parsePrincipal(text: string): Principal | undefined {
  const team = /^@([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9_.-]{1,100})$/.exec(text);
  if (team) return { kind: 'team', org: team[1]!, slug: team[2]! };
  const user = /^@?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})$/.exec(text);
  return user ? { kind: 'user', login: user[1]! } : undefined;
}

export function principalName(p: Principal): string {
  return p.kind === 'team' ? `@${p.org}/${p.slug}` : `@${p.login}`;
}

function principals(value: unknown): Principal[] {
  return asArray(value)
    .map((v) => parsePrincipal(asString(v) ?? ''))
    .filter((p): p is Principal => p !== undefined);
}

/** The reviewers from parsed (and schema-checked) data; entries that do not parse are left out. */
function reviewersFromData(data: unknown): Reviewers {
  const root = asRecord(data);
  const groups = asArray(root.groups)
    .map(asRecord)
    .map((g): ReviewerGroup => {
      const match = asRecord(g.match);
      return {
        name: asString(g.name) ?? '',
        members: principals(g.members),
        match: {
          sectors: asArray(match.sectors)
            .map((s) => asString(s))
            .filter((s): s is string => s !== undefined),
          sdgs: asArray(match.sdgs).filter((n): n is number => typeof n === 'number'),
          categories: asArray(match.categories)
            .map((s) => asString(s))
            .filter((s): s is string => s !== undefined),
        },
      };
    });
  const fallback = asRecord(root.defaultGroup);
  return {
    maintainers: principals(root.maintainers),
    groups,
    ...(root.defaultGroup !== undefined
      ? { defaultGroup: { name: asString(fallback.name) ?? 'Default', members: principals(fallback.members) } }
      : {}),
  };
}

export interface LoadedReviewers {
  result: FileResult;
  /** Undefined when the file cannot be used (it does not parse or does not match the schema). */
  reviewers?: Reviewers;
}

/** Reads and checks reviewers.yaml (`file` as shown in messages). */
export function loadReviewers(file: string, content: Uint8Array | string, config: Config): LoadedReviewers {
  const loaded = loadNomination(file, content);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  let usable = false;
  if (loaded.data !== undefined) {
    const schema =
      ruleSetting(reviewersSchemaRule, config).severity === 'off'
        ? []
        : schemaDiagnostics(loaded, 'reviewers', reviewersSchemaRule, 'reviewers.yaml');
    diagnostics.push(...schema, ...fileRuleDiagnostics(loaded, [personalContact], config));
    usable = schema.length === 0;
  }
  return {
    result: finishRecordFile(file, diagnostics, config, loaded.data !== undefined),
    ...(usable ? { reviewers: reviewersFromData(loaded.data) } : {}),
  };
}

export interface MatchedGroup {
  name: string;
  members: Principal[];
  /** Why the group matched, e.g. `sector Health`, `SDG 3`; empty for the default group. */
  because: string[];
}

/** The groups that review a nomination: every group with a matching sector, SDG or category, else the default group. */
export function matchGroups(nomination: unknown, reviewers: Reviewers): MatchedGroup[] {
  const data = asRecord(nomination);
  const sectors = new Set(asArray(data.sectors).map((s) => (asString(s) ?? '').trim().toLowerCase()));
  const goals = new Set(asArray(data.sdgs).map((s) => asRecord(s).goal));
  const categories = new Set(asArray(data.categories).map((c) => asString(c)));
  const matched: MatchedGroup[] = [];
  for (const group of reviewers.groups) {
    const because = [
      ...group.match.sectors.filter((s) => sectors.has(s.trim().toLowerCase())).map((s) => `sector ${s}`),
      ...group.match.sdgs.filter((g) => goals.has(g)).map((g) => `SDG ${g}`),
      ...group.match.categories.filter((c) => categories.has(c)).map((c) => `category ${c}`),
    ];
    if (because.length) matched.push({ name: group.name, members: group.members, because });
  }
  if (!matched.length && reviewers.defaultGroup) matched.push({ ...reviewers.defaultGroup, because: [] });
  return matched;
}

function allGroups(reviewers: Reviewers): Array<Omit<ReviewerGroup, 'match'>> {
  return [...reviewers.groups, ...(reviewers.defaultGroup ? [reviewers.defaultGroup] : [])];
}

/** True when `login` is listed by name as a member of a reviewer group or as a maintainer. */
export function listedReviewerByName(login: string, reviewers: Reviewers): boolean {
  const same = (p: Principal) => p.kind === 'user' && p.login.toLowerCase() === login.toLowerCase();
  return reviewers.maintainers.some(same) || allGroups(reviewers).some((g) => g.members.some(same));
}

/** Every team reviewers.yaml lists, as a group member or as maintainers, once each. */
export function listedTeams(reviewers: Reviewers): Array<Extract<Principal, { kind: 'team' }>> {
  const teams = new Map<string, Extract<Principal, { kind: 'team' }>>();
  for (const p of [...reviewers.maintainers, ...allGroups(reviewers).flatMap((g) => g.members)]) {
    if (p.kind === 'team') teams.set(principalName(p).toLowerCase(), p);
  }
  return [...teams.values()];
}
