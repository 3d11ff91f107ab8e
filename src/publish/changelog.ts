import { createHash } from 'node:crypto';
import { loadNomination } from '../load/load.js';
import { asRecord, asString } from '../core/nomination.js';
import { GitError, gitText, readObjects } from '../runner/git/run.js';
import { isListedNomination } from '../runner/files.js';
import { slugOf } from '../util/slug.js';
import { showControlsInLines } from '../util/visible-text.js';
import { escapeHtml as esc } from './html.js';
import { FEED_PATH, layout, SITE_NAME, type SiteContext } from './pages.js';

/**
 * The registry's changelog, read from git history: what each commit on the main line did to the
 * nominations (added, approved, updated, expired, delisted, removed), dated by the commit. Dates come
 * only from git, so a rebuild of the same commit gives the same pages and feed.
 */

type ChangeKind = 'added' | 'approved' | 'updated' | 'expired' | 'delisted' | 'removed';

export interface RegistryChange {
  kind: ChangeKind;
  slug: string;
  name: string;
  /** The stage after the change (before it, for a removal). */
  stage?: string;
  /** delisting.reason, for delistings and expiries. */
  reason?: string;
}

interface ChangelogCommit {
  sha: string;
  /** Commit date, ISO 8601 in UTC without milliseconds. */
  date: string;
  changes: RegistryChange[];
}

export type Changelog =
  /** `registryPrefix`: the registry folder's path in the repository, ending in "/" (empty at its root). */
  | { available: true; head: string; root: string; shallow: boolean; commits: ChangelogCommit[]; registryPrefix?: string }
  | { available: false; reason: string };

type Snapshot = Record<string, unknown> | undefined;

function parse(file: string, text: string | undefined): Snapshot {
  if (text === undefined) return undefined;
  return asRecord(loadNomination(file, text).data);
}

/** What one file change means for the registry, from the file before and after it. */
export function classifyChange(file: string, before: Snapshot, after: Snapshot): RegistryChange {
  const slug = slugOf(file);
  const current = after ?? before ?? {};
  const name = asString(current.name) ?? slug;
  const stage = asString(current.stage);
  const base = { slug, name, ...(stage ? { stage } : {}) };
  if (!after) return { kind: 'removed', ...base };
  const reason = asString(asRecord(after.delisting).reason);
  const from = before ? asString(before.stage) : undefined;
  if (!before) return { kind: 'added', ...base };
  if (stage !== from && (stage === 'delisted' || stage === 'expired')) return { kind: stage, ...base, ...(reason ? { reason } : {}) };
  if (stage !== from && stage === 'dpg') return { kind: 'approved', ...base };
  return { kind: 'updated', ...base };
}

function parseLog(
  output: string,
): Array<{ sha: string; date: string; parent?: string; files: Array<{ status: string; path: string; from?: string }> }> {
  const commits = [];
  for (const chunk of output.split('\x1e').slice(1)) {
    const tokens = chunk.split('\0');
    const [sha, date, parents] = tokens[0]!.split('\x1f');
    const files: Array<{ status: string; path: string; from?: string }> = [];
    for (let i = 1; i < tokens.length; i++) {
      const status = tokens[i]!.replace(/^\n/, '');
      if (!status) continue;
      if (/^[RC]/.test(status)) {
        files.push({ status: status[0]!, from: tokens[i + 1]!, path: tokens[i + 2]! });
        i += 2;
      } else {
        files.push({ status: status[0]!, path: tokens[i + 1]! });
        i += 1;
      }
    }
    commits.push({ sha: sha!, date: date!, parent: parents?.split(' ')[0] || undefined, files });
  }
  return commits;
}

function utcIso(date: string): string {
  return new Date(date).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * Reads the history of the registry folder along the first-parent line of HEAD (what landed on the
 * branch, merges included as one change). Never throws: outside a git repository, or without git,
 * the changelog is unavailable with the reason.
 */
export async function readChangelog(registryDir: string): Promise<Changelog> {
  const git = (args: string[]): Promise<string> => gitText(args, { cwd: registryDir });
  let prefix: string;
  try {
    const [inside, folder] = (await git(['rev-parse', '--is-inside-work-tree', '--show-prefix'])).split('\n');
    if (inside !== 'true') return { available: false, reason: 'the registry is not in a git work tree' };
    prefix = folder ?? '';
  } catch (err) {
    const detail =
      err instanceof GitError ? err.stderr.trim().split('\n')[0] : err instanceof Error ? err.message.split('\n')[0] : String(err);
    return {
      available: false,
      reason: /not a git repository/i.test(detail ?? '') ? 'not a git repository' : `git is not usable here (${detail})`,
    };
  }
  try {
    const head = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).catch(() => '');
    if (!head) return { available: false, reason: 'the repository has no commits yet' };
    const [roots, shallow, log] = await Promise.all([
      git(['rev-list', '--max-parents=0', 'HEAD']),
      git(['rev-parse', '--is-shallow-repository']),
      git([
        '-c',
        'core.quotePath=false',
        'log',
        '-z',
        '--first-parent',
        '--diff-merges=first-parent',
        '-M',
        '--name-status',
        '--relative',
        '--format=%x1e%H%x1f%cI%x1f%P',
        'HEAD',
        '--',
        '.',
      ]),
    ]);
    const entries = parseLog(log).map((entry) => ({ ...entry, files: entry.files.filter((f) => isListedNomination(f.path)) }));
    // Every version the changelog compares, read by one git process: before (at the first parent) and after.
    const names: string[] = [];
    const versionAt = (rev: string | undefined, file: string): number => (rev ? names.push(`${rev}:${prefix}${file}`) - 1 : -1);
    const wanted = entries.map((entry) =>
      entry.files.map((file) => ({
        before: file.status === 'A' ? -1 : versionAt(entry.parent, file.from ?? file.path),
        after: file.status === 'D' ? -1 : versionAt(entry.sha, file.path),
      })),
    );
    const contents = await readObjects(names, registryDir);
    const text = (at: number): string | undefined => (at < 0 ? undefined : contents[at]?.toString('utf8'));
    const commits: ChangelogCommit[] = [];
    entries.forEach((entry, index) => {
      const changes = entry.files.map((file, at) => {
        const { before, after } = wanted[index]![at]!;
        return classifyChange(
          file.path,
          file.status === 'A' ? undefined : (parse(file.from ?? file.path, text(before)) ?? {}),
          parse(file.path, text(after)),
        );
      });
      if (changes.length)
        commits.push({
          sha: entry.sha,
          date: utcIso(entry.date),
          changes: changes.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)),
        });
    });
    return { available: true, head, root: roots.split('\n').sort()[0]!, shallow: shallow === 'true', commits, registryPrefix: prefix };
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { available: false, reason: `git history could not be read (${detail})` };
  }
}

const VERBS: Record<ChangeKind, string> = {
  added: 'Added',
  approved: 'Approved',
  updated: 'Updated',
  expired: 'Expired',
  delisted: 'Delisted',
  removed: 'Removed',
};

/** One change in words, as plain text (escaped by the caller). */
function describeChange(change: RegistryChange): string {
  switch (change.kind) {
    case 'added':
      return `Added ${change.name}${change.stage === 'dpg' ? ' as a digital public good' : change.stage ? ` (${change.stage})` : ''}`;
    case 'approved':
      return `Approved ${change.name} as a digital public good`;
    case 'delisted':
      return `Delisted ${change.name}${change.reason ? `: ${change.reason}` : ''}`;
    case 'expired':
      return `${change.name} expired${change.reason ? `: ${change.reason}` : ''}`;
    default:
      return `${VERBS[change.kind]} ${change.name}`;
  }
}

function commitTitle(commit: ChangelogCommit): string {
  const shown = commit.changes.slice(0, 3).map((c) => describeChange(c).split('\n')[0]!);
  const more = commit.changes.length - shown.length;
  return shown.join('; ') + (more ? `; and ${more} more change${more === 1 ? '' : 's'}` : '');
}

function anchor(commit: ChangelogCommit): string {
  return `commit-${commit.sha.slice(0, 12)}`;
}

/** The HTML of one change; the name links to its page when the record is published. */
function changeHtml(change: RegistryChange, pages: ReadonlyMap<string, string>, root: string): string {
  const page = pages.get(change.slug);
  const name = page ? `<a href="${root}${page}">${esc(change.name)}</a>` : esc(change.name);
  // The description is built around a placeholder for the name; its other parts are escaped as text.
  const text = describeChange({ ...change, name: '\u0000' });
  const at = text.indexOf('\u0000');
  return esc(text.slice(0, at)) + name + esc(text.slice(at + 1));
}

export function renderChangelogPage(changelog: Changelog, pages: ReadonlyMap<string, string>, context: SiteContext): string {
  let content: string;
  if (!changelog.available) {
    content = `<p>The changelog is unavailable: ${esc(changelog.reason)}. It is built from the git history of the registry.</p>`;
  } else if (!changelog.commits.length) {
    content = '<p>No change to the registry is recorded in its history yet.</p>';
  } else {
    content =
      (changelog.shallow ? '<p>Only part of the history was available when this site was built; older changes are not listed.</p>\n' : '') +
      `<ul class="changes">\n${changelog.commits
        .map(
          (commit) => `<li id="${anchor(commit)}"><h2><time datetime="${commit.date}">${commit.date.slice(0, 10)}</time></h2>
<ul>${commit.changes.map((c) => `<li>${changeHtml(c, pages, '../')}</li>`).join('')}</ul>
<p>Commit <code>${commit.sha.slice(0, 12)}</code></p></li>`,
        )
        .join('\n')}\n</ul>`;
  }
  const body = `<h1>Changes to the registry</h1>
<p class="lead">Additions, approvals, updates, expiries and delistings, newest first, dated by their commit.${context.feed ? ` Follow them in the <a href="../${FEED_PATH}">Atom feed</a>.` : ''}</p>
${content}`;
  return layout({ title: `Changes — ${SITE_NAME}`, depth: 1, section: 'changelog', sectionIndex: true, body, ...context });
}

function xml(value: string): string {
  return (
    showControlsInLines(value)
      .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
      // Characters XML 1.0 forbids, which a commit could still carry.
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  );
}

/** A name-based (version 5) UUID, so ids are stable across builds without storing anything. */
export function uuidV5(name: string): string {
  const namespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex'); // the URL namespace of RFC 4122
  const hash = createHash('sha1').update(namespace).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The Atom feed (RFC 4287): one entry per commit. Links are absolute when the site's public URL is
 * known, else relative to the feed (resolved against its own address).
 */
export function renderAtomFeed(
  changelog: Extract<Changelog, { available: true }>,
  pages: ReadonlyMap<string, string>,
  siteUrl?: string,
): string {
  const base = siteUrl ?? '';
  const updated =
    changelog.commits
      .map((c) => c.date)
      .sort()
      .at(-1) ?? '1970-01-01T00:00:00Z';
  const feedId = siteUrl ? `${siteUrl}${FEED_PATH}` : uuidV5(`dpg-registry-changelog:${changelog.root}`);
  const entries = changelog.commits.map((commit) => {
    const html = `<ul>${commit.changes.map((c) => `<li>${changeHtml(c, pages, base)}</li>`).join('')}</ul>`;
    return `  <entry>
    <id>${uuidV5(`dpg-registry-commit:${commit.sha}`)}</id>
    <title>${xml(commitTitle(commit))}</title>
    <updated>${commit.date}</updated>
    <link rel="alternate" type="text/html" href="${xml(`${base}changelog/index.html#${anchor(commit)}`)}"/>
    <content type="html">${xml(html)}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(feedId)}</id>
  <title>${xml(SITE_NAME)}: changes</title>
  <updated>${updated}</updated>
  <author><name>${xml(SITE_NAME)}</name></author>
  <link rel="alternate" type="text/html" href="${xml(`${base}changelog/index.html`)}"/>
${siteUrl ? `  <link rel="self" type="application/atom+xml" href="${xml(`${siteUrl}${FEED_PATH}`)}"/>\n` : ''}${entries.join('\n')}${entries.length ? '\n' : ''}</feed>
`;
}
