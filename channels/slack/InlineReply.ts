import type { SlackResponse } from './SlackApi.js';

type Acknowledgement =
  /** The turn's first answer was ready in time: it goes in the HTTP response itself. */
  | { kind: 'answer'; response: SlackResponse }
  /** Not ready yet: a short "working on it"; the answer follows through the response_url. */
  | { kind: 'working' }
  /** The turn finished without saying anything. */
  | { kind: 'nothing' };

/**
 * The HTTP answer to a slash command. The turn may put its first message in it while the request is still open
 * (Slack shows it like any response_url message, without spending one of the URL's five uses); once the deadline
 * passes or the turn ends, it is closed and later messages go through the response_url, after the HTTP answer.
 */
export class InlineReply {
  readonly acknowledgement: Promise<Acknowledgement>;
  private settle!: (ack: Acknowledgement) => void;
  private open = true;
  private markSent!: () => void;
  /** Resolves when the HTTP answer has been written, so later messages cannot overtake it. */
  readonly sent: Promise<void> = new Promise((resolve) => (this.markSent = resolve));

  constructor() {
    this.acknowledgement = new Promise((resolve) => (this.settle = resolve));
  }

  /** Takes the message into the HTTP answer if it is still open; false means: send it another way. */
  offer(response: SlackResponse): boolean {
    if (!this.open) return false;
    this.open = false;
    this.settle({ kind: 'answer', response });
    return true;
  }

  /** The deadline passed (`working`) or the turn ended (`nothing`); no effect once closed. */
  close(kind: 'working' | 'nothing'): void {
    if (!this.open) return;
    this.open = false;
    this.settle({ kind });
  }

  /** Called by the route once the HTTP answer is written (or could not be). */
  answered(): void {
    this.markSent();
  }
}
