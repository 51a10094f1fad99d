import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { createApp } from '../app.js';
import { loadConfig } from '../config/index.js';
import { createMemoryLogger } from '../logging/logger.js';
import { emulatorMessage } from '../test/support/activities.js';
import { FakeConnector } from '../test/support/connector.js';
import { FakeArm, TEST_SUBSCRIPTION_ID } from '../test/support/fakeArm.js';
import { createTestCertificate } from '../test/support/testCertificate.cjs';
import { measureLoad, ms, postActivity, ratio, report, type LoadResult } from './harness.js';
import { createEchoServer } from './echoBot.js';

const REQUESTS = 50;
const OPERATION_MS = 30_000;

/**
 * `vm start` while Azure takes 30 s to start the VM: the time from posting the command to its acknowledgement
 * reaching the connector, against an echo turn on the same server code. One VM per request (the bot runs one
 * operation per VM), started one after another; all operations are still running when the figures are taken.
 */
export async function benchVms(): Promise<void> {
  // The local HTTPS Resource Manager: a self-signed certificate the SDK client is told to trust (the test run
  // uses NODE_EXTRA_CA_CERTS instead, which a running process cannot take).
  const certificate = createTestCertificate();
  process.env.LABMATE_TEST_TLS_KEY = certificate.keyPath;
  process.env.LABMATE_TEST_TLS_CERT = certificate.certPath;
  const agent = new Agent({ ca: readFileSync(certificate.certPath), keepAlive: true });

  const names = Array.from({ length: REQUESTS + 1 }, (_, i) => `gpu-${String(i).padStart(2, '0')}`);
  const arm = new FakeArm(names.map((name) => ({ resourceGroup: 'ml-rg', name, power: 'deallocated' })));
  await arm.start();
  arm.behaviour = { inProgressPolls: 0, durationMs: OPERATION_MS, outcome: 'Succeeded', retryAfter: '5', conflict: false };
  const connector = new FakeConnector({ validateCards: false });
  await connector.start();

  const app = createApp(
    loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      AZURE_SUBSCRIPTION_ID: TEST_SUBSCRIPTION_ID,
      TRAINING_VMS: names.map((name) => `ml-rg/${name}`).join(','),
      AZURE_RESOURCE_MANAGER_ENDPOINT: arm.endpoint,
      VM_OPERATORS: 'emulator/bench-operator',
    }),
    {
      logger: createMemoryLogger(),
      compute: {
        clientOptions: {
          additionalPolicies: [{ position: 'perCall', policy: { name: 'benchTrustLocalCa', sendRequest: (request, next) => next(Object.assign(request, { agent })) } }],
        },
      },
    },
  );
  const { port } = await app.listen();
  await app.ready;
  const echo = createEchoServer();
  const echoPort = (await echo.listen()).port;

  const timeToFirstMessage = (url: string, text: (index: number) => string): Promise<LoadResult> =>
    measureLoad({
      total: REQUESTS,
      concurrency: 1,
      send: async (index) => {
        const activity = emulatorMessage({ serviceUrl: connector.url, text: text(index), fromId: 'bench-operator', conversationId: `bench-${randomUUID()}` });
        await postActivity(url, activity);
        await connector.waitForMessages(activity.conversation.id, 1, 10_000);
      },
    });

  try {
    const botUrl = `http://127.0.0.1:${port}/api/messages`;
    const echoUrl = `http://127.0.0.1:${echoPort}/api/messages`;
    await timeToFirstMessage(echoUrl, () => 'warm up');
    // Warm up the token, the TLS connection and the status path on the spare VM.
    for (let i = 0; i < 5; i++) await timeToFirstMessage(botUrl, () => `vm status ${names[REQUESTS]}`).catch(() => undefined);
    const echoResult = await timeToFirstMessage(echoUrl, () => 'echo this');
    const startResult = await timeToFirstMessage(botUrl, (index) => `vm start ${names[index]}`);
    const running = [...arm.operations.values()].filter((op) => op.status === 'InProgress').length;
    const acks = connector.calls.filter((call) => /I'll tell you here when it is running/.test(JSON.stringify(call.activity))).length;

    report(`vm start acknowledgement while Azure takes ${OPERATION_MS / 1000} s, ${REQUESTS} requests one after another (local HTTPS ARM)`, [
      ['echo turn p50 / p99', `${ms(echoResult.p50)} / ${ms(echoResult.p99)}`],
      ['vm start ack p50 / p99', `${ms(startResult.p50)} / ${ms(startResult.p99)}`],
      ['ack - echo, p50 / p99', `${ms(startResult.p50 - echoResult.p50)} / ${ms(startResult.p99 - echoResult.p99)} (target within 20 ms)`],
      ['ack p99 / echo p99', ratio(startResult.p99, echoResult.p99)],
      ['acknowledged / still InProgress at the end', `${acks} / ${running} of ${REQUESTS}`],
    ]);
  } finally {
    // Shutdown gives background operations no grace here: their polling is aborted, nothing more is posted.
    await app.close(0);
    await echo.close();
    agent.destroy();
    await arm.stop();
    await connector.stop();
  }
}
