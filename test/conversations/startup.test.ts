import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../app.js';
import { loadConfig } from '../../config/index.js';
import { createMemoryLogger } from '../../logging/logger.js';
import { LoadingStateStore } from '../../state/LoadingStateStore.js';
import { emulatorMessage } from '../support/activities.js';
import { FakeConnector, shownText } from '../support/connector.js';

/** An apertium-apy server whose /listPairs answers after `delayMs`: a backend that takes its time to load. */
async function slowApy(delayMs: number): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    setTimeout(() => res.end(JSON.stringify({ responseData: [], responseStatus: 200 })), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('start-up: a message that arrives while a backend loads', () => {
  let connector: FakeConnector;
  before(async () => {
    connector = new FakeConnector();
    await connector.start();
  });
  after(() => connector.stop());

  async function startLoading(delayMs: number, readyWaitMs: number): Promise<{ app: App; url: string; stop: () => Promise<void> }> {
    const apy = await slowApy(delayMs);
    const app = createApp(loadConfig({ HOST: '127.0.0.1', PORT: '0', APERTIUM_URL: apy.url }), { logger: createMemoryLogger(), readyWaitMs });
    const { port } = await app.listen();
    return {
      app,
      url: `http://127.0.0.1:${port}`,
      stop: async () => {
        await app.close(1000);
        apy.server.close();
      },
    };
  }

  const post = (url: string, activity: unknown) =>
    fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

  it('waits for it and is answered, while /readyz says 503 to load balancers until then', async () => {
    const bot = await startLoading(800, 10_000);
    try {
      assert.equal((await fetch(`${bot.url}/readyz`)).status, 503, 'listening at once, not ready yet');
      const activity = emulatorMessage({ serviceUrl: connector.url, text: 'help' });
      const response = await post(bot.url, activity);
      assert.equal(response.status, 200);
      const [reply] = await connector.waitForMessages(activity.conversation.id, 1);
      assert.match(shownText(reply), /What labmate can do/);
      assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);
    } finally {
      await bot.stop();
    }
  });

  it('is told to come back (503, Retry-After) when the backend takes longer than the bounded wait', async () => {
    const bot = await startLoading(1500, 100);
    try {
      const activity = emulatorMessage({ serviceUrl: connector.url, text: 'help' });
      const response = await post(bot.url, activity);
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('retry-after'), '5');
      assert.deepEqual(await response.json(), { error: 'labmate is starting; try again in a few seconds' });
      await bot.app.ready;
    } finally {
      await bot.stop();
    }
  });
});

describe('start-up: a configured backend whose library cannot load', () => {
  it('keeps /readyz at 503 with the reason in the log (the state storage, whose SDK loads with the start)', async () => {
    const logger = createMemoryLogger();
    const missing = Object.assign(new Error("Cannot find package '@azure/storage-blob'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const app = createApp(loadConfig({ HOST: '127.0.0.1', PORT: '0' }), { logger, stateStore: new LoadingStateStore(Promise.reject(missing)), readyWaitMs: 100 });
    const { port } = await app.listen();
    try {
      await assert.rejects(app.ready, /Cannot find package '@azure\/storage-blob'/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 503);
      const failed = logger.entries.find((entry) => entry.message === 'a backend failed to load');
      assert.equal(failed?.level, 'error');
      assert.equal(failed?.fields.error, missing);
    } finally {
      await app.close(1000);
    }
  });
});

describe('start-up: a clean start (no settings at all) is quiet and says what it runs on', function () {
  this.timeout(60_000);
  const INDEX = join(import.meta.dirname, '..', '..', 'index.ts');
  let connector: FakeConnector;
  before(async () => {
    connector = new FakeConnector();
    await connector.start();
  });
  after(() => connector.stop());

  it('first logs the address and every capability\'s backend, answers help and an analysis, and writes nothing to stderr', async () => {
    // No labmate variable, no .env (an empty folder as the working directory), no NODE_OPTIONS: as `npm start` on a
    // fresh clone, but on a free port.
    const cwd = mkdtempSync(join(tmpdir(), 'labmate-clean-start-'));
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), INDEX], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = () => stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: string; message: string; [field: string]: unknown });
    try {
      while (!lines().some((line) => line.message === 'labmate backends')) {
        if (child.exitCode !== null) assert.fail(`labmate exited:\n${stdout}\n${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const [listening, backends] = lines();
      assert.equal(listening.message, 'labmate listening');
      assert.match(String(listening.url), /^http:\/\/127\.0\.0\.1:\d+\/api\/messages$/);
      assert.equal(listening.tryoutPage, String(listening.url).replace(/api\/messages$/, ''));
      assert.equal(backends.message, 'labmate backends');
      const { level, message, time, ...named } = backends;
      assert.equal(level, 'info');
      assert.ok(message && time);
      assert.deepEqual(Object.keys(named).sort(), ['botFramework', 'compute', 'imageClassification', 'labelling', 'machineLearning', 'slack', 'stateStore', 'telemetry', 'textAnalysis', 'translation']);
      assert.match(String(named.textAnalysis), /^local/);
      assert.match(String(named.translation), /^Apertium/);
      assert.match(String(named.imageClassification), /^none \(set IMAGE_MODEL_DIR/);
      assert.match(String(named.compute), /^none/);
      assert.match(String(named.stateStore), /^memory/);
      assert.equal(named.telemetry, 'off');
      assert.match(String(named.slack), /^off/);
      assert.match(String(named.botFramework), /no authentication/);

      // The first turns load what the start did not (the analyzer worker, the command table's dialogs): still quiet.
      const base = String(listening.url).replace(/\/api\/messages$/, '');
      for (const text of ['help', 'analyze I loved the new GPU, but the driver install was painful']) {
        const activity = emulatorMessage({ serviceUrl: connector.url, text });
        const response = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        assert.equal(response.status, 200);
        await connector.waitForMessages(activity.conversation.id, 1);
      }
      assert.deepEqual(lines().filter((line) => line.level !== 'info'), [], 'warnings or errors in the log');
      assert.equal(stderr, '', 'stderr (deprecation warnings, stack traces)');
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
      rmSync(cwd, { recursive: true, force: true });
    }
    assert.equal(stderr, '', 'stderr at shutdown');
  });
});
