import { strict as assert } from 'node:assert';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startApp, type RunningApp } from '../support/runningApp.js';

describe('the HTTP server with slow clients', () => {
  let bot: RunningApp;
  before(async () => {
    bot = await startApp({ HTTP_REQUEST_TIMEOUT_MS: '500' });
  });
  after(() => bot.stop());

  it('answers 408 and hangs up on a body that trickles in, within its deadline, and keeps serving others', async () => {
    const { port } = new URL(bot.url);
    const socket = connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    const started = performance.now();
    socket.write('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":');
    const drip = setInterval(() => socket.write(' '), 100);
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200, 'others are served meanwhile');
    await closed;
    clearInterval(drip);
    const elapsed = performance.now() - started;
    assert.match(Buffer.concat(received).toString('utf8'), /^HTTP\/1\.1 408/);
    assert.ok(elapsed < 2000, `hung up after ${elapsed.toFixed(0)} ms`);
  });
});
