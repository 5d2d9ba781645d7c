/**
 * "Did you mean …?": the known word closest to a misspelt one, for messages that name an unknown
 * field. Letters are compared without case, spaces, hyphens or underscores, so `Evidence prompt`,
 * `evidence_prompt` and `evidencePrompt` are one word; a swap of two neighbouring letters (`titel`)
 * counts as one edit.
 */

const squash = (word: string) => word.toLowerCase().replace(/[\s_-]+/g, '');

/** Edits (insert, delete, replace, swap neighbours) turning `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  return rows[a.length]![b.length]!;
}

/**
 * The candidate `word` most likely stands for, or undefined when none is close: the same letters,
 * or at most 2 edits (1 for words of up to 4 letters), and fewer edits than any other candidate.
 */
export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  const w = squash(word);
  if (w === '') return undefined;
  let best: { candidate: string; distance: number } | undefined;
  let tie = false;
  for (const candidate of candidates) {
    const distance = editDistance(w, squash(candidate));
    const limit = Math.min(w.length, squash(candidate).length) <= 4 ? 1 : 2;
    if (distance > limit) continue;
    if (!best || distance < best.distance) {
      best = { candidate, distance };
      tie = false;
    } else if (distance === best.distance) tie = true;
  }
  return best && !tie ? best.candidate : undefined;
}
