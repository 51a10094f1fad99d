import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBotWithConnector, type BotWithConnector } from '../support/botWithConnector.js';
import { adaptiveCardOf, shownText, visibleTexts } from '../support/connector.js';
import { cardButtons } from '../support/renderedText.js';
import { FakeTranslator, TRANSLATOR_ERRORS } from '../support/fakeTranslator.js';

describe('translation through POST /api/messages (Apertium, local connector)', () => {
  let chat: BotWithConnector;
  before(async () => (chat = await startBotWithConnector()));
  after(() => chat.stop());
  beforeEach(() => chat.connector.reset());

  const say = (conversationId: string, text: string) => chat.ask(text, { conversationId });

  it('answers `translate to spanish: the training run finished` in Spanish, naming the detected source', async () => {
    const reply = await say('conv-translate', 'translate to spanish: the training run finished');
    const texts = visibleTexts(adaptiveCardOf(reply));
    assert.equal(texts[0], 'Translation');
    assert.match(texts[1], /^From: English \(detected, \d+% confident\)$/);
    assert.equal(texts[2], 'To: Spanish');
    assert.match(texts[3], /^La .*formación/);
    assert.equal(texts[4], 'Original: the training run finished');
    assert.match(texts.at(-1) ?? '', /Apertium/);
  });

  it('takes the language as a code, and tells an unknown one and a missing pair apart', async () => {
    const byCode = visibleTexts(adaptiveCardOf(await say('conv-code', 'translate es good morning')));
    assert.equal(byCode[3], 'buenos días');

    const unknown = await say('conv-code', 'translate to klingon: hello');
    assert.match(shownText(unknown), /I don't know the language klingon\./);

    const missing = await say('conv-code', 'translate to catalan: the training run finished');
    assert.match(shownText(missing), /nothing that translates into Catalan here\. Installed: English → Spanish, Spanish → English\. The bot's administrator can add more\./);
    assert.ok(chat.bot.logger.entries.some((entry) => /apt-get install apertium-eng-cat/.test(String(entry.fields.adminHint))));
  });

  it('auto-translates help to Spanish, leaving command words, placeholders and button commands as they are; typing what it shows works', async () => {
    const conversationId = 'conv-auto';
    assert.match(shownText(await say(conversationId, 'translate auto spanish')), /traduzco esta conversación/);

    // "ayuda" translates to "Help": the command is found through the translation, and help answers in Spanish.
    const help = await say(conversationId, 'ayuda');
    const card = adaptiveCardOf(help)!;
    const texts = visibleTexts(card);
    assert.equal(texts[0], 'Qué labmate puede hacer', 'the title is in Spanish');
    for (const command of ['translate auto ‹language›', 'vm start ‹name›', 'pii ‹text›', 'jobs [‹experiment›]']) {
      assert.ok(texts.includes(command), `"${command}" is shown as written, in ${JSON.stringify(texts)}`);
    }
    assert.ok(texts.some((text) => text.includes('help ‹topic›') && text.includes('translation') && /[áéíóúñ]|donde|tema/.test(text)), `the pointer to the topics is Spanish around the words it names: ${JSON.stringify(texts)}`);
    assert.doesNotMatch(texts.join('\n'), /traduce fuera|coche|AZURE_|VM_OPERATORS/, 'no command or setting is translated, and no setting is shown at all');
    const buttons = cardButtons(card);
    assert.notEqual(buttons[0][0], 'Try an analysis', 'button titles are translated');
    assert.deepEqual(
      buttons.map(([, command]) => command),
      ['analyze I loved the new GPU, but the driver install was painful', 'help text', 'help translation', 'help images', 'help vms', 'help jobs'],
      'what a button runs is never translated',
    );

    // A topic's page, as its button runs it: every form of it, descriptions in Spanish around the commands they name.
    const page = visibleTexts(adaptiveCardOf(await say(conversationId, 'help translation')));
    for (const command of ['translate ‹language› ‹text›', 'translate auto ‹language›', 'translate off']) assert.ok(page.includes(command), `"${command}" in ${JSON.stringify(page)}`);
    assert.ok(page.some((text) => /\bhasta `?translate off/.test(text) || text.includes('translate off') && /[áéíóúñ]|conversación/.test(text)), 'descriptions are Spanish around the command they name');

    // What the card shows works when typed.
    const vmList = visibleTexts(adaptiveCardOf(await say(conversationId, 'vm list'))).join('\n');
    assert.match(vmList, /VM/, `\`vm list\` reaches the vm command: ${vmList}`);
    assert.doesNotMatch(vmList, /Análisis de texto/);
    await say(conversationId, 'translate off');
    assert.equal(visibleTexts(adaptiveCardOf(await say(conversationId, 'help')))[0], 'What labmate can do', '`translate off` typed as shown turns it off');
  });

  it('analyses a Spanish message in auto mode as Spanish: what the person wrote, not the machine translation', async () => {
    const conversationId = 'conv-auto-analysis';
    await say(conversationId, 'translate auto spanish');
    const texts = visibleTexts(adaptiveCardOf(await say(conversationId, 'La nueva GPU es rápida y el equipo está contento.')));
    assert.equal(texts[0], 'Análisis de texto');
    const language = texts[texts.indexOf('Lengua') + 1] ?? texts.join(' | ');
    assert.match(language, /^Español \(\d+%/, `the language is Spanish: ${texts.join(' | ')}`);
    assert.doesNotMatch(texts.join('\n'), /English|Inglés/);
  });
});

describe('auto-translation when the translator fails (Azure Translator answering 429)', () => {
  const service = new FakeTranslator();
  let chat: BotWithConnector;

  before(async () => {
    await service.start();
    chat = await startBotWithConnector({ TRANSLATOR_KEY: service.key, TRANSLATOR_ENDPOINT: service.endpoint });
  });
  after(async () => {
    await chat.stop();
    await service.stop();
  });

  it('still answers, in English, with a short note', async () => {
    const conversationId = 'conv-failing';
    await chat.ask('translate auto spanish', { conversationId });
    assert.ok(service.requests.some((request) => request.path === '/languages'));

    service.failure = TRANSLATOR_ERRORS.rateLimited;
    const texts = visibleTexts(adaptiveCardOf(await chat.ask('help', { conversationId })));
    assert.equal(texts[0], 'What labmate can do');
    assert.ok(texts.includes('Not translated to Spanish (the translator is busy).'), texts.join(' | '));
  });
});

describe('a bot with no translator at all', () => {
  let emptyDir: string;
  let chat: BotWithConnector;

  before(async () => {
    emptyDir = await mkdtemp(join(tmpdir(), 'no-apertium-'));
    chat = await startBotWithConnector({ APERTIUM_DATADIR: emptyDir });
  });
  after(async () => {
    await chat.stop();
    await rm(emptyDir, { recursive: true });
  });

  it('is ready, analyses text, and says how to enable translation', async () => {
    assert.equal((await fetch(`${chat.bot.url}/readyz`)).status, 200);
    const reply = await chat.ask('translate to spanish: the training run finished');
    assert.equal(shownText(reply), "Translation is not set up on this bot yet. Ask the bot's administrator to set it up.");
    assert.ok(chat.bot.logger.entries.some((entry) => /TRANSLATOR_KEY.*apt-get install apertium/.test(String(entry.fields.adminHint))));

    const analysis = await chat.ask('sentiment This release is wonderful.');
    assert.equal(visibleTexts(adaptiveCardOf(analysis))[0], 'Sentiment');
  });
});
