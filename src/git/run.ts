import { spawn } from 'node:child_process';

/** git exited with a failure; `stderr` is what it said. */
export class GitError extends Error {
  constructor(readonly args: readonly string[], readonly exitCode: number | null, readonly stderr: string) {
    super(`git ${args.join(' ')} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ${stderr.trim() || 'no message'}`);
    this.name = 'GitError';
  }
}

export interface GitOptions {
  cwd: string;
  /** Written to git's standard input, which is then closed. */
  input?: string;
}

/**
 * Runs git with `args` (never through a shell) and resolves to its standard output, raw; rejects with a
 * GitError when git cannot start or exits with a failure. The environment stops git from prompting for
 * credentials or opening a pager.
 */
export function runGit(args: readonly string[], options: GitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new GitError(args, null, error.message)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(args, code, Buffer.concat(err).toString('utf8')));
    });
    if (options.input !== undefined) {
      // git may exit before reading everything (a bad argument): the broken pipe is its error to report.
      child.stdin!.on('error', () => {});
      child.stdin!.end(options.input);
    }
  });
}

/** runGit's output as text, without the final newline. */
export async function gitText(args: readonly string[], options: GitOptions): Promise<string> {
  return (await runGit(args, options)).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * The content of each object named (`<commit>:<path>` and the like), undefined for a name git does not
 * have: one `git cat-file --batch` reads them all, except names holding a newline, which its input cannot
 * carry; those are read one by one.
 */
export async function readObjects(names: readonly string[], cwd: string): Promise<Array<Buffer | undefined>> {
  const batched = names.filter((name) => !name.includes('\n'));
  const [output, ...single] = await Promise.all([
    batched.length ? runGit(['cat-file', '--batch'], { cwd, input: batched.map((name) => `${name}\n`).join('') }) : Buffer.alloc(0),
    ...names.filter((name) => name.includes('\n')).map((name) => runGit(['cat-file', 'blob', name], { cwd }).catch(() => undefined)),
  ]);
  const objects: Array<Buffer | undefined> = [];
  let at = 0;
  for (const name of names) {
    if (name.includes('\n')) {
      objects.push(single.shift());
      continue;
    }
    const eol = output!.indexOf(10, at);
    if (eol < 0) throw new GitError(['cat-file', '--batch'], 0, 'output ended early');
    // "<id> <type> <size>" before the content and a newline; "<name> missing" (or "ambiguous") without.
    const size = /^[0-9a-f]+ \S+ (\d+)$/.exec(output!.subarray(at, eol).toString('utf8'));
    at = eol + 1;
    if (!size) {
      objects.push(undefined);
      continue;
    }
    const length = Number(size[1]);
    objects.push(output!.subarray(at, at + length));
    at += length + 1;
  }
  return objects;
}
