import { readdirSync, readFileSync } from 'node:fs';

/**
 * The programs of this process's Apertium pipelines for `mode` running now (those that name its data files, so not
 * the other direction's, whose files share the pair's folder): [pid, command line], in pid order. Not the
 * `apertium-wblank-mode` that reads the mode file before a pipeline starts: it lives a few milliseconds, and a test
 * that saw it would then see it gone.
 */
export function pipelinePrograms(mode: string): Array<[number, string]> {
  const programs: Array<[number, string]> = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (cmdline.includes(`/${mode}.`) && !cmdline.includes(`/modes/${mode}.mode`)) programs.push([Number(pid), cmdline]);
    } catch {
      // gone meanwhile
    }
  }
  return programs.sort((a, b) => a[0] - b[0]);
}

/** How many programs of this process's Apertium pipelines for `mode` are running now. */
export function runningPrograms(mode: string): number {
  return pipelinePrograms(mode).length;
}
