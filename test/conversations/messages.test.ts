import { strict as assert } from 'node:assert';
import { emulatorMessage, membersAdded, teamsChannelMessage } from '../support/activities.js';
import { startBotWithConnector, type BotWithConnector } from '../support/botWithConnector.js';
import { adaptiveCardOf, FakeConnector, shownText, visibleTexts } from '../support/connector.js';
import { startApp } from '../support/runningApp.js';

describe('POST /api/messages (real server, local connector)', () => {
  let chat: BotWithConnector;
  before(async () => (chat = await startBotWithConnector()));
  after(() => chat.stop());
  beforeEach(() => chat.connector.reset());

  it('answers an Emulator analyze message with a card showing language, sentiment per sentence, entities and key phrases', async () => {
    const activity = emulatorMessage({
      serviceUrl: chat.connector.url,
      text: 'analyze I loved the new GPU, but the driver install was painful. Ada met the Microsoft team in Seattle on Monday.',
    });
    const response = await chat.bot.post(activity);
    assert.equal(response.status, 200);

    const [reply] = await chat.connector.waitForMessages(activity.conversation.id, 1);
    assert.equal(reply.method, 'POST');
    assert.equal(reply.activityId, activity.id, 'the reply goes to /v3/conversations/{id}/activities/{replyToId}');
    assert.equal(reply.authorization, undefined, 'no app id: replies carry no token');
    const texts = visibleTexts(adaptiveCardOf(reply)).join('\n');
    assert.match(texts, /English \(\d+% confident\)/);
    assert.match(texts, /Mixed: I loved the new GPU, but the driver install was painful\./, 'a mixed sentence is called mixed');
    assert.match(texts, /Neutral: Ada met the Microsoft team in Seattle on Monday\./);
    assert.match(texts, /new GPU/);
    assert.match(texts, /Microsoft/);
    assert.match(texts, /Organization/);
    assert.match(texts, /Seattle/);
  });

  it('strips the @mention of a Teams channel message and runs the command after it', async () => {
    const activity = teamsChannelMessage({ serviceUrl: chat.connector.url, text: 'sentiment This release is wonderful.' });
    assert.equal((await chat.bot.post(activity)).status, 200);
    const [reply] = await chat.connector.waitForMessages(activity.conversation.id, 1);
    const texts = visibleTexts(adaptiveCardOf(reply));
    assert.equal(texts[0], 'Sentiment');
    assert.ok(texts.some((text) => /Positive: This release is wonderful\./.test(text)), texts.join('\n'));
    assert.ok(!texts.some((text) => text.includes('<at>')), 'the mention is not analysed');
  });

  it('welcomes once when the bot is added, not for every member who joins', async () => {
    const conversationId = 'conv-welcome';
    await chat.bot.post(membersAdded({ serviceUrl: chat.connector.url, conversationId, memberIds: ['user-1', 'labmate-bot'] }));
    await chat.bot.post(membersAdded({ serviceUrl: chat.connector.url, conversationId, memberIds: ['user-2'] }));
    await chat.bot.post(membersAdded({ serviceUrl: chat.connector.url, conversationId, memberIds: ['labmate-bot'] }));
    const messages = await chat.connector.waitForMessages(conversationId, 1);
    // The three turns have ended (each POST returns when its turn does): every welcome they sent is in.
    assert.equal(chat.connector.messagesTo(conversationId).length, 1);
    assert.equal(visibleTexts(adaptiveCardOf(messages[0]))[0], 'Hi, I am labmate');
  });

  it('answers an empty message with help, and a card button value as a typed command', async () => {
    const help = await chat.ask('');
    assert.equal(visibleTexts(adaptiveCardOf(help))[0], 'What labmate can do');

    const button = emulatorMessage({ serviceUrl: chat.connector.url, value: { command: 'language Bonjour à tous, la réunion est demain.' } });
    delete button.text;
    await chat.bot.post(button);
    const [answer] = await chat.connector.waitForMessages(button.conversation.id, 1);
    assert.ok(visibleTexts(adaptiveCardOf(answer)).some((text) => text.startsWith('French')));
  });

  it('sends Markdown text, not a card, to a channel that does not render Adaptive Cards', async () => {
    const activity = { ...emulatorMessage({ serviceUrl: chat.connector.url, text: 'keyphrases The new GPU cluster is ready.' }), channelId: 'telegram' };
    await chat.bot.post(activity);
    const [reply] = await chat.connector.waitForMessages(activity.conversation.id, 1);
    assert.equal(reply.activity.attachments, undefined);
    assert.match(reply.activity.text ?? '', /^\*\*Key phrases\*\*\n\nnew GPU cluster\n\n/);
  });

  describe('bad input gets a 4xx and the server stays up', () => {
    it('refuses a body that is not JSON', async () => {
      const response = await chat.bot.post('{"type": "message",');
      assert.equal(response.status, 400);
    });

    it('refuses JSON that is not an object', async () => {
      assert.equal((await chat.bot.post('[1,2]')).status, 400);
      assert.equal((await chat.bot.post('"message"')).status, 400);
    });

    it('refuses an activity with no type', async () => {
      const activity = emulatorMessage({ serviceUrl: chat.connector.url, text: 'hello' });
      delete activity.type;
      const response = await chat.bot.post(activity);
      assert.equal(response.status, 400);
      assert.deepEqual(await response.json(), { error: 'the activity has no type' });
      assert.equal(chat.connector.calls.length, 0);
    });

    it('refuses a 1 MB text with 413 before parsing it', async () => {
      const activity = emulatorMessage({ serviceUrl: chat.connector.url, text: 'a'.repeat(1024 * 1024) });
      const response = await chat.bot.post(activity);
      assert.equal(response.status, 413);
      assert.equal(chat.connector.calls.length, 0);
    });

    it('answers a text over the message limit with a request for a shorter one', async () => {
      const reply = await chat.ask('analyze ' + 'The GPU is fast. '.repeat(2000));
      assert.match(shownText(reply), /I read up to 25,000\. Please send a shorter part\./);
    });

    it('still answers after all of that', async () => {
      assert.equal((await fetch(`${chat.bot.url}/healthz`)).status, 200);
      await chat.ask('language Good morning everyone, the build is green.');
    });
  });
});

describe('health and readiness', () => {
  it('answers /healthz and /readyz once the backends have loaded', async () => {
    const bot = await startApp();
    try {
      assert.deepEqual(await (await fetch(`${bot.url}/healthz`)).json(), { status: 'ok' });
      const ready = await fetch(`${bot.url}/readyz`);
      assert.equal(ready.status, 200);
    } finally {
      await bot.stop();
    }
  });
});

describe('authentication', () => {
  it('refuses an activity without a token when MicrosoftAppId is set', async () => {
    const connector = new FakeConnector();
    await connector.start();
    const bot = await startApp({
      MicrosoftAppId: '5f4c0a39-0000-4000-8000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
    });
    try {
      const activity = emulatorMessage({ serviceUrl: connector.url, text: 'analyze hello' });
      const noToken = await bot.post(activity);
      assert.equal(noToken.status, 401);
      const forged = await bot.post(activity, { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.' });
      assert.equal(forged.status, 401);
      assert.equal(connector.calls.length, 0);
    } finally {
      await bot.stop();
      await connector.stop();
    }
  });
});
