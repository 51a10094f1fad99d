import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of Azurite that can fail the way Azure Storage does: answer every request with an error
 * (503 ServerBusy while throttling, or 500 InternalError) in the service's XML error format, or forward one write
 * and then drop its answer (the client never learns it succeeded, and retries). Shared Key signatures cover the
 * path and the x-ms headers, not the host, so requests signed for the proxy's address are valid at Azurite.
 */
export class StorageFaults {
  /** Requests that reached the proxy. */
  readonly requests: Array<{ method: string; path: string }> = [];
  private failure?: { status: number; code: string };
  private dropNextAnswerTo?: string;
  private readonly server: Server;

  constructor(private readonly target: string) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Every request gets this error until `heal()`. */
  fail(status = 503, code = 'ServerBusy'): void {
    this.failure = { status, code };
  }

  heal(): void {
    this.failure = undefined;
  }

  /** The next request of this method reaches Azurite, but its answer is lost (the connection is cut). */
  dropNextAnswer(method: string): void {
    this.dropNextAnswerTo = method;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push({ method: req.method ?? '', path: req.url ?? '' });
    if (this.failure) {
      req.resume();
      const { status, code } = this.failure;
      const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>The server is currently unable to receive requests. Please retry your request.</Message></Error>`;
      res.writeHead(status, { 'content-type': 'application/xml', 'x-ms-error-code': code, 'content-length': Buffer.byteLength(body) });
      return void res.end(body);
    }
    const drop = this.dropNextAnswerTo === req.method;
    if (drop) this.dropNextAnswerTo = undefined;
    const target = new URL(req.url ?? '/', this.target);
    const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      if (drop) {
        answer.resume();
        return void res.socket?.destroy();
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.socket?.destroy());
    req.pipe(upstream);
  }
}
