import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  requests: number;
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
  /** Every request's latency (ms), in the order they finished. */
  latencies: number[];
  /** CPU time of this whole process (every thread) during the load, in ms (see cpuMs). */
  cpuMs: number;
}

/**
 * How many conversations a load's turns rotate over, so that each gets a message about every second or less often:
 * a person's pace. Twenty conversations taking every turn would each send hundreds a second, and the bot's sends are
 * paced at Teams' 7 a second per conversation (ConversationPacer), so the figures would measure the pacer.
 */
const CONVERSATIONS = 1000;

/** The conversation of a load's `index`th turn (see CONVERSATIONS). */
export function benchConversation(index: number): string {
  return `bench-${index % CONVERSATIONS}`;
}

/** Posts an activity to a bot's /api/messages as a channel does and reads the whole answer; any status but 200 throws. */
export async function postActivity(url: string, activity: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
}

/** CPU time this process (every thread) has used so far, in ms: less sensitive to a busy machine than wall time. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `total` calls of `send`, `concurrency` at a time, and reports throughput and latency percentiles (ms). */
export async function measureLoad(options: {
  total: number;
  concurrency: number;
  send: (index: number) => Promise<void>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = cpuMs();
  const started = performance.now();
  const worker = async () => {
    while (next < options.total) {
      const index = next++;
      const begin = performance.now();
      await options.send(index);
      latencies.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { requests: options.total, seconds, throughput: options.total / seconds, ...percentiles(latencies), latencies, cpuMs: cpuMs() - cpuBefore };
}

/**
 * Runs each load `rounds` times, alternating (A B, then B A, ...), and pools each one's rounds: on a noisy machine,
 * what slows one load down for a while slows the others down too, instead of one load getting all the quiet.
 */
export async function interleaved<K extends string>(rounds: number, loads: Record<K, () => Promise<LoadResult>>): Promise<Record<K, LoadResult>> {
  const names = Object.keys(loads) as K[];
  const results = new Map<K, LoadResult[]>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) results.get(name)!.push(await loads[name]());
  }
  return Object.fromEntries(names.map((name) => [name, pooled(results.get(name)!)])) as Record<K, LoadResult>;
}

function pooled(results: LoadResult[]): LoadResult {
  const requests = results.reduce((sum, result) => sum + result.requests, 0);
  const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
  const latencies = results.flatMap((result) => result.latencies);
  const cpuMs = results.reduce((sum, result) => sum + result.cpuMs, 0);
  return { requests, seconds, throughput: requests / seconds, ...percentiles(latencies), latencies, cpuMs };
}

export function percentiles(latencies: number[]): { p50: number; p99: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

export function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}x`;
}

/** What `npm start` runs, without npm itself: its variables (`VAR=value` before `node`) and node's arguments. */
export function npmStartCommand(): { env: Record<string, string>; nodeArgs: string[]; text: string } {
  const text = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = text.split(' ');
  const node = words.indexOf('node');
  return { env: Object.fromEntries(words.slice(0, node).map((word) => word.split('=') as [string, string])), nodeArgs: words.slice(node + 1), text };
}

/** A size the kernel reports in /proc/<pid>/status (VmRSS: resident now; VmHWM: the peak), in MiB. */
export function procStatusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

/** Prints one section as aligned rows. */
export function report(title: string, rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`\n## ${title}`);
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
}
