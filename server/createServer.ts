import type { IncomingMessage, ServerResponse } from 'node:http';
import restify from 'restify';

interface ServerOptions {
  /** True once the backends have loaded: what /readyz reports to load balancers. */
  isReady: () => boolean;
  /** How long a request may take to send its headers and its whole body (a slow sender holds a connection). */
  requestTimeoutMs: number;
}

/** restify with the health and readiness probes; the channels mount their own routes on it. */
export function createServer({ isReady, requestTimeoutMs }: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'labmate', handleUncaughtExceptions: false });
  limitSlowRequests(server, requestTimeoutMs);

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', (_req, res, next) => {
    const ready = isReady();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'loading' });
    next();
  });

  return server;
}

/**
 * Chat services send small requests at once; a client that trickles its headers or body (Node's default waits 300 s)
 * only holds a connection. Headers are Node's own deadline; the body has the same deadline, counted from the
 * request's arrival, and is answered 408 and hung up on when it passes. Node checks its own timeouts only every
 * few seconds, hence the timer of our own for the body.
 */
function limitSlowRequests(server: restify.Server, timeoutMs: number): void {
  server.server.headersTimeout = timeoutMs;
  server.server.requestTimeout = timeoutMs * 2;
  server.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const timer = setTimeout(() => {
      if (req.complete) return;
      if (!res.headersSent) {
        res.writeHead(408, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ error: 'the request body did not arrive in time' }));
      }
      req.socket.destroy();
    }, timeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    res.once('close', clear);
  });
}
