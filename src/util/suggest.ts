import { distance } from 'fastest-levenshtein';

/** The candidate closest to `input` when it is a plausible typo of it, else undefined. */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  const allowed = input.length <= 3 ? 1 : Math.min(3, Math.max(2, Math.floor(input.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c === needle) return candidate;
    // The edit distance is at least the difference in length: skip what cannot be close enough (and long input costs nothing).
    if (Math.abs(c.length - needle.length) > allowed) continue;
    const d = distance(needle, c);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = closest(input, candidates);
  return match ? ` Did you mean "${match}"?` : '';
}
