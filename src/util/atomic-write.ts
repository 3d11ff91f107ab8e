import { lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The file a write may replace: the one read (device and inode), so a link or another file put there meanwhile is left alone. */
export interface ReplacedFile {
  dev: number;
  ino: number;
}

/**
 * Writes `content` to `file` through a temporary file in the same folder and a rename, so a reader never
 * sees half a file. The temporary file is created exclusively (an existing file or link there is never
 * followed) and removed when the write fails; the error is thrown. The rename replaces a link at `file`
 * rather than writing through it; with `replacing`, `file` must still be that regular file, else nothing
 * is replaced and the write throws.
 */
export function writeFileAtomically(file: string, content: string | Uint8Array, mode?: number, replacing?: ReplacedFile): void {
  const unique = `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${unique}.tmp`);
  try {
    writeFileSync(temporary, content, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    if (replacing) {
      const present = lstatSync(file);
      if (!present.isFile() || present.dev !== replacing.dev || present.ino !== replacing.ino) {
        throw new Error(`${file} was replaced while it was being rewritten; it is left as it is now.`);
      }
    }
    renameSync(temporary, file);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}
