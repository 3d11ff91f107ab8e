import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UsageError } from '../config.js';
import { isListedNomination } from '../registry/files.js';
import { gitText, readObjects, runGit } from './run.js';

export interface ChangedNominationsOptions {
  /** A directory inside the repository. */
  cwd: string;
  /** The branch the changes will merge into; default `origin/main` when it exists, else `main`. */
  base?: string;
  /** The registry folder (absolute, or relative to `cwd`). */
  registryDir: string;
  /** Globs, relative to the repository root, of files that may change besides nominations. */
  allowedPaths?: readonly string[];
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
  /** The registry folder relative to the repository root, with forward slashes and a final slash ("" for the root). */
  registryPrefix: string;
}

const require = createRequire(import.meta.url);

const DEFAULT_BASES = ['origin/main', 'main'];

const FETCH_HINT =
  'Fetch the full history and the base branch: in GitHub Actions use actions/checkout with `fetch-depth: 0`; ' +
  'locally run `git fetch --unshallow` (or `git fetch origin <branch>`).';

async function resolveCommit(cwd: string, ref: string): Promise<string | undefined> {
  return gitText(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd }).catch(() => undefined);
}

/**
 * The repository's top-level folder and the merge-base of a ref and HEAD, from one `git rev-parse`
 * (`<ref>...HEAD` lists the merge-bases, marked with ^; `git merge-base` picks the first of several).
 * Undefined when the ref or HEAD does not exist; without a merge-base when they share no commit.
 */
async function mergeBaseWith(cwd: string, ref: string): Promise<{ root: string; mergeBase?: string } | undefined> {
  const lines = (await gitText(['rev-parse', '--show-toplevel', `${ref}^{commit}...HEAD`], { cwd }).catch(() => '')).split('\n');
  if (lines.length < 2) return undefined;
  const mergeBase = lines.slice(1).find((line) => line.startsWith('^'))?.slice(1);
  return mergeBase ? { root: lines[0]!, mergeBase } : { root: lines[0]! };
}

/** Explains why no merge-base was found with the base (`existing`: the first candidate that exists): HEAD or the base is missing, or they share no commit. */
async function noMergeBase(cwd: string, requested: string | undefined, existing: string | undefined): Promise<UsageError> {
  if (!(await resolveCommit(cwd, 'HEAD'))) return new UsageError('This repository has no commits yet; commit the nominations first.');
  if (existing === undefined) {
    return new UsageError(requested !== undefined
      ? `The base ref "${requested}" does not exist in this clone, so the changed nominations cannot be found. ${FETCH_HINT}`
      : `Neither origin/main nor main exists in this clone; pass --base <ref> with the branch the changes will merge into. ${FETCH_HINT}`);
  }
  const shallow = (await gitText(['rev-parse', '--is-shallow-repository'], { cwd }).catch(() => '')) === 'true';
  return new UsageError(shallow
    ? `HEAD and ${existing} share no commit in this shallow clone, so the changed nominations cannot be found. ${FETCH_HINT}`
    : `HEAD and ${existing} have no common history; pass --base <ref> with the branch this one was made from. ${FETCH_HINT}`);
}

function splitNul(output: string): string[] {
  const tokens = output.split('\0');
  if (tokens[tokens.length - 1] === '') tokens.pop();
  return tokens;
}

/**
 * Path below `folder` (relative to the repository root, forward slashes, with a final slash, or "" for the
 * root) → git blob id, for every file (and symbolic link) there in `commit`.
 */
export async function listTree(root: string, commit: string, folder: string): Promise<Map<string, string>> {
  const output = (await runGit(['ls-tree', '-r', '-z', '--full-tree', commit, '--', folder ? folder.slice(0, -1) : '.'], { cwd: root })).toString('utf8');
  const ids = new Map<string, string>();
  for (const record of output.split('\0')) {
    // "<mode> blob <id>\t<path>"
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [, type, id] = record.slice(0, tab).split(' ');
    const file = record.slice(tab + 1);
    if (type === 'blob' && id && file.startsWith(folder)) ids.set(file.slice(folder.length), id);
  }
  return ids;
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
  // git commands run side by side: the merge-base with each candidate base (the base is then the first that
  // exists), each answer also giving the repository's top-level folder; the untracked files; and the diff
  // from the merge-base with the first candidate, which git works out itself (`--merge-base`). When that
  // diff cannot serve (another base, several merge-bases, a git older than 2.30), it runs again below.
  const candidates = options.base !== undefined ? [options.base] : DEFAULT_BASES;
  const [answers, early, untracked] = await Promise.all([
    Promise.all(candidates.map((candidate) => mergeBaseWith(cwd, candidate))),
    gitText(['diff', '--no-relative', '--name-status', '-z', '-M', '--no-ext-diff', '--merge-base', `${candidates[0]}^{commit}`, '--'], { cwd })
      .catch(() => undefined),
    // :/ is the top-level folder, whatever folder this runs in; --full-name gives paths from there.
    gitText(['ls-files', '-z', '--others', '--exclude-standard', '--full-name', '--', ':/'], { cwd }).catch(() => undefined),
  ]);
  const chosen = answers.findIndex((answer) => answer !== undefined);
  const { root, mergeBase } = answers[chosen] ?? {};
  if (!root || !mergeBase) {
    if (!(await gitText(['rev-parse', '--show-toplevel'], { cwd }).catch(() => ''))) {
      throw new UsageError(`${options.cwd} is not inside a git repository; --changed compares the working tree with a base branch.`);
    }
    throw await noMergeBase(cwd, options.base, candidates[chosen]);
  }
  const base = candidates[chosen]!;

  // The registry folder may not exist yet, so it is placed relative to the real cwd rather than resolved itself.
  const registryFromCwd = path.relative(options.cwd, path.resolve(options.cwd, options.registryDir));
  const registry = path.relative(root, path.resolve(cwd, registryFromCwd));
  if (registry.startsWith('..') || path.isAbsolute(registry)) {
    throw new UsageError(`The registry folder ${options.registryDir} is outside the git repository at ${root}.`);
  }
  const registryPrefix = registry ? registry.split(path.sep).join('/') + '/' : '';
  // A nomination is what the registry listing picks up; anything else in the registry folder (a hidden
  // folder's file, an upper-case extension) is not published, so it is reported as a file outside the registry.
  const isNomination = (file: string): boolean => file.startsWith(registryPrefix) && isListedNomination(file.slice(registryPrefix.length));
  // picomatch is loaded only when there are patterns to match.
  const allowed = options.allowedPaths?.length ? (require('picomatch') as typeof import('picomatch'))([...options.allowedPaths], { dot: true }) : () => false;

  const changes: ChangedNominations = {
    root, base, mergeBase, added: [], modified: [], renamed: [], deleted: [], previous: {}, outside: [], registryPrefix,
  };
  const outside = new Set<string>();
  const noteOutside = (file: string): void => { if (!allowed(file)) outside.add(file); };
  const deleted: string[] = [];

  // -z: paths come raw (no quoting), so spaces, quotes, unicode and newlines survive.
  const [diff, others] = await Promise.all([
    chosen === 0 && early !== undefined ? early : gitText(['diff', '--name-status', '-z', '-M', '--no-ext-diff', mergeBase], { cwd: root }),
    untracked ?? gitText(['ls-files', '-z', '--others', '--exclude-standard'], { cwd: root }),
  ]);

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

  for (const file of splitNul(others)) {
    if (isNomination(file)) changes.added.push(file);
    else noteOutside(file);
  }

  // The merge-base version of each deleted, modified and renamed nomination, read by one git process.
  const previous = [...changes.modified.map((m) => [m, m] as const), ...changes.renamed.map((r) => [r.path, r.from] as const)];
  const contents = (await readObjects([...deleted, ...previous.map(([, from]) => from)].map((file) => `${mergeBase}:${file}`), root))
    .map((content) => content?.toString('utf8') ?? '');
  deleted.forEach((file, index) => changes.deleted.push({ path: file, content: contents[index]! }));
  previous.forEach(([file], index) => { changes.previous[file] = contents[deleted.length + index]!; });

  const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  changes.added.sort(byPath);
  changes.modified.sort(byPath);
  changes.renamed.sort((a, b) => byPath(a.path, b.path));
  changes.deleted.sort((a, b) => byPath(a.path, b.path));
  changes.outside = [...outside].sort(byPath);
  return changes;
}
