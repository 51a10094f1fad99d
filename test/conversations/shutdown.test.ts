import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { emulatorMessage } from '../support/activities.js';
import { FakeConnector } from '../support/connector.js';
import { waitFor } from '../support/waitFor.js';

/** Starts `index.ts` as `npm start` would (through tsx), and resolves its URL from the start-up log line. */
async function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'index.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const match = /"url":"(http:\/\/[^"]+)\/api\/messages"/.exec(output);
    if (match) return { child, url: match[1], output: () => output };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the bot did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the process', function () {
  this.timeout(40_000);

  it('finishes a turn in flight on SIGTERM, refuses new connections, and exits 0', async () => {
    const connector = new FakeConnector();
    await connector.start();
    connector.delayMs = 1500;
    const { child, url } = await startProcess({});
    try {
      await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 'readyz 200', 20_000);
      const activity = emulatorMessage({ serviceUrl: connector.url, text: 'sentiment The cluster is fast today.' });
      const inFlight = fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify(activity),
      });
      // SIGTERM while the turn's reply is held by the slow connector: the turn is certainly in flight.
      await waitFor(() => connector.arrived > 0, 'the reply to reach the connector');
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];

      assert.equal((await inFlight).status, 200, 'the turn in flight finished');
      assert.equal(connector.messagesTo(activity.conversation.id).length, 1, 'its reply reached the connector');
      assert.equal(code, 0);
      await assert.rejects(fetch(`${url}/healthz`), 'no longer accepting');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await connector.stop();
    }
  });

  it('refuses to start with one message naming every bad variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'index.ts'], {
      env: { ...process.env, PORT: 'abc', TEXT_ANALYTICS_KEY: 'k' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 1);
    assert.match(stderr, /labmate cannot start; fix these settings:/);
    assert.match(stderr, /PORT: expected a port number/);
    assert.match(stderr, /TEXT_ANALYTICS_ENDPOINT: expected to be set too/);
  });
});
