/** Which real name a mistyped tensor, node or config key most likely meant. */

/** Levenshtein distance (insertions, deletions, substitutions), one row at a time. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The candidate closest to `name` by case-insensitive edit distance (the first wins a tie), with its distance. */
function closest(name: string, candidates: readonly string[]): { name: string; distance: number } | undefined {
  let best: { name: string; distance: number } | undefined;
  const wanted = name.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  return best;
}

/**
 * The closest candidate, however far off. The editor's quick fix offers it: replacing a
 * name with the nearest real one is useful even when the typo is large.
 */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  return closest(name, candidates)?.name;
}

/**
 * The closest candidate only when it is near enough to be a likely typo (at most 2 edits, or
 * a third of the name's length). Error messages use it: "did you mean" a far-off name misleads.
 */
export function likelyMeantName(name: string, candidates: readonly string[]): string | undefined {
  const best = closest(name, candidates);
  return best && best.distance <= Math.max(2, Math.floor(name.length / 3)) ? best.name : undefined;
}
