import { spawn } from 'node:child_process';

/** git exited with a failure; `stderr` is what it said. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ${stderr.trim() || 'no message'}`);
    this.name = 'GitError';
  }
}

export interface GitOptions {
  cwd: string;
}

// What could make git prompt, open a program of the environment's choosing, or page its output. The rest of
// the environment (GIT_DIR, GIT_CONFIG_GLOBAL and the like, which tests and CI set) is passed on.
const INTERACTIVE_VARIABLES = new Set([
  'EDITOR',
  'VISUAL',
  'PAGER',
  'GIT_PAGER',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_PROXY_COMMAND',
  'GIT_EXTERNAL_DIFF',
]);

// dpg only reads the repository: GIT_OPTIONAL_LOCKS=0 keeps git from refreshing the index as a side effect (git
// status would), which takes its lock and can make a commit or an add running beside dpg, as in a pre-commit hook, fail.
const FIXED_VARIABLES: Readonly<Record<string, string>> = { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };

/** The environment git runs with: the process's, without what could prompt, page or edit, and with FIXED_VARIABLES. */
export function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...FIXED_VARIABLES };
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !INTERACTIVE_VARIABLES.has(name.toUpperCase()) && !Object.hasOwn(FIXED_VARIABLES, name)) env[name] = value;
  }
  return env;
}

/**
 * Runs git with `args` through simple-git (which never uses a shell) and resolves to its standard output;
 * rejects with a GitError when git cannot start or exits with a failure, whether or not it wrote to stderr.
 * simple-git is loaded on first use, so that commands that never run git do not pay for it at start-up.
 * simple-git waits 50 ms more for a process that printed nothing (no setting turns this off): on a path where speed
 * counts, choose a git command that always prints something (see changed.ts).
 */
export async function runGit(args: readonly string[], options: GitOptions): Promise<Buffer> {
  const { simpleGit } = await import('simple-git');
  // simple-git wraps what its error handler returns: the exit code and stderr are kept here for our own error.
  let failure: { exitCode: number; stderr: string } | undefined;
  try {
    const git = simpleGit({
      baseDir: options.cwd,
      // The user's and CI's own git configuration (GIT_CONFIG_GLOBAL, GIT_CONFIG_COUNT…) is honoured as given.
      unsafe: { allowUnsafeConfigPaths: true, allowUnsafeConfigEnvCount: true },
      errors(error, result) {
        if (result.exitCode === 0 && !(error instanceof Error)) return undefined;
        failure = { exitCode: result.exitCode, stderr: Buffer.concat(result.stdErr).toString('utf8') };
        return error instanceof Error ? error : new Error(failure.stderr || `exit ${result.exitCode}`);
      },
    }).env(gitEnvironment());
    return Buffer.from(await git.raw(['--no-pager', ...args]), 'utf8');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw failure ? new GitError(args, failure.exitCode, failure.stderr || message) : new GitError(args, null, message);
  }
}

/** runGit's output as text, without the final newline. */
export async function gitText(args: readonly string[], options: GitOptions): Promise<string> {
  return (await runGit(args, options)).toString('utf8').replace(/\r?\n$/, '');
}

/** An object `git cat-file --batch` names. */
export interface GitObject {
  /** Its object id. */
  id: string;
  /** `blob`, `tree`, `commit` or `tag`. */
  type: string;
  /** Its size in bytes, from the header git writes before the content. */
  size: number;
  /** The content; undefined when the object is larger than the `maxBytes` asked for, which is then never held in memory. */
  content?: Buffer;
}

/**
 * Each object named (`<commit>:<path>` and the like), undefined for a name git does not have. One `git
 * cat-file --batch` reads them all; its header gives each object's size before the content, so content
 * above `maxBytes` is skipped as it streams past rather than kept. A name holding a newline, which the
 * batch input cannot carry, is first resolved to its object id.
 */
export async function readObjectsWithin(names: readonly string[], cwd: string, maxBytes = Infinity): Promise<Array<GitObject | undefined>> {
  if (!names.length) return [];
  const ids = await Promise.all(
    names.map((name) => (name.includes('\n') ? gitText(['rev-parse', '--verify', '--quiet', name], { cwd }).catch(() => undefined) : name)),
  );
  const batched = ids.filter((id): id is string => id !== undefined);
  const objects = batched.length ? await catFileBatch(batched, cwd, maxBytes) : [];
  let at = 0;
  return ids.map((id) => (id === undefined ? undefined : objects[at++]));
}

/** The content of each object named, undefined for a name git does not have (see readObjectsWithin). */
export async function readObjects(names: readonly string[], cwd: string): Promise<Array<Buffer | undefined>> {
  return (await readObjectsWithin(names, cwd)).map((object) => object?.content);
}

function catFileBatch(names: readonly string[], cwd: string, maxBytes: number): Promise<Array<GitObject | undefined>> {
  const args = ['cat-file', '--batch'];
  return new Promise((resolve, reject) => {
    // simple-git cannot stream a process's input and output together: this one stays a direct spawn.
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: gitEnvironment() });
    const objects: Array<GitObject | undefined> = [];
    const err: Buffer[] = [];
    let header: Buffer[] = [];
    // The object being read: its bytes still to come, and the parts kept (none when it is too large).
    let current: { object: GitObject; remaining: number; parts?: Buffer[] } | undefined;
    let separator = false;
    const finish = (): void => {
      if (current!.parts) current!.object.content = Buffer.concat(current!.parts);
      objects.push(current!.object);
      current = undefined;
      separator = true;
    };
    child.stdout.on('data', (chunk: Buffer) => {
      let at = 0;
      while (at < chunk.length) {
        if (current) {
          const take = Math.min(current.remaining, chunk.length - at);
          current.parts?.push(chunk.subarray(at, at + take));
          current.remaining -= take;
          at += take;
          if (current.remaining === 0) finish();
        } else if (separator) {
          // The newline git writes after each object's content.
          separator = false;
          at += 1;
        } else {
          const eol = chunk.indexOf(10, at);
          if (eol < 0) {
            header.push(chunk.subarray(at));
            break;
          }
          header.push(chunk.subarray(at, eol));
          at = eol + 1;
          // "<id> <type> <size>" before the content; "<name> missing" (or "ambiguous") without.
          const line = Buffer.concat(header).toString('utf8');
          header = [];
          const match = /^([0-9a-f]+) (\S+) (\d+)$/.exec(line);
          if (!match) {
            objects.push(undefined);
            continue;
          }
          const size = Number(match[3]);
          current = { object: { id: match[1]!, type: match[2]!, size }, remaining: size, ...(size <= maxBytes ? { parts: [] } : {}) };
          if (size === 0) finish();
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(args, null, error.message)));
    child.on('close', (code) => {
      if (code !== 0) reject(new GitError(args, code, Buffer.concat(err).toString('utf8')));
      else if (objects.length !== names.length || current) reject(new GitError(args, 0, 'output ended early'));
      else resolve(objects);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(names.map((name) => `${name}\n`).join(''));
  });
}
