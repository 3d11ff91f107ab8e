import { lstatSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UsageError } from '../../core/errors.js';
import { DEFAULT_LIMITS } from '../../load/limits.js';
import { isListedNomination } from '../files.js';
import { gitText, readObjectsWithin, runGit, type GitObject } from './run.js';

export interface ChangeBaseOptions {
  /** A directory inside the repository. */
  cwd: string;
  /** The branch the changes will merge into; default `origin/main` when it exists, else `main`. */
  base?: string;
  /**
   * A file to read as the base's tip has it, in the first round of git commands rather than after it (the
   * configuration): its path relative to `cwd` and inside it, and the largest content to read.
   */
  prefetch?: { path: string; maxBytes: number };
}

export interface ChangedNominationsOptions extends ChangeBaseOptions {
  /** The registry folder (absolute, or relative to `cwd`). */
  registryDir: string;
  /** Globs, relative to the repository root, of files that may change besides nominations. */
  allowedPaths?: readonly string[];
  /** Base versions larger than this many bytes are not read (default: the loader's limit). */
  maxFileBytes?: number;
}

/** What a path is in a tree: a regular file, or one of the entries dpg never reads as a file. */
export type EntryKind = 'file' | 'symlink' | 'submodule' | 'special';

/** One line of `git diff --raw`: modes before and after (`000000`: absent), status letter, path(s). */
interface DiffEntry {
  status: string;
  oldMode: string;
  newMode: string;
  path: string;
  /** The source of a rename or copy. */
  from?: string;
}

/** Where the change stands in git, before the registry's configuration is known. */
export interface ChangeBase {
  /** Absolute path of the repository's top-level folder. */
  root: string;
  /** The base ref the changes were compared with, e.g. `origin/main`. */
  base: string;
  /** Commit id of the base ref: its current policy, where the configuration is read (see readBaseFile). */
  tip: string;
  /** Commit id of the merge-base of the base ref and HEAD. */
  mergeBase: string;
  /** What differs between the merge-base and the working tree. */
  entries: DiffEntry[];
  /** Untracked files that are not ignored, from the repository root. */
  untracked: string[];
  /** The file asked for with `prefetch`, when it could be read in the first round. */
  prefetched?: PrefetchedFile;
}

/** A file read from a commit ahead of time: `committed` is undefined when the commit has no entry at `file`. */
export interface PrefetchedFile {
  commit: string;
  /** Its path from the repository root, with forward slashes. */
  file: string;
  committed: CommittedFile | undefined;
}

interface ArrivedFrom {
  kind: 'renamed' | 'copied';
  /** The path it came from, from the repository root. */
  from: string;
}

interface DeletedNomination {
  path: string;
  /** The file as it was at the merge-base; undefined when that was no regular file or too large to read. */
  content: string | undefined;
  /** Set when the change renames the file rather than deleting it. */
  renamedTo?: string;
}

interface IrregularEntry {
  path: string;
  kind: Exclude<EntryKind, 'file'>;
  /** For a nomination: its content at the merge-base, when it was a regular file there. */
  base?: string;
}

/** Paths are relative to the repository root, with forward slashes. */
export interface ChangedNominations extends Omit<ChangeBase, 'entries' | 'untracked'> {
  /**
   * Nominations with no version at the merge-base: new files, and files renamed or copied into their
   * path (a rename is the removal of the old record and a new record, whatever git's similarity says).
   */
  added: string[];
  /** For each added nomination that a rename or copy brought: where from. */
  origins: Record<string, ArrivedFrom>;
  modified: string[];
  /** Nominations the change removes, renames away or moves out of the registry. */
  deleted: DeletedNomination[];
  /**
   * The merge-base version of every modified nomination, keyed by its path: what the change is compared
   * with to find decisions. Undefined when that version was no regular file or too large to read: the
   * change is then judged as if the file were new.
   */
  previous: Record<string, string | undefined>;
  /** Changed paths that are now a symbolic link, submodule or other non-regular entry: never read. */
  irregular: IrregularEntry[];
  /** Merge-base versions of changed nominations above the size limit, not read: path → size in bytes. */
  oversized: Record<string, number>;
  /** Changed files that are not nominations and not matched by `allowedPaths`. */
  outside: string[];
  /** Every path the change touches, allowed or not, with what it does to it (a rename: deletes one, adds the other). */
  touched: Map<string, 'added' | 'modified' | 'deleted'>;
  /** The registry folder relative to the repository root, with forward slashes and a final slash ("" for the root). */
  registryPrefix: string;
}

const require = createRequire(import.meta.url);

const DEFAULT_BASES = ['origin/main', 'main'];

const FETCH_HINT =
  'Fetch the full history and the base branch: in GitHub Actions use actions/checkout with `fetch-depth: 0`; ' +
  'locally run `git fetch --unshallow` (or `git fetch origin <branch>`).';

/** The kind of entry a git mode stands for (`000000`, absent, is undefined). */
function entryKind(mode: string): EntryKind | undefined {
  if (mode === '100644' || mode === '100755') return 'file';
  if (mode === '120000') return 'symlink';
  if (mode === '160000') return 'submodule';
  return /^0+$/.test(mode) ? undefined : 'special';
}

async function resolveCommit(cwd: string, ref: string): Promise<string | undefined> {
  return gitText(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd }).catch(() => undefined);
}

/**
 * The repository's top-level folder, the ref's commit and the merge-base of the ref and HEAD, from one `git
 * rev-parse` (`<ref>...HEAD` lists the merge-bases, marked with ^; `git merge-base` picks the first of
 * several). Undefined when the ref or HEAD does not exist; without a merge-base when they share no commit.
 */
async function mergeBaseWith(cwd: string, ref: string): Promise<{ root: string; tip: string; mergeBase?: string } | undefined> {
  const lines = (
    await gitText(['rev-parse', '--show-toplevel', `${ref}^{commit}`, `${ref}^{commit}...HEAD`], { cwd }).catch(() => '')
  ).split('\n');
  if (lines.length < 3) return undefined;
  const mergeBase = lines
    .slice(2)
    .find((line) => line.startsWith('^'))
    ?.slice(1);
  return { root: lines[0]!, tip: lines[1]!, ...(mergeBase ? { mergeBase } : {}) };
}

/** Explains why no merge-base was found with the base (`existing`: the first candidate that exists): HEAD or the base is missing, or they share no commit. */
async function noMergeBase(cwd: string, requested: string | undefined, existing: string | undefined): Promise<UsageError> {
  if (!(await resolveCommit(cwd, 'HEAD'))) return new UsageError('This repository has no commits yet; commit the nominations first.');
  if (existing === undefined) {
    return new UsageError(
      requested !== undefined
        ? `The base ref "${requested}" does not exist in this clone, so the changed nominations cannot be found. ${FETCH_HINT}`
        : `Neither origin/main nor main exists in this clone; pass --base <ref> with the branch the changes will merge into. ${FETCH_HINT}`,
    );
  }
  const shallow = (await gitText(['rev-parse', '--is-shallow-repository'], { cwd }).catch(() => '')) === 'true';
  return new UsageError(
    shallow
      ? `HEAD and ${existing} share no commit in this shallow clone, so the changed nominations cannot be found. ${FETCH_HINT}`
      : `HEAD and ${existing} have no common history; pass --base <ref> with the branch this one was made from. ${FETCH_HINT}`,
  );
}

function splitNul(output: string): string[] {
  const tokens = output.split('\0');
  if (tokens[tokens.length - 1] === '') tokens.pop();
  return tokens;
}

/** Each line of `git ls-tree -z`: "<mode> <type> <id>\t<path>". */
function parseTree(output: string): Array<{ mode: string; type: string; id: string; path: string }> {
  return splitNul(output).flatMap((record) => {
    const tab = record.indexOf('\t');
    const [mode, type, id] = record.slice(0, tab).split(' ');
    return tab < 0 || !mode || !type || !id ? [] : [{ mode, type, id, path: record.slice(tab + 1) }];
  });
}

/**
 * Path below `folder` (relative to the repository root, forward slashes, with a final slash, or "" for the
 * root) → git blob id, for every regular file there in `commit`. Symbolic links and submodules are left
 * out: they are never read as registry files.
 */
export async function listTree(root: string, commit: string, folder: string): Promise<Map<string, string>> {
  const output = (
    await runGit(['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', commit, '--', folder ? folder.slice(0, -1) : '.'], {
      cwd: root,
    })
  ).toString('utf8');
  const ids = new Map<string, string>();
  for (const entry of parseTree(output)) {
    if (entryKind(entry.mode) === 'file' && entry.path.startsWith(folder)) ids.set(entry.path.slice(folder.length), entry.id);
  }
  return ids;
}

/** A file in a commit, read through git: what kind of entry it is, its size, and its content when a regular file within `maxBytes`. */
export interface CommittedFile {
  kind: EntryKind;
  size: number;
  content?: Buffer;
}

/** The file at `file` (from the repository root) in `commit`; undefined when the commit has none there. */
export async function readCommittedFile(root: string, commit: string, file: string, maxBytes: number): Promise<CommittedFile | undefined> {
  const [entry] = parseTree(
    (await runGit(['--literal-pathspecs', 'ls-tree', '-z', '--full-tree', commit, '--', file], { cwd: root })).toString('utf8'),
  ).filter((e) => e.path === file);
  if (!entry) return undefined;
  const kind = entryKind(entry.mode) ?? 'special';
  if (kind !== 'file') return { kind, size: 0 };
  const [object] = await readObjectsWithin([entry.id], root, maxBytes);
  if (!object) return undefined;
  return { kind, size: object.size, ...(object.content ? { content: object.content } : {}) };
}

/** Parses `git diff --raw -z`: ":<old mode> <new mode> <old id> <new id> <status>", then one path, or two for a rename or copy. */
function parseRawDiff(output: string): DiffEntry[] {
  const tokens = splitNul(output);
  const entries: DiffEntry[] = [];
  for (let i = 0; i < tokens.length;) {
    const [oldMode, newMode, , , status] = tokens[i++]!.replace(/^:/, '').split(' ');
    if (!oldMode || !newMode || !status) throw new UsageError(`Unexpected output of git diff: ${JSON.stringify(tokens[i - 1])}`);
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = tokens[i++]!;
      entries.push({ status: status[0]!, oldMode, newMode, from, path: tokens[i++]! });
    } else {
      entries.push({ status: status[0]!, oldMode, newMode, path: tokens[i++]! });
    }
  }
  return entries;
}

/** The kind of an untracked file, from the working tree (git records no mode for it). */
function untrackedKind(file: string): EntryKind {
  try {
    const stats = lstatSync(file);
    return stats.isFile() ? 'file' : stats.isSymbolicLink() ? 'symlink' : 'special';
  } catch {
    return 'special';
  }
}

/**
 * Where a change stands: the base and merge-base, and everything that differs between the merge-base and
 * the working tree (committed, staged and unstaged changes, and untracked files that are not ignored). On a
 * clean checkout, as in CI, that is exactly what the branch's commits change. Comparing with the
 * merge-base, not the base's tip, keeps changes made on the base after branching out.
 */
export async function findChangeBase(options: ChangeBaseOptions): Promise<ChangeBase> {
  const cwd = realpathSync(options.cwd);
  if (options.base !== undefined && (!options.base || options.base.startsWith('-'))) {
    throw new UsageError(`--base must name a branch or commit, not "${options.base}".`);
  }
  // git commands run side by side: the merge-base with each candidate base (the base is then the first that
  // exists), each answer also giving the repository's top-level folder; the untracked files; and the diff
  // from the merge-base with the first candidate, which git works out itself (`--merge-base`). When that
  // diff cannot serve (another base, several merge-bases, a git older than 2.30), it runs again below.
  // --raw gives each side's mode, so symbolic links and submodules are known without reading them.
  const diffArgs = ['diff', '--no-relative', '--raw', '-z', '-M', '--no-ext-diff', '--no-textconv'];
  const candidates = options.base !== undefined ? [options.base] : DEFAULT_BASES;
  const [answers, early, untracked, ahead] = await Promise.all([
    Promise.all(candidates.map((candidate) => mergeBaseWith(cwd, candidate))),
    gitText([...diffArgs, '--merge-base', `${candidates[0]}^{commit}`, '--'], { cwd }).catch(() => undefined),
    untrackedFiles(cwd).catch(() => undefined),
    options.prefetch ? readAhead(cwd, candidates[0]!, options.prefetch.path, options.prefetch.maxBytes).catch(() => undefined) : undefined,
  ]);
  const chosen = answers.findIndex((answer) => answer !== undefined);
  const { root, tip, mergeBase } = answers[chosen] ?? {};
  if (!root || !tip || !mergeBase) {
    if (!(await gitText(['rev-parse', '--show-toplevel'], { cwd }).catch(() => ''))) {
      throw new UsageError(`${options.cwd} is not inside a git repository; --changed compares the working tree with a base branch.`);
    }
    throw await noMergeBase(cwd, options.base, candidates[chosen]);
  }
  // -z: paths come raw (no quoting), so spaces, quotes, unicode and newlines survive.
  const [diff, others] = await Promise.all([
    chosen === 0 && early !== undefined ? early : gitText([...diffArgs, mergeBase], { cwd: root }),
    untracked ?? untrackedFiles(root),
  ]);
  const prefetched =
    chosen === 0 && ahead && options.prefetch ? prefetchedFile(ahead, root, tip, path.join(cwd, options.prefetch.path)) : undefined;
  return {
    root,
    base: candidates[chosen]!,
    tip,
    mergeBase,
    entries: parseRawDiff(diff),
    untracked: others,
    ...(prefetched ? { prefetched } : {}),
  };
}

/**
 * The untracked files that are not ignored, anywhere in the repository (paths from its top-level folder).
 * `git status` rather than `git ls-files --others`: its branch header means it always prints something, and
 * simple-git waits 50 ms more for a process that printed nothing, which on a clean checkout (as in CI) the
 * listing of untracked files is. --no-renames: no entry then carries a second path.
 */
async function untrackedFiles(cwd: string): Promise<string[]> {
  const output = await gitText(
    [
      '-c',
      'status.relativePaths=false',
      'status',
      '--porcelain=v2',
      '-z',
      '--branch',
      '--untracked-files=all',
      '--no-renames',
      '--ignore-submodules=all',
      '--',
      ':/',
    ],
    { cwd },
  );
  return splitNul(output).flatMap((entry) => (entry.startsWith('? ') ? [entry.slice(2)] : []));
}

interface ReadAhead {
  /** The ref's commit as `git cat-file` resolved it, and the object at the path there. */
  commit?: GitObject;
  object?: GitObject;
  /** The entries of the path's folder in that commit's tree, as `git ls-tree` lists them (paths from the repository root). */
  entries: Array<{ mode: string; type: string; id: string; path: string }>;
}

/**
 * `file` (relative to `cwd`) in `ref`'s commit, read before the repository's top-level folder is known: `git
 * ls-tree` gives its mode (a symbolic link is not read as a file), `git cat-file` its content, side by side.
 */
async function readAhead(cwd: string, ref: string, file: string, maxBytes: number): Promise<ReadAhead> {
  const rev = `${ref}^{commit}`;
  const folder = path.posix.dirname(file);
  const [listing, [commit, object]] = await Promise.all([
    // The file's folder, not the file alone: a listing that may come out empty (no such file) would cost a
    // pause (see untrackedFiles).
    runGit(['--literal-pathspecs', 'ls-tree', '-z', '--full-name', rev, '--', `${folder}/`], { cwd }),
    // ./ makes the path relative to cwd, as ls-tree takes it.
    readObjectsWithin([rev, `${rev}:./${file}`], cwd, maxBytes),
  ]);
  return { ...(commit ? { commit } : {}), ...(object ? { object } : {}), entries: parseTree(listing.toString('utf8')) };
}

/**
 * What was read ahead, once it is known to describe `absolute` in `tip`: the commit is the tip rev-parse
 * reported, and ls-tree and cat-file saw the same blob. Otherwise undefined, and the file is read again.
 */
function prefetchedFile(ahead: ReadAhead, root: string, tip: string, absolute: string): PrefetchedFile | undefined {
  const file = path.relative(root, absolute).split(path.sep).join('/');
  if (!file || file.startsWith('../') || path.isAbsolute(file) || ahead.commit?.id !== tip) return undefined;
  // Every entry listed must be in the file's folder, else the listing was not of the folder meant.
  const folder = path.posix.dirname(file);
  if (ahead.entries.some((e) => path.posix.dirname(e.path) !== folder)) return undefined;
  const entries = ahead.entries.filter((e) => e.path === file);
  if (entries.length > 1) return undefined;
  const [entry] = entries;
  if (!entry) return { commit: tip, file, committed: undefined };
  const kind = entryKind(entry.mode) ?? 'special';
  if (kind !== 'file') return { commit: tip, file, committed: { kind, size: 0 } };
  const { object } = ahead;
  if (object?.type !== 'blob' || object.id !== entry.id) return undefined;
  return { commit: tip, file, committed: { kind, size: object.size, ...(object.content ? { content: object.content } : {}) } };
}

/**
 * The nominations a change adds, modifies and deletes, given the registry folder, and the other files it
 * touches. A nomination is what the registry listing picks up. A rename or copy into a nomination's path
 * brings no base version with it: the file is added, and the nomination it was renamed from is deleted.
 * Entries that are not regular files (symbolic links, submodules) are listed apart and never read; base
 * versions above the size limit are noted, not read.
 */
export async function classifyChange(change: ChangeBase, options: Omit<ChangedNominationsOptions, 'base'>): Promise<ChangedNominations> {
  const { root, mergeBase } = change;
  const cwd = realpathSync(options.cwd);
  // The registry folder may not exist yet, so it is placed relative to the real cwd rather than resolved itself.
  const registryFromCwd = path.relative(options.cwd, path.resolve(options.cwd, options.registryDir));
  const registry = path.relative(root, path.resolve(cwd, registryFromCwd));
  if (registry.startsWith('..') || path.isAbsolute(registry)) {
    throw new UsageError(`The registry folder ${options.registryDir} is outside the git repository at ${root}.`);
  }
  const registryPrefix = registry ? registry.split(path.sep).join('/') + '/' : '';
  // Anything else in the registry folder (a hidden folder's file, an upper-case extension) is not published,
  // so it is reported as a file outside the registry.
  const isNomination = (file: string): boolean => file.startsWith(registryPrefix) && isListedNomination(file.slice(registryPrefix.length));
  // picomatch is loaded only when there are patterns to match.
  const allowed = options.allowedPaths?.length
    ? (require('picomatch') as typeof import('picomatch'))([...options.allowedPaths], { dot: true })
    : () => false;

  const changes: ChangedNominations = {
    root,
    base: change.base,
    tip: change.tip,
    mergeBase,
    added: [],
    origins: {},
    modified: [],
    deleted: [],
    previous: {},
    irregular: [],
    oversized: {},
    outside: [],
    touched: new Map(),
    registryPrefix,
  };
  const outside = new Set<string>();
  const noteOutside = (file: string): void => {
    if (!allowed(file)) outside.add(file);
  };
  // Base versions to read: path at the merge-base → what to do with the content.
  const wanted: Array<{ file: string; use: (content: string | undefined) => void }> = [];
  const readBase = (file: string, mode: string, use: (content: string | undefined) => void): void => {
    if (entryKind(mode) === 'file') wanted.push({ file, use });
    else use(undefined);
  };
  const deleted = (file: string, oldMode: string, renamedTo?: string): void => {
    const entry: DeletedNomination = { path: file, content: undefined, ...(renamedTo !== undefined ? { renamedTo } : {}) };
    changes.deleted.push(entry);
    readBase(file, oldMode, (content) => {
      entry.content = content;
    });
  };
  /** A path that now holds the entry `kind`, with no base version to compare with. */
  const arrived = (file: string, kind: EntryKind, origin?: ArrivedFrom): void => {
    changes.touched.set(file, 'added');
    if (kind !== 'file') changes.irregular.push({ path: file, kind });
    if (!isNomination(file)) noteOutside(file);
    else if (kind === 'file') {
      changes.added.push(file);
      if (origin) changes.origins[file] = origin;
    }
  };

  for (const entry of change.entries) {
    const { status, oldMode, newMode, path: file, from } = entry;
    const kind = entryKind(newMode);
    if (from !== undefined) {
      if (status === 'R') {
        changes.touched.set(from, 'deleted');
        if (isNomination(from)) deleted(from, oldMode, file);
        else noteOutside(from);
      }
      arrived(file, kind ?? 'special', { kind: status === 'R' ? 'renamed' : 'copied', from });
    } else if (status === 'A') {
      arrived(file, kind ?? 'special');
    } else if (status === 'D') {
      changes.touched.set(file, 'deleted');
      if (isNomination(file)) deleted(file, oldMode);
      else noteOutside(file);
    } else {
      // Modified, a type change (T: a file replaced by a symbolic link, say), or unmerged.
      changes.touched.set(file, 'modified');
      if (kind !== 'file') {
        const irregular: IrregularEntry = { path: file, kind: kind ?? 'special' };
        changes.irregular.push(irregular);
        if (isNomination(file))
          readBase(file, oldMode, (content) => {
            if (content !== undefined) irregular.base = content;
          });
        else noteOutside(file);
      } else if (!isNomination(file)) {
        noteOutside(file);
      } else {
        changes.modified.push(file);
        readBase(file, oldMode, (content) => {
          changes.previous[file] = content;
        });
      }
    }
  }
  for (const file of change.untracked) arrived(file, untrackedKind(path.join(root, ...file.split('/'))));

  // The base versions, read by one git process; those above the loader's limit are not read.
  const maxBytes = options.maxFileBytes ?? DEFAULT_LIMITS.maxFileBytes;
  const objects = await readObjectsWithin(
    wanted.map(({ file }) => `${mergeBase}:${file}`),
    root,
    maxBytes,
  );
  wanted.forEach(({ file, use }, index) => {
    const object = objects[index];
    if (object && object.type === 'blob' && object.content === undefined) changes.oversized[file] = object.size;
    use(object?.type === 'blob' ? object.content?.toString('utf8') : undefined);
  });

  const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  changes.added.sort(byPath);
  changes.modified.sort(byPath);
  changes.deleted.sort((a, b) => byPath(a.path, b.path));
  changes.irregular.sort((a, b) => byPath(a.path, b.path));
  changes.outside = [...outside].sort(byPath);
  return changes;
}

/** The nominations a branch changes (see findChangeBase and classifyChange). */
export async function findChangedNominations(options: ChangedNominationsOptions): Promise<ChangedNominations> {
  return classifyChange(await findChangeBase(options), options);
}
