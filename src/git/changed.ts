import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { UsageError } from '../config.js';
import { NOMINATION_EXTENSIONS } from '../registry/files.js';

export interface ChangedNominationsOptions {
  /** A directory inside the repository. */
  cwd: string;
  /** The branch the changes will merge into; default `origin/main` when it exists, else `main`. */
  base?: string;
  /** The registry folder (absolute, or relative to `cwd`). */
  registryDir: string;
  /** Globs, relative to the repository root, of files that may change besides nominations. */
  allowedPaths?: readonly string[];
  /** Also list the git blob id of every file of the registry folder at the merge-base (see `registryBlobIds`). */
  blobIds?: boolean;
}

export interface RenamedNomination {
  path: string;
  from: string;
}

export interface DeletedNomination {
  path: string;
  /** The file as it was at the merge-base. */
  content: string;
}

/** Paths are relative to the repository root, with forward slashes. */
export interface ChangedNominations {
  /** Absolute path of the repository's top-level folder. */
  root: string;
  /** The base ref the changes were compared with, e.g. `origin/main`. */
  base: string;
  /** Commit id of the merge-base of the base ref and HEAD. */
  mergeBase: string;
  added: string[];
  modified: string[];
  renamed: RenamedNomination[];
  deleted: DeletedNomination[];
  /**
   * The merge-base version of every modified or renamed nomination, keyed by its path now: what the
   * change is compared with to find decisions (a new stage or review date).
   */
  previous: Record<string, string>;
  /** Changed files that are not nominations and not matched by `allowedPaths`. */
  outside: string[];
  /**
   * With `blobIds`: path below the registry folder (forward slashes) → git blob id at the merge-base, for
   * every file there: the content hashes of the files a change leaves untouched, known without reading them.
   */
  registryBlobIds?: Map<string, string>;
}

const require = createRequire(import.meta.url);

const DEFAULT_BASES = ['origin/main', 'main'];

const FETCH_HINT =
  'Fetch the full history and the base branch: in GitHub Actions use actions/checkout with `fetch-depth: 0`; ' +
  'locally run `git fetch --unshallow` (or `git fetch origin <branch>`).';

async function resolveCommit(git: SimpleGit, ref: string): Promise<string | undefined> {
  // simple-git only rejects when git also writes to stderr; --quiet keeps "not found" to an empty answer.
  const sha = (await git.raw(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim();
  return sha || undefined;
}

async function resolveBase(git: SimpleGit, requested: string | undefined): Promise<{ base: string; sha: string }> {
  if (requested !== undefined) {
    if (!requested || requested.startsWith('-')) throw new UsageError(`--base must name a branch or commit, not "${requested}".`);
    const sha = await resolveCommit(git, requested);
    if (!sha) {
      throw new UsageError(`The base ref "${requested}" does not exist in this clone, so the changed nominations cannot be found. ${FETCH_HINT}`);
    }
    return { base: requested, sha };
  }
  const found = await Promise.all(DEFAULT_BASES.map((candidate) => resolveCommit(git, candidate)));
  for (const [index, sha] of found.entries()) if (sha) return { base: DEFAULT_BASES[index]!, sha };
  throw new UsageError(`Neither origin/main nor main exists in this clone; pass --base <ref> with the branch the changes will merge into. ${FETCH_HINT}`);
}

/**
 * Path below `prefix` (a folder relative to the repository root, with a trailing slash, or "" for the
 * root) → git blob id, from the output of `git ls-tree -r -z --full-tree <commit> -- <folder>`.
 */
function blobIdsFromLsTree(output: string, prefix: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const record of output.split('\0')) {
    // "<mode> blob <id>\t<path>"
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [, type, id] = record.slice(0, tab).split(' ');
    const file = record.slice(tab + 1);
    if (type === 'blob' && id && file.startsWith(prefix)) ids.set(file.slice(prefix.length), id);
  }
  return ids;
}

function splitNul(output: string): string[] {
  const tokens = output.split('\0');
  if (tokens[tokens.length - 1] === '') tokens.pop();
  return tokens;
}

/**
 * The nominations a branch changes: everything that differs between the merge-base of `base` and HEAD
 * and the working tree (committed, staged and unstaged changes, and untracked files that are not
 * ignored). On a clean checkout, as in CI, that is exactly what the branch's commits change. Comparing
 * with the merge-base, not the base's tip, keeps changes made on the base after branching out.
 */
export async function findChangedNominations(options: ChangedNominationsOptions): Promise<ChangedNominations> {
  const cwd = realpathSync(options.cwd);
  if (options.base !== undefined && (!options.base || options.base.startsWith('-'))) {
    throw new UsageError(`--base must name a branch or commit, not "${options.base}".`);
  }
  const probe = simpleGit({ baseDir: cwd });
  // Each git command costs a process start: those that do not depend on each other run side by side, the
  // merge-base with each candidate base too (the base is then picked from what exists).
  const candidates = options.base !== undefined ? [options.base] : DEFAULT_BASES;
  const [top, head, resolved, ...mergeBases] = await Promise.all([
    probe.raw(['rev-parse', '--show-toplevel']).catch(() => ''),
    resolveCommit(probe, 'HEAD').catch(() => undefined),
    resolveBase(probe, options.base).then((r) => r, (err: unknown) => err),
    ...candidates.map((candidate) => probe.raw(['merge-base', `${candidate}^{commit}`, 'HEAD']).catch(() => '')),
  ]);
  const root = top.replace(/\r?\n$/, '');
  if (!root) throw new UsageError(`${options.cwd} is not inside a git repository; --changed compares the working tree with a base branch.`);
  const git = simpleGit({ baseDir: root });

  // The registry folder may not exist yet, so it is placed relative to the real cwd rather than resolved itself.
  const registryFromCwd = path.relative(options.cwd, path.resolve(options.cwd, options.registryDir));
  const registry = path.relative(root, path.resolve(cwd, registryFromCwd));
  if (registry.startsWith('..') || path.isAbsolute(registry)) {
    throw new UsageError(`The registry folder ${options.registryDir} is outside the git repository at ${root}.`);
  }
  const registryPrefix = registry ? registry.split(path.sep).join('/') + '/' : '';
  const isNomination = (file: string): boolean => file.startsWith(registryPrefix) && NOMINATION_EXTENSIONS.test(file);
  // picomatch is loaded only when there are patterns to match.
  const allowed = options.allowedPaths?.length ? (require('picomatch') as typeof import('picomatch'))([...options.allowedPaths], { dot: true }) : () => false;

  if (!head) throw new UsageError('This repository has no commits yet; commit the nominations first.');
  if (resolved instanceof Error) throw resolved;
  const { base } = resolved as { base: string; sha: string };
  const mergeBase = String(mergeBases[candidates.indexOf(base)] ?? '').trim();
  if (!mergeBase) {
    const shallow = (await git.raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
    throw new UsageError(shallow
      ? `HEAD and ${base} share no commit in this shallow clone, so the changed nominations cannot be found. ${FETCH_HINT}`
      : `HEAD and ${base} have no common history; pass --base <ref> with the branch this one was made from. ${FETCH_HINT}`);
  }

  const changes: ChangedNominations = { root, base, mergeBase, added: [], modified: [], renamed: [], deleted: [], previous: {}, outside: [] };
  const outside = new Set<string>();
  const noteOutside = (file: string): void => { if (!allowed(file)) outside.add(file); };
  const deleted: string[] = [];

  // -z: paths come raw (no quoting), so spaces, quotes, unicode and newlines survive.
  const [diff, untracked, tree] = await Promise.all([
    git.raw(['diff', '--name-status', '-z', '-M', '--no-ext-diff', mergeBase]),
    git.raw(['ls-files', '-z', '--others', '--exclude-standard']),
    options.blobIds ? git.raw(['ls-tree', '-r', '-z', '--full-tree', mergeBase, '--', registry ? registryPrefix.slice(0, -1) : '.']) : undefined,
  ]);
  if (tree !== undefined) changes.registryBlobIds = blobIdsFromLsTree(tree, registryPrefix);
  const tokens = splitNul(diff);
  for (let i = 0; i < tokens.length;) {
    const status = tokens[i++]!;
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = tokens[i++]!;
      const to = tokens[i++]!;
      if (isNomination(to)) {
        if (status.startsWith('R')) changes.renamed.push({ path: to, from });
        else changes.added.push(to);
      } else {
        noteOutside(to);
      }
      if (status.startsWith('R')) {
        if (isNomination(from) && !isNomination(to)) deleted.push(from);
        else if (!isNomination(from)) noteOutside(from);
      }
      continue;
    }
    const file = tokens[i++]!;
    if (!isNomination(file)) noteOutside(file);
    else if (status === 'A') changes.added.push(file);
    else if (status === 'D') deleted.push(file);
    else changes.modified.push(file);
  }

  for (const file of splitNul(untracked)) {
    if (isNomination(file)) changes.added.push(file);
    else noteOutside(file);
  }

  const show = (file: string): Promise<string> => git.showBuffer([`${mergeBase}:${file}`]).then((content) => content.toString('utf8'));
  const previous = [...changes.modified.map((m) => [m, m] as const), ...changes.renamed.map((r) => [r.path, r.from] as const)];
  const [deletedContents, previousContents] = await Promise.all([Promise.all(deleted.map(show)), Promise.all(previous.map(([, from]) => show(from)))]);
  deleted.forEach((file, index) => changes.deleted.push({ path: file, content: deletedContents[index]! }));
  previous.forEach(([file], index) => { changes.previous[file] = previousContents[index]!; });

  const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  changes.added.sort(byPath);
  changes.modified.sort(byPath);
  changes.renamed.sort((a, b) => byPath(a.path, b.path));
  changes.deleted.sort((a, b) => byPath(a.path, b.path));
  changes.outside = [...outside].sort(byPath);
  return changes;
}
