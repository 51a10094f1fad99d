import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

interface Pending {
  id: number;
  resolve(output: string): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface Running {
  children: ChildProcess[];
  /** The first program's stdin, once every program runs; undefined when the pipeline broke while starting. */
  input: Promise<Writable | undefined>;
}

interface Stage {
  program: string;
  args: string[];
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
 * translation comes back ending with a NUL, so one set of processes serves every request for a pair, in order.
 *
 * Each program of the mode's pipeline runs as a child of ours, joined stdout to stdin, so the death of any of them
 * (killed, out of memory) is seen at once: it fails every request in flight with PipelineBroken, every program is
 * stopped, and the next request starts a fresh pipeline. (Under a shell, the programs after a dead one would each
 * end the frame with a NUL and exit, and one stuck behind it would hold the output open until the deadline.) Every
 * frame is also wrapped in markers that carry its request's number, in superblanks (`[...]`, which Apertium passes
 * through untouched and in place): an answer without the marks of the request at the head of the queue, or any
 * output while nothing is asked, also means broken. An answer is never given to the wrong request, and an empty or
 * cut one is never taken for a translation.
 *
 * Starting a pipeline spawns its programs one per event-loop turn: each spawn holds the loop for milliseconds, and a
 * dozen in a row would stall every other request (and /healthz) for about 100 ms. Frames are written once the last
 * program runs, so no byte passes through a pipe whose reader is not spawned yet.
 */
export class NullFlushPipeline {
  private running?: Running;
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private closed = false;
  private readonly stages: Stage[];

  /** `script` is the shell pipeline `apertium-wblank-mode -z` prints for the mode. */
  constructor(
    script: string,
    /** How long one text may take before the pipeline is taken for stuck and restarted. */
    private readonly timeoutMs: number,
  ) {
    // $1 = -n: generate without unknown-word marks (the `apertium -u` behaviour); $2 = tagger options (none).
    this.stages = pipelineStages(script, { $1: ['-n'], $2: [] }) ?? [{ program: 'bash', args: ['-c', script, 'apertium', '-n', ''] }];
  }

  /** Sends one frame (text in Apertium stream format, no NUL) and resolves with its output frame. */
  process(frame: string): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the Apertium pipeline is closed'));
    const running = this.running ?? this.start();
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new PipelineBroken(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.queue.push({ id, resolve, reject, timer });
      // Written in the order asked: every frame waits for the same promise.
      void running.input.then((input) => input?.write(`${startMark(id)}${frame}${endMark(id)}\0`));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.fail(new Error('the Apertium pipeline was closed'));
  }

  private start(): Running {
    const running: Running = { children: [], input: Promise.resolve(undefined) };
    this.running = running;
    this.buffer = Buffer.alloc(0);
    running.input = this.spawnPrograms(running);
    return running;
  }

  /** The programs, one per event-loop turn; undefined once the pipeline broke or was closed meanwhile. */
  private async spawnPrograms(running: Running): Promise<Writable | undefined> {
    const { children } = running;
    // Events from a pipeline stopped already are not about the current one.
    const current = () => this.running === running;
    const broken = (reason: string) => () => {
      if (current()) this.fail(new PipelineBroken(reason));
    };
    let upstream: Readable | undefined;
    try {
      for (const stage of this.stages) {
        if (upstream) await new Promise((resolve) => setImmediate(resolve));
        if (!current()) return undefined;
        // The programs are joined by the system's pipes: each one's stdout is the next one's stdin, and our copy of
        // it is closed so that we never read from the middle of the pipeline.
        // Each in a process group of its own, so that a shell run for an unusual mode is stopped with its programs.
        const child = spawn(stage.program, stage.args, { stdio: [upstream ?? 'pipe', 'pipe', 'ignore'], detached: true });
        upstream?.destroy();
        child.on('exit', broken(`${stage.program} exited`));
        child.on('error', broken(`${stage.program} could not run`));
        children.push(child);
        upstream = child.stdout!;
      }
    } catch (error) {
      broken(`a program could not start (${error instanceof Error ? error.message : String(error)})`)();
    }
    if (!current()) {
      upstream?.destroy();
      return undefined;
    }
    const output = upstream!;
    output.on('data', (chunk: Buffer) => {
      if (current()) this.receive(chunk);
    });
    output.on('close', broken('its output closed'));
    const input = children[0].stdin!;
    input.on('error', () => undefined);
    return input;
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let end: number;
    while (this.running && (end = this.buffer.indexOf(0)) >= 0) {
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

  /** Stops every program and fails what is waiting; the next request starts a fresh pipeline. */
  private fail(error: Error): void {
    const running = this.running;
    this.running = undefined;
    if (running) {
      running.children[0]?.stdin?.end();
      for (const child of running.children) {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
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

/**
 * The programs of a mode's pipeline (`prog 'arg' $1 | prog ...`, as apertium-wblank-mode prints it), with `$N`
 * replaced; undefined for anything else a shell would do (other quoting, expansions, redirections, lists), which
 * then runs under bash as written.
 */
export function pipelineStages(script: string, parameters: Record<string, string[]>): Stage[] | undefined {
  const stages: Stage[] = [];
  let words: string[] = [];
  const endStage = (): boolean => {
    if (words.length === 0) return false;
    const [program, ...args] = words;
    stages.push({ program, args });
    words = [];
    return true;
  };
  let at = 0;
  while (at < script.length) {
    const char = script[at];
    if (char === ' ' || char === '\t' || char === '\n') {
      at++;
    } else if (char === '|') {
      if (!endStage()) return undefined;
      at++;
    } else if (char === "'") {
      const close = script.indexOf("'", at + 1);
      if (close < 0) return undefined;
      const word = script.slice(at + 1, close);
      at = close + 1;
      // 'a'b or 'a''b' are one word to a shell: take only words that end where a space or a pipe starts.
      if (at < script.length && !' \t\n|'.includes(script[at])) return undefined;
      words.push(word);
    } else if (char === '$') {
      const name = /^\$\d/.exec(script.slice(at, at + 2))?.[0];
      const value = name === undefined ? undefined : parameters[name];
      if (value === undefined || (at + 2 < script.length && !' \t\n|'.includes(script[at + 2]))) return undefined;
      words.push(...value);
      at += 2;
    } else {
      let end = at;
      while (end < script.length && /[A-Za-z0-9_\-.,/=+:@%]/.test(script[end])) end++;
      if (end === at || (end < script.length && !' \t\n|'.includes(script[end]))) return undefined;
      words.push(script.slice(at, end));
      at = end;
    }
  }
  return endStage() ? stages : undefined;
}
