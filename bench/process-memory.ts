/** The resident memory of a process and its children, from /proc (Linux), for the benchmarks. */
import { readdirSync, readFileSync } from 'node:fs';

/** The process and every descendant (worker threads live inside their process). */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/**
 * Resident and peak resident memory of the tree, in MB (sum of each process's VmRSS and VmHWM: the
 * peak is each process's own since it started, so it only ever grows).
 */
export function treeMemoryMb(pid: number): { rssMb: number; peakRssMb: number; processes: number } {
  let rss = 0;
  let hwm = 0;
  const tree = processTree(pid);
  for (const p of tree) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      hwm += Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return { rssMb: Math.round(rss / 1024), peakRssMb: Math.round(hwm / 1024), processes: tree.length };
}
