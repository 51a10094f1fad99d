import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { emulatorMessage, type TestActivity } from '../support/activities.js';
import { FakeConnector, shownText } from '../support/connector.js';
import { postForReply } from '../support/conversation.js';
import { FakeArm, trainingVmsEnv } from '../support/fakeArm.js';
import { FakeCustomVision, PREDICTION_KEY, PROJECT_ID, PUBLISHED_NAME } from '../support/fakeCustomVision.js';
import { FakeLanguageService } from '../support/fakeLanguageService.js';
import { FakeTranslator } from '../support/fakeTranslator.js';
import { colourImage } from '../support/imageFixtures.js';
import { startApp, type RunningApp } from '../support/runningApp.js';

/** Short deadlines, so a hanging service costs the test about a second. */
const SERVICE_TIMEOUT_MS = 800;

describe('every outside call has a deadline', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  before(async () => {
    connector = new FakeConnector();
    await connector.start();
  });
  after(() => connector.stop());

  /** Sends a message and waits for the bot's first answer: [what it shows, how long it took]. */
  async function ask(bot: RunningApp, text: string, extra: Partial<TestActivity> = {}): Promise<[string, number]> {
    const started = performance.now();
    const reply = await postForReply(bot, connector, { ...emulatorMessage({ serviceUrl: connector.url, text }), ...extra });
    return [shownText(reply), performance.now() - started];
  }

  /** While one person waits on a hanging service (`held` is true once it holds their request), others are served at once. */
  async function othersServed(bot: RunningApp, held: () => boolean): Promise<void> {
    const deadline = performance.now() + 5_000;
    while (!held() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok(held(), 'the hanging service holds the first request');
    const [help, elapsed] = await ask(bot, 'help');
    assert.match(help, /^What labmate can do/);
    assert.ok(elapsed < 500, `help took ${elapsed.toFixed(0)} ms`);
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200);
  }

  it('Azure AI Language hanging: an apology within the deadline, others served meanwhile, then service again', async () => {
    const language = new FakeLanguageService();
    await language.start();
    const bot = await startApp({ TEXT_ANALYTICS_ENDPOINT: language.endpoint, TEXT_ANALYTICS_KEY: language.key, SERVICE_TIMEOUT_MS: String(SERVICE_TIMEOUT_MS) });
    try {
      language.hanging = 'no-answer';
      const waiting = ask(bot, 'sentiment The new GPU is wonderful.');
      await othersServed(bot, () => language.heldRequests > 0);
      const [apology, elapsed] = await waiting;
      assert.match(apology, /Azure AI Language did not answer within 0\.8 s\. Please try again in a minute\./);
      assert.ok(elapsed < SERVICE_TIMEOUT_MS + 1500, `answered after ${elapsed.toFixed(0)} ms`);
      language.hanging = false;
      assert.match((await ask(bot, 'sentiment The new GPU is wonderful.'))[0], /^Sentiment/);
    } finally {
      await bot.stop();
      await language.stop();
    }
  });

  it('Azure Translator hanging, its language list too: answers within the deadline, and no hung lookup is kept', async () => {
    const translator = new FakeTranslator();
    await translator.start();
    const bot = await startApp({ TRANSLATOR_KEY: translator.key, TRANSLATOR_ENDPOINT: translator.endpoint, SERVICE_TIMEOUT_MS: String(SERVICE_TIMEOUT_MS) });
    try {
      translator.hanging = 'no-answer';
      const [auto, autoElapsed] = await ask(bot, 'translate auto spanish');
      assert.match(auto, /Azure Translator did not answer within 0\.8 s/);
      assert.ok(autoElapsed < SERVICE_TIMEOUT_MS + 1500);
      const [text] = await ask(bot, 'translate to spanish: the training run finished');
      assert.match(text, /Azure Translator did not answer within 0\.8 s/);
      translator.hanging = false;
      assert.match((await ask(bot, 'translate auto spanish'))[0], /traduzco|translate off/i, 'the language list is asked again, not the hung lookup');
      assert.match((await ask(bot, 'translate to german: the training run finished'))[0], /^Translation/);
    } finally {
      await bot.stop();
      await translator.stop();
    }
  });

  it('Custom Vision stalling mid-answer: the image gets an apology within the deadline', async () => {
    const customVision = new FakeCustomVision();
    await customVision.start();
    const bot = await startApp({
      CUSTOM_VISION_PREDICTION_ENDPOINT: customVision.endpoint,
      CUSTOM_VISION_PREDICTION_KEY: PREDICTION_KEY,
      CUSTOM_VISION_PROJECT_ID: PROJECT_ID,
      CUSTOM_VISION_PUBLISHED_NAME: PUBLISHED_NAME,
      SERVICE_TIMEOUT_MS: String(SERVICE_TIMEOUT_MS),
    });
    try {
      customVision.hanging = 'mid-body';
      const png = await colourImage('red', 'png');
      const image = { attachments: [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${png.toString('base64')}` }] };
      const [apology, elapsed] = await ask(bot, '', image);
      assert.match(apology, /Custom Vision did not answer within 0\.8 s/);
      assert.ok(elapsed < SERVICE_TIMEOUT_MS + 1500, `answered after ${elapsed.toFixed(0)} ms`);
      customVision.hanging = false;
      assert.match((await ask(bot, '', image))[0], /^Image classification/);
    } finally {
      await bot.stop();
      await customVision.stop();
    }
  });

  it('Resource Manager polls hanging after an accepted start: the operation ends as unknown, and the VM is not held', async () => {
    const arm = new FakeArm([{ resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' }]);
    await arm.start();
    const bot = await startApp(
      {
        ...trainingVmsEnv(arm),
        VM_OPERATORS: 'emulator/operator-1',
        // Each hung poll is given longer than the whole operation: the operation's own deadline ends it.
        SERVICE_TIMEOUT_MS: '5000',
        VM_OPERATION_TIMEOUT_MS: '1500',
      },
      { compute: { pollIntervalMs: 50 } },
    );
    try {
      arm.hangPolls = true;
      const conversationId = `conv-${randomUUID()}`;
      const start = emulatorMessage({ serviceUrl: connector.url, text: 'vm start gpu-01', fromId: 'operator-1', conversationId });
      await bot.post(start);
      const [ack, outcome] = await connector.waitForMessages(conversationId, 2, 10_000);
      assert.match(shownText(ack), /Starting gpu-01\.\.\. Azure has accepted the request/);
      assert.match(shownText(outcome), /^Unknown: gpu-01\nAzure had not finished starting gpu-01 after 1\.5 s, so I stopped waiting; it may still finish\. Ask vm status gpu-01 where it is\./);
      assert.ok(bot.logger.entries.some((entry) => entry.message === 'audit' && entry.fields.result === 'unknown'));
      arm.hangPolls = false;
      arm.completeAll();
      const [again] = await ask(bot, 'vm start gpu-01', { from: { id: 'operator-1', name: 'User', role: 'user' } });
      assert.doesNotMatch(again, /I am already starting/, 'the VM is not held by an operation nobody will report');
    } finally {
      await bot.stop();
      await arm.stop();
    }
  });

  it('Resource Manager hanging on a shutdown schedule: an apology within the deadline, others served meanwhile', async () => {
    const arm = new FakeArm([{ resourceGroup: 'ml-rg', name: 'gpu-01', power: 'running' }]);
    await arm.start();
    const bot = await startApp({
      ...trainingVmsEnv(arm),
      VM_OPERATORS: 'emulator/operator-1',
      SERVICE_TIMEOUT_MS: String(SERVICE_TIMEOUT_MS),
    });
    try {
      arm.hangSchedules = true;
      const answer = ask(bot, 'vm autostop gpu-01 19:00', { from: { id: 'operator-1', name: 'User', role: 'user' } });
      await othersServed(bot, () => arm.scheduleCalls().length > 0);
      const [shown, elapsed] = await answer;
      assert.match(shown, /Azure did not answer in time while setting the shutdown schedule of gpu-01\. Please try again in a few minutes\./);
      assert.ok(elapsed < SERVICE_TIMEOUT_MS + 1000, `answered after ${elapsed.toFixed(0)} ms`);
    } finally {
      await bot.stop();
      await arm.stop();
    }
  });

  it('the Bot Connector hanging: the turn ends within the deadline, and others are served', async () => {
    const bot = await startApp({ CHANNEL_TIMEOUT_MS: '500' });
    const slowConnector = new FakeConnector();
    await slowConnector.start();
    try {
      slowConnector.delayMs = 60_000;
      const started = performance.now();
      const response = await bot.post(emulatorMessage({ serviceUrl: slowConnector.url, text: 'help' }));
      const elapsed = performance.now() - started;
      assert.equal(response.status, 200);
      assert.ok(elapsed < 3000, `the turn ended after ${elapsed.toFixed(0)} ms`);
      await othersServed(bot, () => slowConnector.arrived > 0);
      assert.ok(bot.logger.entries.some((entry) => /chat service did not take my answer within 0\.5 s/.test(JSON.stringify(entry.fields))));
    } finally {
      await bot.stop();
      await slowConnector.stop();
    }
  });
});
