/**
 * Path below `prefix` (a folder relative to the repository root, with a trailing slash, or "" for the
 * root) → git blob id, from the output of `git ls-tree -r -z --full-tree <commit> -- <folder>`.
 */
export function blobIdsFromLsTree(output: string, prefix: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const record of output.split('\0')) {
    // "<mode> blob <id>\t<path>"
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [, type, id] = record.slice(0, tab).split(' ');
    const file = record.slice(tab + 1);
    if (type === 'blob' && id && file.startsWith(prefix)) ids.set(file.slice(prefix.length), id);
  }
  return ids;
}
