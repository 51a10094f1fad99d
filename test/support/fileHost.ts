import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a path answers: a file (optionally streamed without a length), an error status, or a redirect. */
export interface FileRoute {
  body?: Buffer;
  contentType?: string;
  status?: number;
  /** Absolute URL for a 302. */
  redirectTo?: string;
  /**
   * Stream the body in 64 KB chunks with no Content-Length: only counting while reading can catch its size, and a
   * client that hangs up early leaves it unfinished (for bodies larger than the socket buffers).
   */
  chunked?: boolean;
  /** Send the headers and the first bytes of the body, then nothing more (a stalled host). */
  stall?: boolean;
}

/** One request a file host received. */
export interface FileRequest {
  path: string;
  authorization?: string;
  /** False when the client hung up before the whole body was sent. */
  completed: boolean;
}

/** GET routes serving files and recording who asked, with which token; used by FakeConnector and FileHost. */
export class FileRoutes {
  readonly requests: FileRequest[] = [];
  private readonly routes = new Map<string, FileRoute>();

  serve(path: string, route: FileRoute): void {
    this.routes.set(path, route);
  }

  reset(): void {
    this.routes.clear();
    this.requests.length = 0;
  }

  /** Answers the request when it is for a served path; false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? '').split('?')[0];
    const route = req.method === 'GET' ? this.routes.get(path) : undefined;
    if (!route) return false;
    const record: FileRequest = { path, authorization: req.headers.authorization, completed: false };
    this.requests.push(record);
    if (route.redirectTo) {
      res.writeHead(302, { location: route.redirectTo });
      res.end();
      record.completed = true;
      return true;
    }
    const body = route.body ?? Buffer.alloc(0);
    const headers: Record<string, string> = { 'content-type': route.contentType ?? 'application/octet-stream' };
    if (!route.chunked) headers['content-length'] = String(body.length);
    res.writeHead(route.status ?? 200, headers);
    res.on('finish', () => (record.completed = true));
    if (route.stall) {
      res.write(body.subarray(0, 16));
      return true;
    }
    if (!route.chunked) {
      res.end(body);
      return true;
    }
    let offset = 0;
    const pump = (): void => {
      if (res.destroyed) return;
      if (offset >= body.length) {
        res.end();
        return;
      }
      const chunk = body.subarray(offset, offset + 64 * 1024);
      offset += chunk.length;
      if (res.write(chunk)) setImmediate(pump);
      else res.once('drain', pump);
    };
    pump();
    return true;
  }
}

/** A file server on its own host (127.0.0.2 by default): the "other host" of refusal tests, or a channel file host. */
export class FileHost {
  readonly files = new FileRoutes();
  private readonly server: Server;

  constructor(private readonly host = '127.0.0.2') {
    this.server = createServer((req, res) => {
      if (!this.files.handle(req, res)) {
        res.writeHead(404);
        res.end();
      }
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, this.host, resolve));
    return this.origin;
  }

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://${this.host}:${port}`;
  }

  get requests(): FileRequest[] {
    return this.files.requests;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
