import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

interface Pending {
  id: number;
  resolve(output: string): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** The pipeline, or one of its programs, stopped or answered out of turn: a fresh one may do better. */
export class PipelineBroken extends Error {
  constructor(reason: string) {
    super(`the Apertium pipeline broke: ${reason}`);
    this.name = 'PipelineBroken';
  }
}

/**
 * One Apertium mode kept running in null-flush mode (-z on every program): each input frame ends with a NUL and its
 * translation comes back ending with a NUL, so one process serves every request for a pair, in order.
 *
 * A program of the pipeline can die (killed, out of memory) while the others go on: the programs after it see the
 * end of their input, each writes the NUL that ends a frame, and exits. So every frame is wrapped in markers that
 * carry its request's number, in superblanks (`[...]`, which Apertium passes through untouched and in place); an
 * answer that does not carry the marks of the request at the head of the queue, any output while nothing is asked,
 * the pipeline's output closing or its process exiting all mean it is broken: every request in flight fails with
 * PipelineBroken, the whole process group is stopped, and the next request starts a fresh pipeline. An answer is
 * never given to the wrong request, and an empty or cut one is never taken for a translation.
 */
export class NullFlushPipeline {
  private child?: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private closed = false;

  /** `script` is the shell pipeline `apertium-wblank-mode -z` prints for the mode. */
  constructor(
    private readonly script: string,
    /** How long one text may take before the pipeline is taken for stuck and restarted. */
    private readonly timeoutMs: number,
  ) {}

  /** Sends one frame (text in Apertium stream format, no NUL) and resolves with its output frame. */
  process(frame: string): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the Apertium pipeline is closed'));
    const child = this.child ?? this.start();
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new PipelineBroken(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.queue.push({ id, resolve, reject, timer });
      child.stdin.write(`${startMark(id)}${frame}${endMark(id)}\0`);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.fail(new Error('the Apertium pipeline was closed'));
  }

  private start(): ChildProcessWithoutNullStreams {
    // $1 = -n: generate without unknown-word marks (the `apertium -u` behaviour); $2 = tagger options (none).
    // Its own process group, so a broken or stuck pipeline is stopped whole.
    const child = spawn('bash', ['-c', this.script, 'apertium', '-n', ''], { stdio: 'pipe', detached: true });
    this.child = child;
    this.buffer = Buffer.alloc(0);
    const broken = (reason: string) => () => {
      if (this.child === child) this.fail(new PipelineBroken(reason));
    };
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.child === child) this.receive(chunk);
    });
    child.stdout.on('close', broken('its output closed'));
    child.on('exit', broken('it exited'));
    child.on('error', broken('it could not run'));
    child.stderr.resume();
    child.stdin.on('error', () => undefined);
    return child;
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let end: number;
    while (this.child && (end = this.buffer.indexOf(0)) >= 0) {
      const frame = this.buffer.subarray(0, end).toString('utf8');
      this.buffer = this.buffer.subarray(end + 1);
      const pending = this.queue[0];
      const answer = pending ? unwrap(frame, pending.id) : undefined;
      if (!pending || answer === undefined) {
        this.fail(new PipelineBroken(pending ? 'an answer came back without its marks' : 'output came while nothing was asked'));
        return;
      }
      this.queue.shift();
      clearTimeout(pending.timer);
      pending.resolve(answer);
    }
  }

  /** Stops the process group and fails what is waiting; the next request starts a fresh pipeline. */
  private fail(error: Error): void {
    const child = this.child;
    this.child = undefined;
    if (child?.pid !== undefined) {
      child.stdin.end();
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    for (const pending of this.queue.splice(0)) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}

function startMark(id: number): string {
  return `[<labmate:${id}>]`;
}

function endMark(id: number): string {
  return `[</labmate:${id}>]`;
}

/** The frame's content between its request's marks, or undefined when they are not both there, in place. */
function unwrap(frame: string, id: number): string | undefined {
  const start = startMark(id);
  const end = endMark(id);
  const at = frame.lastIndexOf(end);
  if (!frame.startsWith(start) || at < start.length) return undefined;
  return frame.slice(start.length, at) + frame.slice(at + end.length);
}
