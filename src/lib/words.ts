/** Small helpers for writing sentences about counts. */

/** A count with its noun: "1 agency", "2 agencies", "0 agencies". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The word that agrees with a count, without the count: ("takes", "take"), ("has", "have"), ("its", "their"). */
export function agreeing(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
