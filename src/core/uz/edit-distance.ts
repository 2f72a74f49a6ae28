/**
 * Damerau–Levenshtein distance (optimal string alignment: insertions, deletions, substitutions
 * and transpositions of two neighbours, each costing 1), for ranking misspelled names.
 *
 * Bounded: with `maxDistance`, the answer is exact up to that bound and `maxDistance + 1` beyond
 * it, and the work stops as soon as every alignment has passed the bound, so comparing a query
 * against thousands of candidates stays cheap. Works on UTF-16 code units: match keys are ASCII.
 *
 * @example damerauLevenshtein('shuhrat', 'shuhrta') // 1 (one transposition)
 * @example damerauLevenshtein('jurayev', 'abdullayev', 2) // 3 (beyond the bound)
 */
export function damerauLevenshtein(a: string, b: string, maxDistance = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  const bound = Math.max(0, maxDistance);
  const tooFar = bound + 1;
  // The shorter string indexes the columns: fewer cells per row.
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const rows = long.length;
  const cols = short.length;
  if (rows - cols > bound) return tooFar;
  if (cols === 0) return rows;

  let twoBack = new Int32Array(cols + 1);
  let previous = new Int32Array(cols + 1);
  let current = new Int32Array(cols + 1);
  for (let j = 0; j <= cols; j += 1) previous[j] = j;

  for (let i = 1; i <= rows; i += 1) {
    const longChar = long.charCodeAt(i - 1);
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= cols; j += 1) {
      const shortChar = short.charCodeAt(j - 1);
      const cost = longChar === shortChar ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        longChar === short.charCodeAt(j - 2) &&
        long.charCodeAt(i - 2) === shortChar
      ) {
        value = Math.min(value, (twoBack[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > bound) return tooFar;
    [twoBack, previous, current] = [previous, current, twoBack];
  }
  const distance = previous[cols] ?? tooFar;
  return distance > bound ? tooFar : distance;
}
