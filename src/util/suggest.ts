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

function bareWord(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * For a small fixed vocabulary (the values of an enum): a typo as `closest` finds it, else the one word
 * the input extends or abbreviates ("dataset" → "data", "ai" → "ai-model").
 */
export function closestTerm(input: string, vocabulary: readonly string[]): string | undefined {
  const typo = closest(input, vocabulary);
  if (typo || input.length > 64) return typo;
  const needle = bareWord(input);
  if (needle.length < 2) return undefined;
  const related = vocabulary.filter((word) => {
    const bare = bareWord(word);
    return bare.length >= 2 && (needle.startsWith(bare) || bare.startsWith(needle));
  });
  return related.length === 1 ? related[0] : undefined;
}

export function didYouMeanTerm(input: string, vocabulary: readonly string[]): string {
  const match = closestTerm(input, vocabulary);
  return match ? ` Did you mean "${match}"?` : '';
}
