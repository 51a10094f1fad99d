import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that went through the proxy, as the storage service saw it. */
export interface ProxiedRequest {
  method: string;
  /** Path and query, e.g. /devstoreaccount1/labmate-state/records/... */
  url: string;
  headers: IncomingHttpHeaders;
  status?: number;
}

/**
 * A plain HTTP proxy in front of a local service (Azurite) that records every request: how many storage round
 * trips a turn makes, and which. Point a connection string's BlobEndpoint at `endpoint(path)`.
 */
export class CountingProxy {
  readonly requests: ProxiedRequest[] = [];
  private server?: Server;
  origin = '';

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    const target = new URL(this.target);
    this.server = createServer((req, res) => {
      const seen: ProxiedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
      this.requests.push(seen);
      const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
        seen.status = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The requests from `from` on (an index into `requests`), as "METHOD path" lines without the query. */
  since(from: number): ProxiedRequest[] {
    return this.requests.slice(from);
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
