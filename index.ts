import { createApp } from './app.js';
import { ConfigError, loadConfig, readEnvironment } from './config/index.js';
import { createJsonLogger } from './logging/logger.js';

const logger = createJsonLogger();

function loadConfigOrExit() {
  try {
    return loadConfig(readEnvironment());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n');
      process.exit(1);
    }
    throw error;
  }
}

const config = loadConfigOrExit();
const app = createApp(config, { logger });
const address = await app.listen();
const origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
logger.info('labmate listening', { url: `${origin}/api/messages`, ...(config.tryout.enabled ? { tryoutPage: `${origin}/` } : {}) });

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  });
}
