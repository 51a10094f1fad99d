/**
 * Runs labmate as its own process from the environment, as index.ts does, with the test run's timings:
 * LABMATE_TEST_POLL_MS (ARM poll interval), LABMATE_TEST_LEASE_MS and LABMATE_TEST_RECOVERY_MS (how long an
 * instance holds a VM operation, how often it looks for abandoned ones). It logs JSON lines on stdout and
 * says `labmate ready` with its URL once every backend has loaded. Started by labmateProcess.ts. Telemetry starts
 * first and the app is imported after it, as index.ts does.
 */
import { loadConfig } from '../../config/index.js';
import { createJsonLogger } from '../../logging/logger.js';
import { startTelemetry } from '../../services/telemetry/startTelemetry.js';

const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const config = loadConfig(process.env);
const telemetry = await startTelemetry(config.telemetry);
const logger = createJsonLogger(undefined, () => telemetry.currentIds());
const { createApp } = await import('../../app.js');
const app = createApp(config, {
  logger,
  telemetry,
  compute: { pollIntervalMs: number('LABMATE_TEST_POLL_MS') },
  state: {
    leaseMs: number('LABMATE_TEST_LEASE_MS'),
    recoveryIntervalMs: number('LABMATE_TEST_RECOVERY_MS'),
    retry: { maxTries: 2, retryDelayInMs: 50, maxRetryDelayInMs: 50, tryTimeoutInMs: 2000 },
  },
});
const address = await app.listen();
await app.ready;
logger.info('labmate ready', { url: `http://127.0.0.1:${address.port}`, pid: process.pid });
process.on('SIGTERM', () => void app.close(2000).then(() => telemetry.shutdown().finally(() => process.exit(0))));
