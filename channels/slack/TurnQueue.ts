/**
 * Slack turns run through this queue (their HTTP acknowledgement waits for them at most the inline window): at most
 * `concurrency` at once, each one started on its own event-loop turn (setImmediate), so CPU-heavy turns (the local
 * analysers) cannot hold back the acknowledgements Slack needs within 3 s. At most `maxWaiting` wait; beyond that
 * `enqueue` refuses, and the route says the bot is busy instead of building an unbounded backlog.
 */
export class TurnQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  constructor(
    private readonly concurrency = 8,
    private readonly maxWaiting = 500,
  ) {}

  get size(): number {
    return this.running + this.waiting.length;
  }

  /** Queues `work`; the promise settles with it. Undefined when the queue is full. */
  enqueue(work: () => Promise<void>): Promise<void> | undefined {
    if (this.waiting.length >= this.maxWaiting) return undefined;
    return new Promise<void>((resolve, reject) => {
      this.waiting.push(() => {
        this.running++;
        work()
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            this.schedule();
          });
      });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0 || this.running >= this.concurrency) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()?.();
      this.schedule();
    });
  }
}
