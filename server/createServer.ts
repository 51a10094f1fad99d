import restify from 'restify';

export interface ServerOptions {
  /** True once the backends have loaded: what /readyz reports to load balancers. */
  isReady: () => boolean;
}

/** restify with the health and readiness probes; the channels mount their own routes on it. */
export function createServer({ isReady }: ServerOptions): restify.Server {
  const server = restify.createServer({ name: 'labmate', handleUncaughtExceptions: false });

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
