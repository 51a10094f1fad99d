import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** How long one text may take before the pipeline is considered stuck and restarted. */
const DEFAULT_TIMEOUT_MS = 30_000;

interface Pending {
  resolve(output: string): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One Apertium mode kept running in null-flush mode (-z on every program): each input frame ends with a NUL
 * and its translation comes back ending with a NUL, so one process serves every request for a pair, in order.
 * A pipeline that dies or stalls is restarted on the next request.
 */
export class NullFlushPipeline {
  private child?: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private closed = false;

  /** `script` is the shell pipeline `apertium-wblank-mode -z` prints for the mode. */
  constructor(
    private readonly script: string,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  /** Sends one frame (text in Apertium stream format, no NUL) and resolves with its output frame. */
  process(frame: string): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the Apertium pipeline is closed'));
    const child = this.child ?? this.start();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`Apertium gave no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.queue.push({ resolve, reject, timer });
      child.stdin.write(frame + '\0');
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.fail(new Error('the Apertium pipeline was closed'));
  }

  private start(): ChildProcessWithoutNullStreams {
    // $1 = -n: generate without unknown-word marks (the `apertium -u` behaviour); $2 = tagger options (none).
    // Its own process group, so a stuck pipeline is stopped whole.
    const child = spawn('bash', ['-c', this.script, 'apertium', '-n', ''], { stdio: 'pipe', detached: true });
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.resume();
    child.stdin.on('error', () => undefined);
    const exited = (error?: Error) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.rejectAll(error ?? new Error('the Apertium pipeline stopped'));
    };
    child.on('error', exited);
    child.on('exit', () => exited());
    this.child = child;
    this.buffer = Buffer.alloc(0);
    return child;
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let end: number;
    while ((end = this.buffer.indexOf(0)) >= 0) {
      const frame = this.buffer.subarray(0, end).toString('utf8');
      this.buffer = this.buffer.subarray(end + 1);
      const pending = this.queue.shift();
      if (!pending) continue; // the extra NULs each program writes when its input closes
      clearTimeout(pending.timer);
      pending.resolve(frame);
    }
  }

  /** Stops the process group and fails what is waiting; the next request starts a fresh pipeline. */
  private fail(error: Error): void {
    const child = this.child;
    this.child = undefined;
    if (child?.pid !== undefined) {
      child.stdin.end();
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    this.rejectAll(error);
  }

  private rejectAll(error: Error): void {
    for (const pending of this.queue.splice(0)) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
