import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The skeleton of a local fake of a JSON REST service on 127.0.0.1: subclasses say how each request is answered. */
export abstract class LocalJsonService {
  private readonly server: Server;
  /**
   * A service that hangs: `no-answer` holds every request without a byte of answer; `mid-body` sends the headers
   * and half of a JSON body, then nothing more. `false`: answers as usual.
   */
  hanging: false | 'no-answer' | 'mid-body' = false;
  /** Requests that reached the service while it hung. */
  heldRequests = 0;

  constructor(defaultHeaders: Record<string, string> = {}) {
    this.server = createServer((req, res) => {
      if (this.hanging) {
        this.heldRequests++;
        req.resume();
        if (this.hanging === 'mid-body') {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '1000' });
          res.write('{"id": "1", "predictions": [');
        }
        return;
      }
      void this.answer(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...defaultHeaders, ...headers });
        res.end(JSON.stringify(body));
      });
    });
  }

  protected abstract answer(req: IncomingMessage): Promise<JsonAnswer>;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.endpoint;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

