import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/runner/cache/results-cache.js';
import { GitError, gitEnvironment, gitText, readObjects, readObjectsWithin, runGit } from '../../src/runner/git/run.js';

let dir: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

/** Files of the one commit of the test repository. */
const FILES: Record<string, Buffer> = {
  'plain.yaml': Buffer.from('name: Plain\n'),
  // Bytes that would confuse a reader splitting on newlines or NULs, and no final newline.
  'binary.bin': Buffer.from([0, 10, 13, 10, 255, 0, 49, 10, 10]),
  'empty.yaml': Buffer.alloc(0),
  'new\nline.yaml': Buffer.from('name: Newline\n'),
  'with space.yaml': Buffer.from('name: Space\n'),
  // Larger than a pipe's buffer, so it streams past in many chunks.
  'huge.yaml': Buffer.alloc(3 * 1024 * 1024, 'a'),
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dpg-git-run-'));
  git('init', '--quiet', '-b', 'main');
  for (const [name, content] of Object.entries(FILES)) writeFileSync(path.join(dir, name), content);
  git('add', '--all');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'files');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runGit', () => {
  it("gives git's output, raw", async () => {
    expect(await gitText(['rev-parse', '--is-inside-work-tree'], { cwd: dir })).toBe('true');
    expect(await gitText(['rev-parse', 'HEAD:plain.yaml'], { cwd: dir })).toBe(contentHash(FILES['plain.yaml']!));
    expect((await runGit(['show', 'HEAD:plain.yaml'], { cwd: dir })).toString('utf8')).toBe('name: Plain\n');
  });

  it('rejects a failure that git reports by its exit code alone', async () => {
    const error = await runGit(['rev-parse', '--verify', '--quiet', 'no-such-branch'], { cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).exitCode).toBe(1);
  });

  it('never lets the environment open a pager, an editor or an external diff', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { GIT_PAGER: 'false', PAGER: 'false', GIT_EXTERNAL_DIFF: 'false', EDITOR: 'false' });
    try {
      expect(await gitText(['log', '-1', '--format=%s'], { cwd: dir })).toBe('files');
    } finally {
      for (const name of ['GIT_PAGER', 'PAGER', 'GIT_EXTERNAL_DIFF', 'EDITOR']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });

  it('passes the environment on, but git never prompts and never takes optional locks, whatever it says', () => {
    const names = ['GIT_TERMINAL_PROMPT', 'GIT_OPTIONAL_LOCKS', 'constructor', 'DPG_PASSED_ON', 'GIT_EDITOR'];
    const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    Object.assign(process.env, {
      GIT_TERMINAL_PROMPT: '1',
      GIT_OPTIONAL_LOCKS: '1',
      constructor: 'kept',
      DPG_PASSED_ON: 'yes',
      GIT_EDITOR: 'vi',
    });
    try {
      const env = gitEnvironment();
      expect(env).toMatchObject({ GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', constructor: 'kept', DPG_PASSED_ON: 'yes' });
      expect(Object.hasOwn(env, 'GIT_EDITOR')).toBe(false);
    } finally {
      for (const name of names) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    }
  });

  it("rejects with git's exit code and message", async () => {
    const error = await runGit(['rev-parse', '--verify', 'no-such-branch'], { cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).exitCode).toBe(128);
    expect((error as GitError).stderr).toMatch(/no-such-branch|Needed a single revision/);
    expect((error as GitError).message).toContain('git rev-parse --verify no-such-branch failed (exit 128)');
  });

  it('rejects when git cannot start there', async () => {
    const error = await runGit(['status'], { cwd: path.join(dir, 'missing-folder') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitError);
    expect((error as GitError).exitCode).toBeNull();
  });
});

describe('readObjects', () => {
  it('reads every object named, byte for byte, in order, with undefined for what git does not have', async () => {
    const names = ['binary.bin', 'missing.yaml', 'plain.yaml', 'new\nline.yaml', 'empty.yaml', 'with space.yaml', 'gone\nalso.yaml'];
    const objects = await readObjects(
      names.map((name) => `HEAD:${name}`),
      dir,
    );
    expect(objects).toHaveLength(names.length);
    names.forEach((name, index) => {
      const expected = FILES[name];
      if (expected === undefined) expect(objects[index], name).toBeUndefined();
      else expect(objects[index]?.equals(expected), name).toBe(true);
    });
  });

  it('starts no git for no names', async () => {
    expect(await readObjects([], path.join(dir, 'missing-folder'))).toEqual([]);
  });

  it("skips the content of objects above a size, giving their type and size from git's header", async () => {
    const names = ['plain.yaml', 'huge.yaml', 'missing.yaml', 'new\nline.yaml', 'empty.yaml', 'binary.bin'];
    const objects = await readObjectsWithin(
      names.map((name) => `HEAD:${name}`),
      dir,
      100,
    );
    expect(objects.map((o) => o && { type: o.type, size: o.size, read: o.content !== undefined })).toEqual([
      { type: 'blob', size: 12, read: true },
      { type: 'blob', size: 3 * 1024 * 1024, read: false },
      undefined,
      { type: 'blob', size: 14, read: true },
      { type: 'blob', size: 0, read: true },
      { type: 'blob', size: 9, read: true },
    ]);
    // Whatever follows a skipped object is read whole.
    expect(objects[5]!.content!.equals(FILES['binary.bin']!)).toBe(true);
    expect(objects[3]!.content!.toString()).toBe('name: Newline\n');
  });

  it('names a tree by its type without reading it as a file', async () => {
    const [tree] = await readObjectsWithin(['HEAD^{tree}'], dir, 1 << 20);
    expect(tree?.type).toBe('tree');
  });
});
