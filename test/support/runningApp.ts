import { createApp, type App, type AppOverrides } from '../../app.js';
import { loadConfig } from '../../config/index.js';
import { createMemoryLogger } from '../../logging/logger.js';

export interface RunningApp {
  app: App;
  url: string;
  logger: ReturnType<typeof createMemoryLogger>;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Starts the real app on a free port of 127.0.0.1 with the given environment, and waits until it is ready. The suite
 * starts dozens of apps: the Apertium warm-up (two dozen programs each) runs only where a test sets
 * APERTIUM_WARM_LANGUAGES; elsewhere a pair starts with its first request.
 */
export async function startApp(env: Record<string, string> = {}, overrides: Omit<AppOverrides, 'logger'> = {}): Promise<RunningApp> {
  const logger = createMemoryLogger();
  const app = createApp(loadConfig({ HOST: '127.0.0.1', PORT: '0', APERTIUM_WARM_LANGUAGES: 'none', ...env }), { ...overrides, logger });
  const address = await app.listen();
  await app.ready;
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    logger,
    post: (body, headers = {}) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    stop: () => app.close(2000),
  };
}
