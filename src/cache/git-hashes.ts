import { execFileSync } from 'node:child_process';

/**
 * Path below `folder` (forward slashes) → git blob id of every file under `folder` (relative to the
 * repository root, forward slashes) at `commit`, from one `git ls-tree`: the content hashes of files a
 * change leaves untouched, known without reading them.
 */
export function blobIdsAt(root: string, commit: string, folder: string): Map<string, string> {
  const ids = new Map<string, string>();
  let output: string;
  try {
    output = execFileSync('git', ['ls-tree', '-r', '-z', '--full-tree', commit, '--', folder || '.'], {
      cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return ids;
  }
  const prefix = folder ? `${folder}/` : '';
  for (const record of output.split('\0')) {
    // "<mode> blob <id>\t<path>"
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [, type, id] = record.slice(0, tab).split(' ');
    if (type === 'blob' && id) ids.set(record.slice(tab + 1 + prefix.length), id);
  }
  return ids;
}
