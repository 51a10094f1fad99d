import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorMessage } from '../support/activities.js';
import { adaptiveCardOf, FakeConnector, visibleTexts, type ConnectorCall } from '../support/connector.js';
import { FakeTranslator, TRANSLATOR_ERRORS } from '../support/fakeTranslator.js';
import { startApp, type RunningApp } from '../support/runningApp.js';

type Card = { body: unknown[]; actions?: Array<{ title: string; data: unknown }> };

describe('translation through POST /api/messages (Apertium, local connector)', () => {
  let connector: FakeConnector;
  let bot: RunningApp;

  before(async () => {
    connector = new FakeConnector();
    await connector.start();
    bot = await startApp();
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
  });
  beforeEach(() => connector.reset());

  async function say(conversationId: string, text: string): Promise<ConnectorCall> {
    const before = connector.messagesTo(conversationId).length;
    const response = await bot.post(emulatorMessage({ serviceUrl: connector.url, conversationId, text }));
    assert.equal(response.status, 200);
    const messages = await connector.waitForMessages(conversationId, before + 1, 10_000);
    return messages[messages.length - 1];
  }

  it('answers `translate to spanish: the training run finished` in Spanish, naming the detected source', async () => {
    const reply = await say('conv-translate', 'translate to spanish: the training run finished');
    const texts = visibleTexts(adaptiveCardOf(reply));
    assert.equal(texts[0], 'Translation');
    assert.deepEqual(texts.slice(1, 5), ['From', texts[2], 'To', 'Spanish']);
    assert.match(texts[2], /^English \(detected, \d+% confident\)$/);
    assert.match(texts[5], /^La .*formación/);
    assert.match(texts.at(-1) ?? '', /Apertium/);
  });

  it('takes the language as a code, and tells an unknown one and a missing pair apart', async () => {
    const byCode = visibleTexts(adaptiveCardOf(await say('conv-code', 'translate es good morning')));
    assert.equal(byCode[5], 'buenos días');

    const unknown = await say('conv-code', 'translate to klingon: hello');
    assert.match(unknown.activity.text ?? '', /I don't know the language "klingon"/);

    const missing = await say('conv-code', 'translate to catalan: the training run finished');
    assert.match(missing.activity.text ?? '', /Catalan.*apertium-eng-cat/);
  });

  it('switches a conversation to Spanish: a Spanish request reaches its dialog and the card comes back translated, action data untouched', async () => {
    const conversationId = 'conv-auto';
    assert.match((await say(conversationId, 'translate auto spanish')).activity.text ?? '', /Auto-translation is on/);

    // "ayuda" translates to "Help": the help dialog answers, in Spanish.
    const help = await say(conversationId, 'ayuda');
    const card = adaptiveCardOf(help) as Card;
    const texts = visibleTexts(card);
    assert.equal(texts[0], 'Qué labmate puede hacer', 'the heading TextBlock is in Spanish');
    assert.ok(texts.includes('Ayuda'), 'FactSet titles are translated too');
    assert.notEqual(card.actions?.[0].title, 'Try an analysis', 'action titles are translated');
    assert.deepEqual(
      card.actions?.map((action) => action.data),
      [
        { command: 'analyze I loved the new GPU, but the driver install was painful', msteams: { type: 'imBack', value: 'analyze I loved the new GPU, but the driver install was painful' } },
        { command: 'pii Mail jane@contoso.com or call +1 425 555 0100', msteams: { type: 'imBack', value: 'pii Mail jane@contoso.com or call +1 425 555 0100' } },
        { command: 'translate to spanish: the training run finished', msteams: { type: 'imBack', value: 'translate to spanish: the training run finished' } },
      ],
      'action data is never translated',
    );

    // The setting survives across turns, and `translate off` ends it.
    const analysis = visibleTexts(adaptiveCardOf(await say(conversationId, 'La nueva GPU es rápida.')));
    assert.equal(analysis[0], 'Análisis de texto');
    await say(conversationId, 'translate off');
    assert.equal(visibleTexts(adaptiveCardOf(await say(conversationId, 'help')))[0], 'What labmate can do');
  });
});

describe('auto-translation when the translator fails (Azure Translator answering 429)', () => {
  const service = new FakeTranslator();
  let connector: FakeConnector;
  let bot: RunningApp;

  before(async () => {
    await service.start();
    connector = new FakeConnector();
    await connector.start();
    bot = await startApp({ TRANSLATOR_KEY: service.key, TRANSLATOR_ENDPOINT: service.endpoint });
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    await service.stop();
  });

  it('still answers, in English, with a short note', async () => {
    const conversationId = 'conv-failing';
    await bot.post(emulatorMessage({ serviceUrl: connector.url, conversationId, text: 'translate auto spanish' }));
    await connector.waitForMessages(conversationId, 1);
    assert.equal(service.requests.at(-1)?.path, '/languages');

    service.failure = TRANSLATOR_ERRORS.rateLimited;
    await bot.post(emulatorMessage({ serviceUrl: connector.url, conversationId, text: 'help' }));
    const [, reply] = await connector.waitForMessages(conversationId, 2, 10_000);
    const texts = visibleTexts(adaptiveCardOf(reply));
    assert.equal(texts[0], 'What labmate can do');
    assert.match(texts.at(-1) ?? '', /Not translated to Spanish \(the translator is busy\)/);
  });
});

describe('a bot with no translator at all', () => {
  let emptyDir: string;
  let connector: FakeConnector;
  let bot: RunningApp;

  before(async () => {
    emptyDir = await mkdtemp(join(tmpdir(), 'no-apertium-'));
    connector = new FakeConnector();
    await connector.start();
    bot = await startApp({ APERTIUM_DATADIR: emptyDir });
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    await rm(emptyDir, { recursive: true });
  });

  it('is ready, analyses text, and says how to enable translation', async () => {
    assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);
    const translate = emulatorMessage({ serviceUrl: connector.url, text: 'translate to spanish: the training run finished' });
    await bot.post(translate);
    const [reply] = await connector.waitForMessages(translate.conversation.id, 1);
    assert.match(reply.activity.text ?? '', /Translation is not set up.*TRANSLATOR_KEY.*apt-get install apertium/);

    const analyze = emulatorMessage({ serviceUrl: connector.url, text: 'sentiment This release is wonderful.' });
    await bot.post(analyze);
    const [analysis] = await connector.waitForMessages(analyze.conversation.id, 1);
    assert.equal(visibleTexts(adaptiveCardOf(analysis))[0], 'Sentiment');
  });
});
