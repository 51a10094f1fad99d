import { readdirSync, readFileSync } from 'node:fs';

/** How many programs of this process's Apertium pipelines for `mode` are running now (those that name its data files). */
export function runningPrograms(mode: string): number {
  let count = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`/${mode}.`)) count++;
    } catch {
      // gone meanwhile
    }
  }
  return count;
}
