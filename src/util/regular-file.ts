import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';

/** What identifies a file's content without reading it, as git's index does: size, times and inode. */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
  mode: number;
}

/** Why a file was not read. */
export type ReadProblem =
  | { problem: 'missing' }
  | { problem: 'symlink' }
  | { problem: 'notRegular'; kind: string }
  | { problem: 'tooLarge'; size: number; limit: number; atLeast: boolean }
  | { problem: 'unreadable'; code: string };

export interface RegularRead {
  bytes: Buffer;
  /** The opened file's identity, as fstat gave it before the read. */
  identity: FileIdentity;
}

// O_NOFOLLOW refuses a link swapped in after the lstat; O_NONBLOCK keeps a pipe swapped in from blocking the open.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** The kind of a file that is not regular, in words for messages. */
function fileKind(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'symbolic link';
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'named pipe';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  return 'special file';
}

function identityOf(stats: Stats): FileIdentity {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, dev: stats.dev, mode: stats.mode };
}

function problemOfError(err: unknown): ReadProblem {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing' };
  // ELOOP: O_NOFOLLOW met a link; ENXIO: a socket, or a device without its driver.
  if (code === 'ELOOP') return { problem: 'symlink' };
  if (code === 'ENXIO' || code === 'EISDIR') return { problem: 'notRegular', kind: code === 'EISDIR' ? 'folder' : 'special file' };
  return { problem: 'unreadable', code };
}

/** The identity of `file` when it is a regular file itself (a link is never followed), else undefined. */
export function regularFileIdentity(file: string): FileIdentity | undefined {
  try {
    const stats = lstatSync(file);
    return stats.isFile() ? identityOf(stats) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether anything is at `file`, a dangling link included. */
export function entryExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a file that must be a regular file of at most `maxBytes`: a symbolic link is never followed, and a
 * pipe, device, socket or folder never opened for reading. The checks are made on the opened descriptor
 * (fstat) and the read stops after `maxBytes + 1` bytes, so a file that grows or is swapped after the
 * checks is still never read past the limit. Never throws: a refusal says why.
 */
export function readRegularFile(file: string, maxBytes: number): RegularRead | ReadProblem {
  try {
    const linkStats = lstatSync(file);
    if (linkStats.isSymbolicLink()) return { problem: 'symlink' };
    if (!linkStats.isFile()) return { problem: 'notRegular', kind: fileKind(linkStats) };
  } catch (err) {
    return problemOfError(err);
  }
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (err) {
    return problemOfError(err);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: 'notRegular', kind: fileKind(stats) };
    if (stats.size > maxBytes) return { problem: 'tooLarge', size: stats.size, limit: maxBytes, atLeast: false };
    // Sized by fstat, grown when the file holds more than it said (it grew, or reports no size), up to the limit + 1.
    let buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return { problem: 'tooLarge', size: length, limit: maxBytes, atLeast: true };
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(buffer.length * 2, 4096)));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { bytes: buffer.subarray(0, length), identity: identityOf(stats) };
  } catch (err) {
    return problemOfError(err);
  } finally {
    closeSync(fd);
  }
}

export function isReadProblem(outcome: RegularRead | ReadProblem): outcome is ReadProblem {
  return 'problem' in outcome;
}

/** A refusal in words, after the file's name: "is a symbolic link", "is 3000000 bytes, above the limit of …". */
export function describeReadProblem(problem: ReadProblem): string {
  switch (problem.problem) {
    case 'missing':
      return 'does not exist';
    case 'symlink':
      return 'is a symbolic link, which dpg never follows';
    case 'notRegular':
      return `is a ${problem.kind}, not a regular file`;
    case 'tooLarge':
      return problem.atLeast
        ? `holds more than the limit of ${problem.limit} bytes`
        : `is ${problem.size} bytes, above the limit of ${problem.limit} bytes`;
    case 'unreadable':
      return `cannot be read (${problem.code})`;
  }
}
