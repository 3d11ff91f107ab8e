import path from 'node:path';

/** Whether a path is absolute and normalised: no `.` or `..` segments, no doubled or trailing separator. */
function isPlainAbsolute(p: string): boolean {
  return path.isAbsolute(p) && !p.includes(`${path.sep}.`) && !p.includes(path.sep + path.sep);
}

/**
 * The path of `file` relative to `dir` (native separators) when `file` is strictly inside it, else
 * undefined. Called per file of large registries: plain absolute paths are compared as strings, without
 * path.relative.
 */
export function pathBelow(file: string, dir: string): string | undefined {
  if (isPlainAbsolute(file) && isPlainAbsolute(dir) && !file.endsWith(path.sep)) {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    return file.startsWith(prefix) && file.length > prefix.length ? file.slice(prefix.length) : undefined;
  }
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : undefined;
}
