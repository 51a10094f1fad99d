import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

/** What a process runs, and the log line that says it is serving (with its `url`). */
export interface ProcessEntry {
  script: string;
  ready: string;
}

const LABMATE: ProcessEntry = { script: join(import.meta.dirname, 'startLabmate.ts'), ready: 'labmate ready' };

/**
 * One labmate instance as a real process (test/support/startLabmate.ts through tsx), so that instances share
 * nothing but what they share in production: the state storage and the services they call. Its JSON log lines are
 * kept for the test to read.
 */
export class LabmateProcess {
  readonly logs: LogLine[] = [];
  url = '';
  private pending = '';
  private stderr = '';
  private waiters: Array<() => void> = [];

  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => this.read(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** labmate itself, or another bot run the same way (`entry`: the benches' echo bot). */
  static async start(env: Record<string, string>, timeoutMs = 30_000, entry = LABMATE): Promise<LabmateProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', entry.script], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const instance = new LabmateProcess(child);
    const ready = await instance.waitForLog((line) => line.message === entry.ready, timeoutMs);
    instance.url = String(ready.url);
    return instance;
  }

  post(body: unknown): Promise<Response> {
    return fetch(`${this.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  /** The first log line (already written or to come) that matches. */
  async waitForLog(matches: (line: LogLine) => boolean, timeoutMs = 20_000): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.logs.find(matches);
      if (found) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`labmate exited:\n${this.transcript()}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no such log line within ${timeoutMs} ms:\n${this.transcript()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** CPU time (ms) the process has used so far, every thread of it (Linux /proc), for benchmarks. */
  cpuMs(): number {
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** `kill -9`: no shutdown, no goodbye; leases lapse by themselves. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill(signal);
    await exited;
  }

  private read(text: string): void {
    this.pending += text;
    let end: number;
    while ((end = this.pending.indexOf('\n')) >= 0) {
      const raw = this.pending.slice(0, end);
      this.pending = this.pending.slice(end + 1);
      try {
        this.logs.push(JSON.parse(raw) as LogLine);
      } catch {
        this.logs.push({ level: 'raw', message: raw });
      }
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  private transcript(): string {
    return [...this.logs.slice(-30).map((line) => JSON.stringify(line)), this.stderr].join('\n');
  }
}
