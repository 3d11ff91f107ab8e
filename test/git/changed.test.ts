import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/runner/cache/results-cache.js';
import { UsageError } from '../../src/core/errors.js';
import {
  findChangeBase,
  findChangedNominations,
  listTree,
  readCommittedFile,
  type ChangedNominations,
} from '../../src/runner/git/changed.js';
import { configPrefetch } from '../../src/runner/git/base-config.js';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/core/io.js';
import { findRule } from '../../src/rules/index.js';
import { defaultCacheDirectory } from '../../src/runner/cache/location.js';
import type { FileResult } from '../../src/core/types.js';
import { lineOf, withEdits } from '../support/nomination.js';
import { TEST_NOW } from '../support/validate.js';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-git-'));
  made.push(dir);
  return dir;
}

/** A distinct valid nomination (own name, file slug and repository), so registry-wide rules stay quiet. */
function nomination(name: string, ...edits: Array<[Array<string | number>, unknown]>): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return withEdits([['name'], name], [['repositories', 0, 'url'], `https://github.com/example-org/${slug}`], ...edits);
}

const DPG_RECORD: Array<[Array<string | number>, unknown]> = [
  [['stage'], 'dpg'],
  [['review'], { date: '2026-06-01', reviewer: 'registry-team' }],
];

interface Repo {
  dir: string;
  git(...args: string[]): string;
  write(file: string, text: string): void;
  read(file: string): string;
  remove(file: string): void;
  commit(message: string): void;
}

function repoAt(dir: string): Repo {
  const repo: Repo = {
    dir,
    git: (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    write: (file, text) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    },
    read: (file) => readFileSync(path.join(dir, file), 'utf8'),
    remove: (file) => unlinkSync(path.join(dir, file)),
    commit: (message) => {
      repo.git('add', '--all');
      repo.git('commit', '--quiet', '--allow-empty', '--message', message);
    },
  };
  return repo;
}

function configure(repo: Repo): Repo {
  repo.git('config', 'commit.gpgsign', 'false');
  repo.git('config', 'user.name', 'Test');
  repo.git('config', 'user.email', 'test@example.org');
  return repo;
}

/** main with three nominations (one a recognised DPG) and two other files; HEAD on a new branch `feature`. */
function registryRepo(): Repo {
  const dir = tempDir();
  execFileSync('git', ['init', '--quiet', '-b', 'main', dir]);
  const repo = configure(repoAt(dir));
  repo.write('nominations/alpha.yaml', nomination('Alpha'));
  repo.write('nominations/beta.yaml', nomination('Beta'));
  repo.write('nominations/gamma.yaml', nomination('Gamma', ...DPG_RECORD));
  repo.write('README.md', '# registry\n');
  repo.write('docs/guide.md', '# guide\n');
  repo.commit('registry');
  repo.git('checkout', '--quiet', '-b', 'feature');
  return repo;
}

function find(repo: Repo, options: { base?: string; allowedPaths?: string[]; cwd?: string } = {}): Promise<ChangedNominations> {
  return findChangedNominations({
    cwd: options.cwd ?? repo.dir,
    base: options.base ?? 'main',
    registryDir: path.join(repo.dir, 'nominations'),
    allowedPaths: options.allowedPaths,
  });
}

/** The lists of a result, without the commit ids and the deleted content. */
function summary(changes: ChangedNominations) {
  return {
    added: changes.added,
    origins: changes.origins,
    modified: changes.modified,
    deleted: changes.deleted.map((d) => d.path),
    outside: changes.outside,
  };
}

type ChangeLists = ReturnType<typeof summary>;

const NONE: ChangeLists = { added: [], origins: {}, modified: [], deleted: [], outside: [] };

interface ChangeCase {
  name: string;
  change(repo: Repo): void;
  allowedPaths?: string[];
  /** Leave the change uncommitted in the working tree. */
  uncommitted?: boolean;
  expected: Partial<ChangeLists>;
}

const cases: ChangeCase[] = [
  { name: 'nothing changed', change: () => {}, expected: {} },
  {
    name: 'an added nomination',
    change: (r) => r.write('nominations/delta.yaml', nomination('Delta')),
    expected: { added: ['nominations/delta.yaml'] },
  },
  {
    name: 'a modified nomination',
    change: (r) => r.write('nominations/alpha.yaml', r.read('nominations/alpha.yaml').replace('GPL-3.0-only', 'MIT')),
    expected: { modified: ['nominations/alpha.yaml'] },
  },
  {
    name: 'a renamed nomination, detected as a rename even when edited, is the old record deleted and a new one added',
    change: (r) => {
      r.git('mv', 'nominations/alpha.yaml', 'nominations/alpha-platform.yaml');
      r.write('nominations/alpha-platform.yaml', r.read('nominations/alpha-platform.yaml').replace('name: Alpha', 'name: Alpha Platform'));
    },
    expected: {
      added: ['nominations/alpha-platform.yaml'],
      origins: { 'nominations/alpha-platform.yaml': { kind: 'renamed', from: 'nominations/alpha.yaml' } },
      deleted: ['nominations/alpha.yaml'],
    },
  },
  {
    name: 'a file renamed into the registry from a hidden folder is an addition, with no base version',
    change: (r) => {
      r.write('nominations/.drafts/delta.yaml', nomination('Delta'));
      r.commit('draft');
      r.git('branch', '--force', 'main');
      r.git('mv', 'nominations/.drafts/delta.yaml', 'nominations/delta.yaml');
    },
    expected: {
      added: ['nominations/delta.yaml'],
      origins: { 'nominations/delta.yaml': { kind: 'renamed', from: 'nominations/.drafts/delta.yaml' } },
      outside: ['nominations/.drafts/delta.yaml'],
    },
  },
  { name: 'a deleted nomination', change: (r) => r.remove('nominations/beta.yaml'), expected: { deleted: ['nominations/beta.yaml'] } },
  {
    name: 'a nomination moved out of the registry is a deletion plus an outside change',
    change: (r) => {
      mkdirSync(path.join(r.dir, 'drafts'));
      r.git('mv', 'nominations/beta.yaml', 'drafts/beta.yaml');
    },
    expected: { deleted: ['nominations/beta.yaml'], outside: ['drafts/beta.yaml'] },
  },
  { name: 'a file outside the registry', change: (r) => r.write('README.md', '# changed\n'), expected: { outside: ['README.md'] } },
  { name: 'a deleted file outside the registry', change: (r) => r.remove('README.md'), expected: { outside: ['README.md'] } },
  {
    name: 'a file in the registry folder that is not a nomination',
    change: (r) => r.write('nominations/notes.txt', 'x\n'),
    expected: { outside: ['nominations/notes.txt'] },
  },
  {
    name: 'YAML files the registry listing skips (a hidden folder, an upper-case extension) are not nominations',
    change: (r) => {
      r.write('nominations/.drafts/delta.yaml', nomination('Delta'));
      r.write('nominations/EPSILON.YAML', nomination('Epsilon'));
    },
    expected: { outside: ['nominations/.drafts/delta.yaml', 'nominations/EPSILON.YAML'] },
  },
  {
    name: 'outside files matched by allowedPaths',
    change: (r) => {
      r.write('docs/guide.md', '# new guide\n');
      r.write('docs/img/.hidden.png', 'x');
      r.write('README.md', '# changed\n');
    },
    allowedPaths: ['docs/**'],
    expected: { outside: ['README.md'] },
  },
  {
    name: 'odd file names: space, quotes, unicode, newline',
    change: (r) => {
      r.write('nominations/with space.yaml', nomination('Space'));
      r.write('nominations/"quoted" \'name\'.yaml', nomination('Quoted'));
      r.write('nominations/ünïcödé-日本.yaml', nomination('Unicode'));
      r.write('nominations/new\nline.yaml', nomination('Newline'));
      r.write('odd dir/tab\there.txt', 'x');
    },
    expected: {
      added: [
        'nominations/"quoted" \'name\'.yaml',
        'nominations/new\nline.yaml',
        'nominations/with space.yaml',
        'nominations/ünïcödé-日本.yaml',
      ],
      outside: ['odd dir/tab\there.txt'],
    },
  },
  {
    name: 'untracked files with odd names count, ignored ones do not',
    change: (r) => {
      r.write('.gitignore', 'ignored/\n*.tmp\n');
      r.write('nominations/? looks like a status line.yaml', nomination('Question'));
      r.write('nominations/# looks like a header.yaml', nomination('Hash'));
      r.write('nominations/new\nline.yaml', nomination('Newline'));
      r.write('nominations/scratch.tmp', 'x');
      r.write('ignored/delta.yaml', nomination('Delta'));
    },
    uncommitted: true,
    expected: {
      added: ['nominations/# looks like a header.yaml', 'nominations/? looks like a status line.yaml', 'nominations/new\nline.yaml'],
      outside: ['.gitignore'],
    },
  },
  {
    name: 'uncommitted edits and untracked nominations count (the working tree is compared)',
    change: (r) => {
      r.write('nominations/alpha.yaml', r.read('nominations/alpha.yaml').replace('GPL-3.0-only', 'MIT'));
      r.write('nominations/delta.yaml', nomination('Delta'));
    },
    uncommitted: true,
    expected: { added: ['nominations/delta.yaml'], modified: ['nominations/alpha.yaml'] },
  },
];

describe('findChangedNominations', () => {
  it.each(cases)('$name', async ({ change, allowedPaths, uncommitted, expected }) => {
    const repo = registryRepo();
    change(repo);
    if (!uncommitted) repo.commit('change');
    const changes = await find(repo, { allowedPaths });
    expect(summary(changes)).toEqual({ ...NONE, ...expected });
    expect(changes.base).toBe('main');
    expect(changes.mergeBase).toBe(repo.git('rev-parse', 'main').trim());
  });

  it('reads a deleted nomination from the merge-base', async () => {
    const repo = registryRepo();
    const before = repo.read('nominations/gamma.yaml');
    repo.remove('nominations/gamma.yaml');
    repo.commit('delete gamma');
    const changes = await find(repo);
    expect(changes.deleted).toEqual([{ path: 'nominations/gamma.yaml', content: before }]);
  });

  it("lists the registry folder's blob ids at the merge-base: the content hashes of unchanged files", async () => {
    const repo = registryRepo();
    const alphaAtBase = readFileSync(path.join(repo.dir, 'nominations', 'alpha.yaml'));
    repo.write('nominations/alpha.yaml', nomination('Alpha', [['website'], 'https://example.org/changed']));
    repo.write('nominations/sub folder/delta.yaml', nomination('Delta'));
    repo.commit('change');
    const changes = await find(repo);
    expect(changes.registryPrefix).toBe('nominations/');
    const ids = await listTree(changes.root, changes.mergeBase, changes.registryPrefix);
    // Keyed below the registry folder, as at the merge-base: delta did not exist yet, alpha as it was.
    expect([...ids.keys()].sort()).toEqual(['alpha.yaml', 'beta.yaml', 'gamma.yaml']);
    expect(ids.get('alpha.yaml')).toBe(contentHash(alphaAtBase));
    expect(ids.get('beta.yaml')).toBe(contentHash(readFileSync(path.join(repo.dir, 'nominations', 'beta.yaml'))));
  });

  it('lists no files when the registry folder did not exist at the merge-base', async () => {
    const dir = tempDir();
    execFileSync('git', ['init', '--quiet', '-b', 'main', dir]);
    const repo = configure(repoAt(dir));
    repo.write('README.md', '# registry\n');
    repo.commit('start');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.write('nominations/alpha.yaml', nomination('Alpha'));
    const changes = await find(repo);
    expect(changes.added).toEqual(['nominations/alpha.yaml']);
    expect((await listTree(changes.root, changes.mergeBase, changes.registryPrefix)).size).toBe(0);
  });

  it('takes the whole tree as the registry folder when the registry is the repository root', async () => {
    const repo = registryRepo();
    repo.write('delta.yaml', nomination('Delta'));
    const changes = await findChangedNominations({ cwd: repo.dir, base: 'main', registryDir: '.' });
    expect(changes.registryPrefix).toBe('');
    expect(changes.added).toEqual(['delta.yaml']);
    expect([...(await listTree(changes.root, changes.mergeBase, '')).keys()].sort()).toEqual([
      'README.md',
      'docs/guide.md',
      'nominations/alpha.yaml',
      'nominations/beta.yaml',
      'nominations/gamma.yaml',
    ]);
  });

  it('takes the merge-base git merge-base picks when there are several (criss-cross merges)', async () => {
    const repo = registryRepo();
    repo.write('nominations/delta.yaml', nomination('Delta'));
    repo.commit('feature adds delta');
    repo.git('checkout', '--quiet', 'main');
    repo.write('nominations/epsilon.yaml', nomination('Epsilon'));
    repo.commit('main adds epsilon');
    repo.git('checkout', '--quiet', '-b', 'other');
    repo.git('merge', '--quiet', '--no-edit', 'feature');
    repo.git('checkout', '--quiet', 'feature');
    repo.git('merge', '--quiet', '--no-edit', 'main');
    expect(repo.git('merge-base', '--all', 'other', 'HEAD').trim().split('\n')).toHaveLength(2);
    const changes = await find(repo, { base: 'other' });
    const mergeBase = repo.git('merge-base', 'other', 'HEAD').trim();
    expect(changes.mergeBase).toBe(mergeBase);
    // git diff --merge-base refuses several merge-bases, so the diff is taken from the one picked.
    const added = repo
      .git('diff', '--name-only', '--diff-filter=A', mergeBase)
      .split('\n')
      .filter((f) => f.startsWith('nominations/'));
    expect(changes.added).toEqual(added);
  });

  it("counts only the branch's changes when the base moved on after branching", async () => {
    const repo = registryRepo();
    const branchPoint = repo.git('rev-parse', 'HEAD').trim();
    repo.write('nominations/beta.yaml', repo.read('nominations/beta.yaml').replace('GPL-3.0-only', 'MIT'));
    repo.commit('feature change');
    repo.git('checkout', '--quiet', 'main');
    repo.write('nominations/epsilon.yaml', nomination('Epsilon'));
    repo.write('nominations/alpha.yaml', repo.read('nominations/alpha.yaml').replace('GPL-3.0-only', 'Apache-2.0'));
    repo.remove('nominations/gamma.yaml');
    repo.write('README.md', '# moved on\n');
    repo.commit('main moves on');
    repo.git('checkout', '--quiet', 'feature');
    const changes = await find(repo);
    expect(summary(changes)).toEqual({ ...NONE, modified: ['nominations/beta.yaml'] });
    expect(changes.mergeBase).toBe(branchPoint);
  });

  it('works from a subfolder and reports paths from the repository root', async () => {
    const repo = registryRepo();
    repo.write('nominations/delta.yaml', nomination('Delta'));
    repo.write('docs/guide.md', '# changed\n');
    repo.commit('change');
    const changes = await find(repo, { cwd: path.join(repo.dir, 'docs') });
    expect(summary(changes)).toEqual({ ...NONE, added: ['nominations/delta.yaml'], outside: ['docs/guide.md'] });
  });

  it('works from a subfolder when git is set to show paths relative to it, and finds untracked files anywhere', async () => {
    const repo = registryRepo();
    repo.git('config', 'diff.relative', 'true');
    repo.git('config', 'status.relativePaths', 'true');
    repo.git('config', 'status.showUntrackedFiles', 'no');
    repo.write('nominations/delta.yaml', nomination('Delta'));
    repo.commit('change');
    repo.write('nominations/epsilon.yaml', nomination('Epsilon'));
    repo.write('notes.txt', 'untracked, at the top\n');
    const changes = await find(repo, { cwd: path.join(repo.dir, 'docs') });
    expect(summary(changes)).toEqual({ ...NONE, added: ['nominations/delta.yaml', 'nominations/epsilon.yaml'], outside: ['notes.txt'] });
  });

  it('leaves the index as it was: listing untracked files takes no lock and writes nothing', async () => {
    const repo = registryRepo();
    repo.write('nominations/delta.yaml', nomination('Delta'));
    repo.commit('change');
    // A tracked file touched, content unchanged: the index's record of it is stale, which a plain git status would
    // refresh and write back.
    const touched = path.join(repo.dir, 'nominations', 'delta.yaml');
    const later = new Date(Date.now() + 60_000);
    utimesSync(touched, later, later);
    const index = path.join(repo.dir, '.git', 'index');
    const before = readFileSync(index);
    const changes = await find(repo);
    expect(summary(changes)).toEqual({ ...NONE, added: ['nominations/delta.yaml'] });
    expect(readFileSync(index).equals(before)).toBe(true);
  });

  it('defaults to origin/main in a clone', async () => {
    const origin = registryRepo();
    origin.git('checkout', '--quiet', 'main');
    const dir = path.join(tempDir(), 'clone');
    execFileSync('git', ['clone', '--quiet', `file://${origin.dir}`, dir]);
    const clone = configure(repoAt(dir));
    clone.git('checkout', '--quiet', '-b', 'contribution');
    clone.write('nominations/delta.yaml', nomination('Delta'));
    clone.commit('add delta');
    const changes = await findChangedNominations({ cwd: dir, registryDir: 'nominations' });
    expect(changes.base).toBe('origin/main');
    expect(summary(changes)).toEqual({ ...NONE, added: ['nominations/delta.yaml'] });
  });

  it('falls back to main when there is no origin/main', async () => {
    const repo = registryRepo();
    repo.write('nominations/delta.yaml', nomination('Delta'));
    repo.commit('add delta');
    const changes = await findChangedNominations({ cwd: repo.dir, registryDir: 'nominations' });
    expect(changes.base).toBe('main');
    expect(changes.added).toEqual(['nominations/delta.yaml']);
  });

  it('explains how to fetch full history in a shallow clone without the merge-base', async () => {
    const origin = registryRepo();
    origin.write('nominations/delta.yaml', nomination('Delta'));
    origin.commit('feature adds delta');
    origin.git('checkout', '--quiet', 'main');
    origin.write('README.md', '# main moved on\n');
    origin.commit('main moves on');
    const dir = path.join(tempDir(), 'shallow');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', '--no-single-branch', `file://${origin.dir}`, dir]);
    repoAt(dir).git('checkout', '--quiet', 'feature');
    const error = await findChangedNominations({ cwd: dir, registryDir: 'nominations' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/shallow clone/);
    expect((error as Error).message).toContain('fetch-depth: 0');
    expect((error as Error).message).toContain('git fetch --unshallow');
  });

  it('explains a missing base ref (a depth-1 clone of one branch)', async () => {
    const origin = registryRepo();
    origin.write('nominations/delta.yaml', nomination('Delta'));
    origin.commit('feature adds delta');
    const dir = path.join(tempDir(), 'single');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', '--branch', 'feature', `file://${origin.dir}`, dir]);
    const error = await findChangedNominations({ cwd: dir, registryDir: 'nominations' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/Neither origin\/main nor main exists/);
    expect((error as Error).message).toContain('fetch-depth: 0');
  });

  it.each([
    { name: 'an unknown ref', base: 'origin/nope', message: /The base ref "origin\/nope" does not exist/ },
    { name: 'an option-like ref', base: '--all', message: /--base must name a branch or commit/ },
  ])('rejects $name as base', async ({ base, message }) => {
    const repo = registryRepo();
    await expect(find(repo, { base })).rejects.toThrow(message);
    await expect(find(repo, { base })).rejects.toBeInstanceOf(UsageError);
  });

  it('rejects a folder that is not a git repository', async () => {
    const dir = tempDir();
    await expect(findChangedNominations({ cwd: dir, registryDir: 'nominations' })).rejects.toThrow(/not inside a git repository/);
  });
});

function cliIO(cwd: string) {
  const out = { stdout: '', stderr: '' };
  const io: CliIO = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    cwd,
    env: { DPG_CACHE_DIR: process.env.DPG_CACHE_DIR },
    stdoutIsTTY: false,
    now: TEST_NOW,
  };
  return { io, out };
}

async function validateChanged(repo: Repo, ...extra: string[]): Promise<{ code: number; results: FileResult[]; stderr: string }> {
  const { io, out } = cliIO(repo.dir);
  const code = await main(['validate', '--changed', '--base', 'main', '--format', 'json', ...extra], io);
  return { code, results: code === 2 ? [] : (JSON.parse(out.stdout) as FileResult[]), stderr: out.stderr };
}

const ruleHits = (result: FileResult) => result.diagnostics.map((d) => ({ rule: d.ruleId, severity: d.severity }));

describe('findChangeBase reading the configuration in its first round', () => {
  /** The base's tip gets `setup`'s files; HEAD goes back to `feature`, which has its own version of them. */
  function withBaseFiles(setup: (repo: Repo) => void): Repo {
    const repo = registryRepo();
    repo.git('checkout', '--quiet', 'main');
    setup(repo);
    repo.commit('base files');
    repo.git('checkout', '--quiet', 'feature');
    repo.write('dpg.config.yaml', "rules: {}\n# the change's own\n");
    repo.write('sub/dpg.config.yaml', "rules: {}\n# the change's own\n");
    repo.commit('change');
    return repo;
  }

  /** What the first round read ahead, and what reading the file on its own after it gives: they must agree. */
  async function both(repo: Repo, cwd: string, explicit?: string) {
    const prefetch = configPrefetch(cwd, explicit);
    const change = await findChangeBase({ cwd, base: 'main', ...(prefetch ? { prefetch } : {}) });
    const file = path
      .relative(repo.dir, explicit ? path.resolve(cwd, explicit) : path.join(cwd, 'dpg.config.yaml'))
      .split(path.sep)
      .join('/');
    return { change, file, separately: await readCommittedFile(change.root, change.tip, file, 1024 * 1024) };
  }

  it.each([
    { name: 'a file', setup: (r: Repo) => r.write('dpg.config.yaml', 'rules: {}\n# base\n'), kind: 'file' },
    {
      name: 'a symbolic link',
      setup: (r: Repo) => {
        r.write('real.yaml', 'rules: {}\n');
        symlinkSync('real.yaml', path.join(r.dir, 'dpg.config.yaml'));
      },
      kind: 'symlink',
    },
    { name: 'a folder', setup: (r: Repo) => r.write('dpg.config.yaml/inner.yaml', 'x: 1\n'), kind: 'special' },
    { name: 'absent', setup: () => {}, kind: undefined },
  ])("reads the base tip's configuration when it is $name, as a separate read would", async ({ setup, kind }) => {
    const repo = withBaseFiles(setup);
    const { change, file, separately } = await both(repo, repo.dir);
    expect(change.prefetched).toEqual({ commit: change.tip, file, committed: separately });
    expect(change.prefetched!.committed?.kind).toBe(kind);
    if (kind === 'file') expect(change.prefetched!.committed!.content!.toString('utf8')).toBe('rules: {}\n# base\n');
  });

  it('reads --config relative to a subfolder, with its path from the repository root', async () => {
    const repo = withBaseFiles((r) => r.write('sub/dpg.config.yaml', 'rules: {}\n# base, in sub\n'));
    const { change, separately } = await both(repo, path.join(repo.dir, 'sub'), 'dpg.config.yaml');
    expect(change.prefetched?.file).toBe('sub/dpg.config.yaml');
    expect(change.prefetched?.committed?.content?.toString('utf8')).toBe('rules: {}\n# base, in sub\n');
    expect(change.prefetched?.committed).toEqual(separately);
  });

  it('keeps the content of a file above the limit unread', async () => {
    const repo = withBaseFiles((r) => r.write('dpg.config.yaml', `# ${'x'.repeat(200)}\n`));
    const change = await findChangeBase({ cwd: repo.dir, base: 'main', prefetch: { path: 'dpg.config.yaml', maxBytes: 100 } });
    expect(change.prefetched?.committed).toEqual({ kind: 'file', size: 203 });
  });

  it('reads nothing ahead for a path outside the working directory, nor when the base is not the first candidate', async () => {
    const repo = withBaseFiles((r) => r.write('dpg.config.yaml', 'rules: {}\n'));
    expect(configPrefetch(path.join(repo.dir, 'sub'), '../dpg.config.yaml')).toBeUndefined();
    // No origin/main: the base is main, the second candidate, whose commit the read ahead did not name.
    const change = await findChangeBase({ cwd: repo.dir, prefetch: { path: 'dpg.config.yaml', maxBytes: 1024 } });
    expect(change.base).toBe('main');
    expect(change.prefetched).toBeUndefined();
  });
});

describe('dpg validate --changed', () => {
  it('reports only the nomination whose licence a branch breaks, exit 1', async () => {
    const repo = registryRepo();
    const { io } = cliIO(repo.dir);
    expect(await main(['validate', '--quiet'], io)).toBe(0);
    repo.write('nominations/beta.yaml', repo.read('nominations/beta.yaml').replace('spdx: GPL-3.0-only', 'spdx: CC-BY-ND-4.0'));
    repo.commit('beta under a no-derivatives licence');
    const { code, results } = await validateChanged(repo);
    expect(code).toBe(1);
    expect(results.map((r) => r.file)).toEqual(['nominations/beta.yaml']);
    expect(results[0]!.errorCount).toBeGreaterThan(0);
    expect(findRule('license/approved-for-category')).toBeDefined();
    expect(results[0]!.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)).toEqual(['license/approved-for-category']);
  });

  it('validates nothing and exits 0 when no nomination changed', async () => {
    const repo = registryRepo();
    const { code, results, stderr } = await validateChanged(repo);
    expect({ code, results }).toEqual({ code: 0, results: [] });
    expect(stderr).toMatch(/changes since main \(merge-base [0-9a-f]{12}\): 0 changed, 0 deleted, 0 other files/);
  });

  it('still compares a changed nomination with the whole registry', async () => {
    const repo = registryRepo();
    repo.write('nominations/delta.yaml', nomination('Delta', [['repositories', 0, 'url'], 'https://github.com/example-org/alpha']));
    repo.commit("delta copies alpha's repository");
    const { code, results } = await validateChanged(repo);
    expect(code).toBe(1);
    expect(results.map((r) => [r.file, r.diagnostics.map((d) => d.ruleId)])).toEqual([['nominations/delta.yaml', ['registry/duplicate']]]);
  });

  it('gives the same results from its index of the merge-base as without the cache, the registry being what git has', async () => {
    const repo = registryRepo();
    repo.write('nominations/delta.yaml', nomination('Delta', [['repositories', 0, 'url'], 'https://github.com/example-org/alpha']));
    repo.write('nominations/beta.yaml', nomination('Beta', [['aliases'], ['Gamma']]));
    repo.commit("delta copies alpha's repository, beta takes gamma's name as an alias");
    // A file git ignores is not part of the registry a change merges into.
    repo.write('.git/info/exclude', 'nominations/local-*.yaml\n');
    repo.write('nominations/local-copy.yaml', nomination('Delta'));
    const uncached = await validateChanged(repo, '--no-cache');
    const index = path.join(
      defaultCacheDirectory(repo.dir, { DPG_CACHE_DIR: process.env.DPG_CACHE_DIR }, repo.dir),
      'registry-index',
      `${repo.git('rev-parse', 'main').trim()}.jsonl`,
    );
    expect(existsSync(index)).toBe(false);
    const cold = await validateChanged(repo);
    expect(existsSync(index)).toBe(true);
    const warm = await validateChanged(repo);
    expect(uncached.results.map((r) => [r.file, r.diagnostics.map((d) => d.ruleId)])).toEqual([
      ['nominations/beta.yaml', ['registry/duplicate']],
      ['nominations/delta.yaml', ['registry/duplicate']],
    ]);
    expect(uncached.results[1]!.diagnostics[0]!.message).toContain('nominations/alpha.yaml');
    expect(cold).toEqual(uncached);
    expect(warm).toEqual(uncached);
  });

  it.each([
    {
      name: 'a deleted recognised DPG without a reason is an error',
      file: 'nominations/gamma.yaml',
      code: 1,
      expected: [
        { rule: 'git/deleted-nomination', severity: 'info' },
        { rule: 'git/delisting-without-reason', severity: 'error' },
      ],
    },
    {
      name: 'a deleted nominee is information only',
      file: 'nominations/beta.yaml',
      code: 0,
      expected: [{ rule: 'git/deleted-nomination', severity: 'info' }],
    },
  ])('$name', async ({ file, code, expected }) => {
    const repo = registryRepo();
    repo.remove(file);
    repo.commit('delete');
    const run = await validateChanged(repo);
    expect(run.code).toBe(code);
    expect(run.results.map((r) => r.file)).toEqual([file]);
    expect(ruleHits(run.results[0]!)).toEqual(expected);
    expect(run.results[0]!.reviewNotes).toEqual([]);
  });

  it('accepts deleting a delisted record, whose reason is in its history', async () => {
    const repo = registryRepo();
    repo.write(
      'nominations/gamma.yaml',
      nomination('Gamma', ...DPG_RECORD, [['stage'], 'delisted'], [['delisting'], { date: '2026-07-01', reason: 'project archived' }]),
    );
    repo.commit('delist gamma');
    repo.git('branch', '--force', 'main');
    repo.remove('nominations/gamma.yaml');
    repo.commit('remove delisted gamma');
    const run = await validateChanged(repo);
    expect(run.code).toBe(0);
    expect(ruleHits(run.results[0]!)).toEqual([{ rule: 'git/deleted-nomination', severity: 'info' }]);
    expect(run.results[0]!.diagnostics[0]!.message).toContain('stage: delisted');
  });

  it('warns about files outside the registry, unless allowedPaths lists them', async () => {
    const repo = registryRepo();
    repo.git('checkout', '--quiet', 'main');
    repo.write('dpg.config.yaml', 'allowedPaths:\n  - docs/**\n');
    repo.commit('config');
    repo.git('checkout', '--quiet', '-B', 'feature');
    repo.write('docs/guide.md', '# changed\n');
    repo.write('package.json', '{}\n');
    repo.commit('outside changes');
    const run = await validateChanged(repo);
    expect(run.code).toBe(0);
    expect(run.results.map((r) => [r.file, ruleHits(r)])).toEqual([['package.json', [{ rule: 'git/outside-path', severity: 'warning' }]]]);
    expect(run.results[0]!.diagnostics[0]!.message).toContain('package.json, outside the registry folder nominations/');
    expect(run.results[0]!.warningCount).toBe(1);
  });

  it('lets dpg.config.yaml turn the git rules off', async () => {
    const repo = registryRepo();
    repo.git('checkout', '--quiet', 'main');
    repo.write('dpg.config.yaml', 'rules:\n  git/outside-path: off\n  git/delisting-without-reason: warning\n');
    repo.commit('config');
    repo.git('checkout', '--quiet', '-B', 'feature');
    repo.write('README.md', '# changed\n');
    repo.remove('nominations/gamma.yaml');
    repo.commit('changes');
    const run = await validateChanged(repo);
    expect(run.code).toBe(0);
    expect(run.results.map((r) => [r.file, ruleHits(r)])).toEqual([
      [
        'nominations/gamma.yaml',
        [
          { rule: 'git/deleted-nomination', severity: 'info' },
          { rule: 'git/delisting-without-reason', severity: 'warning' },
        ],
      ],
    ]);
  });

  it('fails with exit 2 and the fetch hint in a shallow clone', async () => {
    const origin = registryRepo();
    origin.git('checkout', '--quiet', 'main');
    const dir = path.join(tempDir(), 'shallow');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${origin.dir}`, dir]);
    const { io, out } = cliIO(dir);
    expect(await main(['validate', '--changed', '--base', 'origin/feature'], io)).toBe(2);
    expect(out.stderr).toMatch(/^dpg: The base ref "origin\/feature" does not exist in this clone.*fetch-depth: 0/);
    expect(out.stdout).toBe('');
  });

  it.each([
    { name: '--base without --changed', argv: ['validate', '--base', 'main'], message: '--base only applies with --changed' },
    { name: '--changed with paths', argv: ['validate', '--changed', 'nominations/alpha.yaml'], message: 'give either paths or --changed' },
  ])('rejects $name', async ({ argv, message }) => {
    const repo = registryRepo();
    const { io, out } = cliIO(repo.dir);
    expect(await main(argv, io)).toBe(2);
    expect(out.stderr).toContain(message);
  });

  it('judges a hidden draft renamed into the registry as a new record: its stage dpg is a decision', async () => {
    const repo = registryRepo();
    const draft = nomination('Delta', ...DPG_RECORD);
    repo.write('nominations/.drafts/delta.yaml', draft);
    repo.commit('a draft, merged earlier');
    repo.git('branch', '--force', 'main');
    repo.git('mv', 'nominations/.drafts/delta.yaml', 'nominations/delta.yaml');
    repo.commit('publish the draft');
    const run = await validateChanged(repo);
    const delta = run.results.find((r) => r.file === 'nominations/delta.yaml')!;
    const decision = delta.diagnostics.find((d) => d.ruleId === 'git/decision')!;
    expect(decision.line).toBe(lineOf(draft, 'stage:'));
    expect(decision.message).toContain('stage none (renamed from nominations/.drafts/delta.yaml) → dpg');
    expect(run.results.map((r) => r.file).sort()).toEqual(['nominations/.drafts/delta.yaml', 'nominations/delta.yaml']);
  });

  it('judges a renamed recognised DPG as its removal plus a new record, even when both are edited', async () => {
    const repo = registryRepo();
    repo.git('mv', 'nominations/gamma.yaml', 'nominations/evil-gamma.yaml');
    repo.write('nominations/evil-gamma.yaml', repo.read('nominations/evil-gamma.yaml').replace('name: Gamma', 'name: Evil Gamma'));
    repo.commit('rename gamma');
    const run = await validateChanged(repo);
    expect(run.code).toBe(1);
    const byFile = Object.fromEntries(run.results.map((r) => [r.file, r]));
    expect(ruleHits(byFile['nominations/gamma.yaml']!)).toEqual([
      { rule: 'git/deleted-nomination', severity: 'info' },
      { rule: 'git/delisting-without-reason', severity: 'error' },
    ]);
    expect(byFile['nominations/gamma.yaml']!.diagnostics[0]!.message).toContain(
      'renames the nomination (stage: dpg) to nominations/evil-gamma.yaml',
    );
    const decisions = byFile['nominations/evil-gamma.yaml']!.diagnostics.filter((d) => d.ruleId === 'git/decision').map((d) => d.message);
    expect(decisions).toEqual([expect.stringContaining('stage none (renamed from nominations/gamma.yaml) → dpg')]);
  });

  it('lets a nominee be renamed with information only', async () => {
    const repo = registryRepo();
    repo.git('mv', 'nominations/beta.yaml', 'nominations/beta-platform.yaml');
    repo.write('nominations/beta-platform.yaml', repo.read('nominations/beta-platform.yaml').replace('name: Beta', 'name: Beta Platform'));
    repo.commit('rename beta');
    const run = await validateChanged(repo);
    expect(run.results.map((r) => [r.file, ruleHits(r)])).toEqual([
      ['nominations/beta-platform.yaml', []],
      ['nominations/beta.yaml', [{ rule: 'git/deleted-nomination', severity: 'info' }]],
    ]);
    expect(run.code).toBe(0);
  });

  it('judges a copy of a recognised DPG as a new record', async () => {
    const repo = registryRepo();
    repo.write(
      'nominations/gamma-copy.yaml',
      repo.read('nominations/gamma.yaml').replace('name: Gamma', 'name: Gamma Copy').replace('example-org/gamma', 'example-org/gamma-copy'),
    );
    repo.commit('copy gamma');
    const run = await validateChanged(repo);
    expect(run.results.map((r) => [r.file, r.diagnostics.map((d) => d.ruleId)])).toEqual([
      ['nominations/gamma-copy.yaml', ['git/decision']],
    ]);
  });

  it.each([
    {
      name: 'a type change: a DPG made a symlink',
      change: (r: Repo) => {
        r.remove('nominations/gamma.yaml');
        symlinkSync('alpha.yaml', path.join(r.dir, 'nominations/gamma.yaml'));
      },
      file: 'nominations/gamma.yaml',
    },
    {
      name: 'an added symbolic link to a file outside the repository',
      change: (r: Repo) => symlinkSync('/etc/hostname', path.join(r.dir, 'nominations/delta.yaml')),
      file: 'nominations/delta.yaml',
    },
    {
      name: 'a review record that is a symbolic link',
      change: (r: Repo) => {
        mkdirSync(path.join(r.dir, 'reviews/alpha'), { recursive: true });
        symlinkSync('../../nominations/alpha.yaml', path.join(r.dir, 'reviews/alpha/someone.yaml'));
      },
      file: 'reviews/alpha/someone.yaml',
    },
  ])('reports $name as registry/regular-file and never reads it', async ({ change, file }) => {
    for (const committed of [true, false]) {
      const repo = registryRepo();
      change(repo);
      if (committed) repo.commit('a link');
      const run = await validateChanged(repo);
      expect(run.code, committed ? 'committed' : 'untracked or unstaged').toBe(1);
      expect(run.results.map((r) => [r.file, ruleHits(r)])).toEqual([[file, [{ rule: 'registry/regular-file', severity: 'error' }]]]);
      expect(run.results[0]!.diagnostics[0]!.message).toContain('is a symbolic link');
    }
  });

  it('reports a submodule where a nomination belongs as registry/regular-file', async () => {
    const repo = registryRepo();
    const commit = repo.git('rev-parse', 'HEAD').trim();
    repo.git('update-index', '--add', '--cacheinfo', `160000,${commit},nominations/delta.yaml`);
    repo.git('commit', '--quiet', '--message', 'a submodule');
    // A checkout leaves an empty folder where a submodule that is not initialised goes.
    mkdirSync(path.join(repo.dir, 'nominations/delta.yaml'));
    const run = await validateChanged(repo);
    expect(run.code).toBe(1);
    expect(run.results.map((r) => [r.file, ruleHits(r)])).toEqual([
      ['nominations/delta.yaml', [{ rule: 'registry/regular-file', severity: 'error' }]],
    ]);
    expect(run.results[0]!.diagnostics[0]!.message).toContain('is a git submodule');
  });

  it('does not read base versions above the size limit: reported by yaml/limits, the change judged as if the file were new', async () => {
    const repo = registryRepo();
    const padding = `# ${'x'.repeat(1024 * 1024)}\n`;
    repo.write('nominations/alpha.yaml', nomination('Alpha', ...DPG_RECORD) + padding);
    repo.write('nominations/beta.yaml', nomination('Beta', ...DPG_RECORD) + padding);
    repo.commit('two oversized records');
    repo.git('branch', '--force', 'main');
    repo.write('nominations/alpha.yaml', nomination('Alpha', ...DPG_RECORD));
    repo.remove('nominations/beta.yaml');
    repo.commit('shrink alpha, delete beta');
    const run = await validateChanged(repo);
    expect(run.code).toBe(1);
    expect(run.results.map((r) => [r.file, r.diagnostics.map((d) => d.ruleId)])).toEqual([
      ['nominations/alpha.yaml', ['yaml/limits', 'git/decision']],
      ['nominations/beta.yaml', ['git/deleted-nomination', 'yaml/limits']],
    ]);
    expect(run.results[0]!.diagnostics[0]!.message).toMatch(
      /at the merge-base [0-9a-f]{12} is \d+ bytes, above the limit of 1048576 bytes/,
    );
    expect(run.results[1]!.diagnostics[0]!.message).toContain('stage: unknown');
  });

  describe('reads the configuration from the base branch', () => {
    /** A branch whose nomination breaks the licence rule, and whose own dpg.config.yaml turns that rule off. */
    function silencingBranch(repo: Repo, configFile = 'dpg.config.yaml'): void {
      repo.write('nominations/beta.yaml', repo.read('nominations/beta.yaml').replace('spdx: GPL-3.0-only', 'spdx: CC-BY-ND-4.0'));
      repo.write(configFile, 'rules:\n  license/approved-for-category: off\n  git/outside-path: off\n');
      repo.commit('silence the licence rule');
    }

    const licenceErrors = (results: FileResult[]) =>
      results.flatMap((r) => r.diagnostics).filter((d) => d.ruleId === 'license/approved-for-category');

    it('ignores a configuration the change adds, and reports it as a decision', async () => {
      const repo = registryRepo();
      silencingBranch(repo);
      const run = await validateChanged(repo);
      expect(run.code).toBe(1);
      expect(licenceErrors(run.results)).toHaveLength(1);
      const config = run.results.find((r) => r.file === 'dpg.config.yaml')!;
      // Findings at the same place are in rule id order.
      expect(ruleHits(config)).toEqual([
        { rule: 'git/decision', severity: 'info' },
        { rule: 'git/outside-path', severity: 'warning' },
      ]);
      expect(config.diagnostics[0]!.message).toBe(
        'This change adds dpg.config.yaml, the registry configuration (rules, severities, paths, review settings): a decision; needs a maintainer. ' +
          "This check uses the version on main, not the change's.",
      );
    });

    it("uses the base's version of a configuration the change modifies, tip of the base rather than merge-base", async () => {
      const repo = registryRepo();
      repo.git('checkout', '--quiet', 'main');
      repo.write('dpg.config.yaml', 'rules:\n  license/approved-for-category: warning\n');
      repo.commit('lenient config');
      repo.git('checkout', '--quiet', '-B', 'feature');
      silencingBranch(repo);
      // The base tightens its policy after the branch was made: the change is judged by the policy now.
      repo.git('checkout', '--quiet', 'main');
      repo.write('dpg.config.yaml', 'rules:\n  license/approved-for-category: error\n');
      repo.commit('strict config');
      repo.git('checkout', '--quiet', 'feature');
      const run = await validateChanged(repo);
      expect(run.code).toBe(1);
      expect(licenceErrors(run.results).map((d) => d.severity)).toEqual(['error']);
      expect(ruleHits(run.results.find((r) => r.file === 'dpg.config.yaml')!)).toContainEqual({ rule: 'git/decision', severity: 'info' });
    });

    it("reads --config from the base too, so a path to the change's own file fails with exit 2", async () => {
      const repo = registryRepo();
      silencingBranch(repo, 'my-config.yaml');
      const run = await validateChanged(repo, '--config', 'my-config.yaml');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('my-config.yaml does not exist on main');
    });

    it('ignores an uncommitted configuration in the working tree', async () => {
      const repo = registryRepo();
      silencingBranch(repo);
      repo.git('reset', '--quiet', '--soft', 'HEAD~1');
      repo.git('reset', '--quiet');
      const run = await validateChanged(repo);
      expect(run.code).toBe(1);
      expect(licenceErrors(run.results)).toHaveLength(1);
    });

    it.each([
      {
        name: 'invalid',
        write: (r: Repo) => r.write('dpg.config.yaml', 'rules: [\n'),
        message: /dpg\.config\.yaml on main:2:1 {2}not valid YAML/,
      },
      {
        name: 'unknown rule',
        write: (r: Repo) => r.write('dpg.config.yaml', 'rules:\n  no/such-rule: off\n'),
        message: /unknown rule "no\/such-rule"/,
      },
      {
        name: 'a symbolic link',
        write: (r: Repo) => {
          r.write('real.yaml', 'rules: {}\n');
          symlinkSync('real.yaml', path.join(r.dir, 'dpg.config.yaml'));
        },
        message: /dpg\.config\.yaml on main is a symbolic link/,
      },
    ])('stops with exit 2 on a base configuration that is $name, never falling back to defaults', async ({ write, message }) => {
      const repo = registryRepo();
      repo.git('checkout', '--quiet', 'main');
      write(repo);
      repo.commit('base config');
      repo.git('checkout', '--quiet', '-B', 'feature');
      // The change mends the file, which does not count for its own check.
      repo.remove('dpg.config.yaml');
      repo.write('dpg.config.yaml', 'rules: {}\n');
      repo.commit('mend');
      const run = await validateChanged(repo);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    });

    it('reports a change to the reviewers file as a decision', async () => {
      const repo = registryRepo();
      repo.write('reviewers.yaml', 'maintainers: []\n');
      repo.commit('reviewers');
      const run = await validateChanged(repo);
      const reviewers = run.results.find((r) => r.file === 'reviewers.yaml')!;
      expect(reviewers.diagnostics.filter((d) => d.ruleId === 'git/decision').map((d) => d.message)).toEqual([
        "This change adds reviewers.yaml, the registry's maintainers and reviewers: a decision; needs a maintainer. " +
          "Reviews and decisions are checked against the version on main, not the change's.",
      ]);
    });
  });
});
