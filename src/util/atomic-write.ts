import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes `content` to `file` through a temporary file in the same folder and a rename, so a reader never
 * sees half a file. The temporary file is created exclusively (an existing file or link there is never
 * followed) and removed when the write fails; the error is thrown.
 */
export function writeFileAtomically(file: string, content: string | Uint8Array, mode?: number): void {
  const unique = `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${unique}.tmp`);
  try {
    writeFileSync(temporary, content, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    renameSync(temporary, file);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}
