/**
 * Runs labmate as its own process from the environment, as index.ts does, with the test run's timings:
 * LABMATE_TEST_POLL_MS (ARM poll interval), LABMATE_TEST_LEASE_MS and LABMATE_TEST_RECOVERY_MS (how long an
 * instance holds a VM operation, how often it looks for abandoned ones). It logs JSON lines on stdout and
 * says `labmate ready` with its URL once every backend has loaded. Started by labmateProcess.ts.
 */
import { createApp } from '../../app.js';
import { loadConfig } from '../../config/index.js';
import { createJsonLogger } from '../../logging/logger.js';

const number = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const logger = createJsonLogger();
const app = createApp(loadConfig(process.env), {
  logger,
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
process.on('SIGTERM', () => void app.close(2000).then(() => process.exit(0)));
