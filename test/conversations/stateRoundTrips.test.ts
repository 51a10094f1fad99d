import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { createApp, type App } from '../../app.js';
import { loadConfig } from '../../config/index.js';
import { createMemoryLogger } from '../../logging/logger.js';
import { emulatorMessage, type TestActivity } from '../support/activities.js';
import { AZURITE_ACCOUNT, Azurite } from '../support/azurite.js';
import { FakeConnector, shownText } from '../support/connector.js';
import { CountingProxy, type ProxiedRequest } from '../support/countingProxy.js';
import { FakeLanguageService } from '../support/fakeLanguageService.js';
import { FakeTranslator } from '../support/fakeTranslator.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buttonCommand, emulatorConversation } from '../support/conversation.js';
import { colourImage, tinyModel } from '../support/imageFixtures.js';
import { startApp, type RunningApp } from '../support/runningApp.js';

/**
 * What a turn costs the state storage, counted at the storage (a proxy in front of Azurite), with two instances
 * sharing one container: a plain turn makes one round trip (the activity-id claim), and what one instance changes
 * the other sees on its next turn.
 */
describe('state on Azure Blob Storage: round trips per turn, two instances (Azurite behind a counting proxy)', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  let proxy: CountingProxy;
  let connector: FakeConnector;
  const language = new FakeLanguageService();
  const translator = new FakeTranslator();
  const bots: Array<{ app: App; url: string }> = [];

  before(async () => {
    connector = new FakeConnector();
    [azurite] = await Promise.all([Azurite.start(), connector.start(), language.start(), translator.start()]);
    proxy = new CountingProxy(azurite.origin);
    await proxy.start();
    const env = {
      HOST: '127.0.0.1',
      PORT: '0',
      STATE_STORAGE_CONNECTION_STRING: azurite.connectionString(`${proxy.origin}/${AZURITE_ACCOUNT}`),
      TEXT_ANALYTICS_ENDPOINT: language.endpoint,
      TEXT_ANALYTICS_KEY: language.key,
      TRANSLATOR_KEY: translator.key,
      TRANSLATOR_ENDPOINT: translator.endpoint,
    };
    for (let i = 0; i < 2; i++) {
      const app = createApp(loadConfig(env), { logger: createMemoryLogger() });
      const { port } = await app.listen();
      await app.ready;
      bots.push({ app, url: `http://127.0.0.1:${port}` });
    }
  });
  after(async () => {
    await Promise.all(bots.map((bot) => bot.app.close(1000)));
    await proxy?.stop();
    await Promise.all([azurite?.stop(), connector?.stop(), language.stop(), translator.stop()]);
  });

  /** Posts to instance `index`; the Emulator's POST answers once the turn is over. The storage requests it made. */
  async function turn(index: number, activity: TestActivity): Promise<ProxiedRequest[]> {
    const from = proxy.requests.length;
    const response = await fetch(`${bots[index].url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    assert.equal(response.status, 200);
    return proxy.since(from);
  }
  const typed = (conversationId: string, text: string) => emulatorMessage({ serviceUrl: connector.url, conversationId, text, id: randomUUID() });
  const blobOf = (request: ProxiedRequest) => decodeURIComponent(decodeURIComponent(request.url.split('?')[0]));

  it('makes one storage request for a plain analyze turn: the claim, a write conditional on the version it knows', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await turn(0, typed(conversationId, 'analyze hello there'));
    await connector.waitForMessages(conversationId, 1);
    const requests = await turn(0, typed(conversationId, 'analyze I loved the new GPU, but the driver install was painful'));
    assert.equal(connector.messagesTo(conversationId).length, 2, 'answered');
    assert.deepEqual(
      requests.map((request) => `${request.method} ${blobOf(request)} ${request.headers['if-match'] ? 'If-Match' : ''} ${request.status}`),
      [`PUT /${AZURITE_ACCOUNT}/labmate-state/records/conversations/emulator/${conversationId} If-Match 201`],
    );
  });

  it('sees a setting another instance changed on its next turn, and acts once on an activity both instances get', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await turn(0, typed(conversationId, 'analyze hello there'));
    await turn(0, typed(conversationId, 'sentiment what a day'));
    assert.doesNotMatch(shownText((await connector.waitForMessages(conversationId, 2))[1]), /\[es\]/);
    await turn(1, typed(conversationId, 'translate auto spanish'));
    await connector.waitForMessages(conversationId, 3);
    const requests = await turn(0, typed(conversationId, 'sentiment I love this cluster'));
    assert.match(shownText((await connector.waitForMessages(conversationId, 4))[3]), /\[es\]/, 'instance A translates: it saw what B changed');
    const writes = requests.filter((request) => request.method === 'PUT').map((request) => request.status);
    assert.deepEqual(writes, [412, 201], 'its claim over the version it knew was refused; it read the record and claimed again');

    const both = typed(conversationId, 'sentiment once only');
    await turn(1, both);
    await turn(0, both);
    await turn(1, typed(conversationId, 'translate off'));
    await connector.waitForMessages(conversationId, 6);
    const texts = connector.messagesTo(conversationId).map(shownText);
    assert.equal(texts.length, 6, 'the redelivered activity was not answered a second time');
    await turn(0, typed(conversationId, 'sentiment back to English'));
    assert.doesNotMatch(shownText((await connector.waitForMessages(conversationId, 7))[6]), /\[es\]/, 'A saw B turn it off');
  });

  it('continues a flow begun on one instance on the other, reading its dialog state only while it is open', async () => {
    const env = {
      STATE_STORAGE_CONNECTION_STRING: azurite.connectionString(`${proxy.origin}/${AZURITE_ACCOUNT}`),
      STATE_STORAGE_CONTAINER: 'flows',
      IMAGE_MODEL_DIR: tinyModel(),
      LABEL_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'labmate-labels-')), 'dataset'),
      // Only operators may create a tag.
      VM_OPERATORS: 'emulator/operator-1',
    };
    const [a, b] = await Promise.all([startApp(env), startApp(env)]);
    let current: RunningApp = a;
    try {
      const conversation = emulatorConversation(connector, () => current, 'operator-1', 15_000);
      await conversation.say('label on');
      const png = await colourImage('red', 'png');
      const card = await conversation.post({ ...conversation.message('operator-1', { text: '' }), attachments: [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${png.toString('base64')}` }] });
      await conversation.press(buttonCommand(card, 'Other…'));
      current = b;
      const from = proxy.requests.length;
      const tagged = shownText(await conversation.say('leaf'));
      assert.match(tagged, /Labelled leaf by User\./, `instance B took the tag for the flow A began: ${tagged}`);
      const dialogReads = proxy.since(from).filter((request) => request.method === 'GET' && /\/flows\/emulator/.test(blobOf(request)));
      assert.equal(dialogReads.length, 1, 'B read the dialog state (botbuilder\'s blob) once');
      current = a;
      const after = proxy.requests.length;
      assert.match(shownText(await conversation.say('sentiment what a lovely leaf')), /positive/i, 'the next message is read as usual on A');
      // B changed the record (its claim, the flow closed): A's claim is refused, it reads the record and claims again.
      const requests = proxy.since(after).map((request) => `${request.method} ${blobOf(request).replace(/^.*\/records\//, '')}`);
      assert.ok(requests.length > 0 && requests.every((request) => / conversations\/emulator\//.test(request)), `no dialog state read: ${requests.join(', ')}`);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});

