import { ConfigError, describeBackends, loadConfig, readEnvironment } from './config/index.js';
import { createJsonLogger } from './logging/logger.js';
import { startTelemetry } from './services/telemetry/startTelemetry.js';

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
// Telemetry starts before the app is imported, so that what it instruments (HTTP, the Azure SDK) loads after it;
// with neither APPLICATIONINSIGHTS_CONNECTION_STRING nor OTEL_EXPORTER_OTLP_ENDPOINT set it loads nothing.
const telemetry = await startTelemetry(config.telemetry);
const logger = createJsonLogger(undefined, () => telemetry.currentIds());
const { createApp } = await import('./app.js');
const app = createApp(config, { logger, telemetry });
const address = await app.listen();
const origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
// The first two lines: where the bot listens, and what each capability will call.
logger.info('labmate listening', { url: `${origin}/api/messages`, ...(config.tryout.enabled ? { tryoutPage: `${origin}/` } : {}) });
logger.info('labmate backends', describeBackends(config));

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    app.close().then(
      () => telemetry.shutdown().finally(() => process.exit(0)),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  });
}
