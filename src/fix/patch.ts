import { styles } from '../formatters/stylish.js';

/** A unified diff for the terminal: additions green, removals red, hunk headers blue and file headers dim, with `color`. */
export function colorPatch(patch: string, options: { color?: boolean } = {}): string {
  if (!options.color) return patch;
  const paint = styles(true);
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++ ') || line.startsWith('--- ') || line.startsWith('=====') || line.startsWith('Index: '))
        return paint.dim(line);
      if (line.startsWith('@@')) return paint.info(line);
      if (line.startsWith('+')) return paint.ok(line);
      if (line.startsWith('-')) return paint.error(line);
      return line;
    })
    .join('\n');
}
