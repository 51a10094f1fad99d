import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { emulatorMessage } from '../support/activities.js';
import { adaptiveCardOf, FakeConnector } from '../support/connector.js';
import { blockKitTexts } from '../support/renderedText.js';
import { startBotWithSlack, type BotWithSlack } from '../support/botWithSlack.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import {
  blockActionsBody,
  BOT_TOKEN,
  eventBody,
  FakeSlack,
  signedHeaders,
  slackAppEnv,
  slashCommandBody,
} from '../support/slack.js';

type Block = { type: string; text?: { text: string }; elements?: Array<{ type: string; text?: { text: string }; value?: string }> };

/** Every text a person reads in a Slack message: its blocks' texts, else its text. */
function visible(message: { text?: unknown; blocks?: unknown }): string {
  const blocks = (message.blocks ?? []) as Parameters<typeof blockKitTexts>[0];
  return blocks.length > 0 ? blockKitTexts(blocks).join('\n') : String(message.text ?? '');
}

async function settle(ms = 150): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('Slack app routes (real server, local Slack)', () => {
  let slack: FakeSlack;
  let bot: RunningApp;
  const post = (app: RunningApp, path: string, body: string, headers: Record<string, string>) =>
    fetch(`${app.url}/api/slack/${path}`, { method: 'POST', headers, body });

  let running: BotWithSlack;

  before(async () => ({ bot, slack } = running = await startBotWithSlack()));
  after(() => running.stop());
  beforeEach(() => (slack.calls.length = 0));

  describe('slash commands', () => {
    it('answers a signed `/labmate analyze ...` with 200 in under 3 s and the analysis as Block Kit', async () => {
      const responseUrl = slack.newResponseUrl();
      const body = slashCommandBody({ text: 'analyze I loved the new GPU, but the driver install was painful. Ada met the Microsoft team in Seattle.', responseUrl });
      const started = performance.now();
      const response = await post(bot, 'commands', body, signedHeaders(body));
      const elapsed = performance.now() - started;
      assert.equal(response.status, 200);
      assert.ok(elapsed < 3000, `acknowledged after ${elapsed.toFixed(0)} ms`);

      // Ready in time: the answer is the HTTP answer itself (no response_url use); otherwise it is at the response_url.
      const ack = (await response.json()) as { text?: string; blocks?: unknown; response_type?: string };
      const answer = ack.blocks ? ack : (await slack.waitFor(new URL(responseUrl).pathname, 1))[0].body;
      const texts = visible(answer);
      assert.match(texts, /^Text analysis/);
      assert.match(texts, /English \(\d+% confident\)/);
      assert.match(texts, /Mixed: I loved the new GPU, but the driver install was painful\./);
      assert.match(texts, /Seattle · Location/);
      assert.equal(answer.text, 'Text analysis', 'the notification text is a short summary');
    });

    it('acknowledges at once and delivers the result through the response_url when it is not ready in time', async () => {
      const slow = await startApp(slackAppEnv(slack), { slackInlineAnswerMs: 0 });
      try {
        const responseUrl = slack.newResponseUrl();
        const body = slashCommandBody({ text: 'sentiment This release is wonderful.', responseUrl });
        const response = await post(slow, 'commands', body, signedHeaders(body));
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), { response_type: 'ephemeral', text: '⏳ Working on it…' });

        const [delivered] = await slack.waitFor(new URL(responseUrl).pathname, 1);
        assert.equal(delivered.authorization, undefined, 'response URLs take no token');
        assert.match(visible(delivered.body), /Positive: This release is wonderful\./);
        await settle();
        assert.equal(slack.calls.length, 1, 'one message, and no chat.postMessage');
      } finally {
        await slow.stop();
      }
    });

    it('answers each of 20 people asking at once in the HTTP response itself, with no "Working on it" first', async () => {
      const commands = Array.from({ length: 20 }, (_, index) => {
        const body = slashCommandBody({ text: index % 2 === 0 ? 'help' : `sentiment Person ${index} loves this release.`, responseUrl: slack.newResponseUrl() });
        return post(bot, 'commands', body, signedHeaders(body)).then((response) => response.json() as Promise<{ blocks?: unknown; text?: string }>);
      });
      const answers = await Promise.all(commands);
      answers.forEach((answer, index) => {
        assert.ok(answer.blocks, `person ${index} got "${answer.text}" rather than the answer`);
        assert.match(visible(answer), index % 2 === 0 ? /^What labmate can do/ : new RegExp(`Positive: Person ${index} loves this release\\.`));
      });
      await settle();
      assert.equal(slack.calls.length, 0, 'no response_url was used');
    });

    it('answers `help` with Block Kit whose example buttons carry `{command}` values', async () => {
      const body = slashCommandBody({ text: 'help', responseUrl: slack.newResponseUrl() });
      const ack = (await (await post(bot, 'commands', body, signedHeaders(body))).json()) as { blocks: Block[]; text: string };
      assert.equal(ack.blocks[0].text?.text, 'What labmate can do');
      const buttons = ack.blocks.find((block) => block.type === 'actions')?.elements ?? [];
      assert.ok(buttons.length > 0);
      assert.ok(JSON.parse(buttons[0].value ?? '{}').command.startsWith('analyze '));
      assert.match(visible(ack), /^analyze ‹text›$/m, 'a placeholder no client mistakes for markup');
    });
  });

  describe('forged and unsigned requests: 401, and nothing runs', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const cases: Array<[string, (body: string) => Record<string, string>]> = [
      ['no signature headers', () => ({ 'content-type': 'application/x-www-form-urlencoded' })],
      ['a wrong secret', (body) => signedHeaders(body, { secret: 'not-the-secret' })],
      ['a stale timestamp (6 minutes)', (body) => signedHeaders(body, { timestamp: now() - 360 })],
      ['a future timestamp (6 minutes)', (body) => signedHeaders(body, { timestamp: now() + 360 })],
      ['a malformed signature', (body) => ({ ...signedHeaders(body), 'x-slack-signature': 'v0=not-hex' })],
    ];
    for (const [name, headersFor] of cases) {
      it(`refuses ${name} on every Slack route`, async () => {
        const command = slashCommandBody({ text: 'analyze hello', responseUrl: slack.newResponseUrl() });
        const event = eventBody({ type: 'app_mention', user: 'U0ADA', text: '<@U0BOT> help', channel: 'C0LAB', ts: '1700000000.000100' });
        const action = blockActionsBody({ value: JSON.stringify({ command: 'help' }), responseUrl: slack.newResponseUrl() });
        assert.equal((await post(bot, 'commands', command, headersFor(command))).status, 401);
        assert.equal((await post(bot, 'events', event, { ...headersFor(event), 'content-type': 'application/json' })).status, 401);
        assert.equal((await post(bot, 'interactions', action, headersFor(action))).status, 401);
        await settle();
        assert.deepEqual(slack.calls, []);
      });
    }

    it('refuses a body altered after signing', async () => {
      const body = slashCommandBody({ text: 'analyze hello', responseUrl: slack.newResponseUrl() });
      const response = await post(bot, 'commands', body.replace('analyze', 'sentiment'), signedHeaders(body));
      assert.equal(response.status, 401);
    });

    it('verifies the raw bytes of a form body that re-encodes differently', async () => {
      const responseUrl = slack.newResponseUrl();
      // Slack's own encoding: %20 for spaces, "*" and "~" as they are, UTF-8 percent-encoded.
      const body = `team_id=T0001&channel_id=C0LAB&user_id=U0ADA&user_name=ada&command=%2Flabmate&text=language%20Caf%C3%A9%20cr%C3%A8me%20*vraiment*~%20d%C3%A9licieux%20%26%20pas%20cher&response_url=${encodeURIComponent(responseUrl)}&trigger_id=1.2.3&api_app_id=A0LABMATE`;
      assert.notEqual(new URLSearchParams(body).toString(), body);
      const response = await post(bot, 'commands', body, signedHeaders(body));
      assert.equal(response.status, 200);
      const ack = (await response.json()) as { blocks?: Block[] };
      const answer = ack.blocks ? ack : (await slack.waitFor(new URL(responseUrl).pathname, 1))[0].body;
      assert.match(visible(answer), /French/);
    });
  });

  describe('events', () => {
    it('echoes the challenge of a signed url_verification', async () => {
      const body = JSON.stringify({ token: 'x', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });
      const response = await post(bot, 'events', body, signedHeaders(body, { contentType: 'application/json' }));
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    });

    it('answers an @mention through chat.postMessage with the bot token, and runs a retried event once', async () => {
      const body = eventBody(
        { type: 'app_mention', user: 'U0ADA', text: '<@U0BOT> language Bonjour à tous, la réunion est demain.', channel: 'C0LAB', ts: '1700000000.000100' },
        'Ev0RETRIED01',
      );
      const first = await post(bot, 'events', body, signedHeaders(body, { contentType: 'application/json' }));
      assert.equal(first.status, 200);
      const retry = await post(bot, 'events', body, { ...signedHeaders(body, { contentType: 'application/json' }), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
      assert.equal(retry.status, 200);

      const [posted] = await slack.waitFor('/api/chat.postMessage', 1);
      // A later event in the same channel: its answer comes after anything the retry would have posted.
      const later = eventBody({ type: 'app_mention', user: 'U0ADA', text: '<@U0BOT> help', channel: 'C0LAB', ts: '1700000000.000101' }, 'Ev0LATER0001');
      assert.equal((await post(bot, 'events', later, signedHeaders(later, { contentType: 'application/json' }))).status, 200);
      const [, next] = await slack.waitFor('/api/chat.postMessage', 2);
      assert.match(visible(next.body), /^What labmate can do/);
      assert.equal(slack.to('/api/chat.postMessage').length, 2, 'the retry did not run again');
      assert.equal(posted.authorization, `Bearer ${BOT_TOKEN}`);
      assert.equal(posted.body.channel, 'C0LAB');
      assert.equal(posted.body.thread_ts, undefined);
      assert.match(visible(posted.body), /French/);
      assert.doesNotMatch(visible(posted.body), /U0BOT/);
    });

    it('answers a direct message in its thread, and ignores the bot’s own messages and edits', async () => {
      const dm = (event: Record<string, unknown>) => eventBody({ type: 'message', channel: 'D0ADA', channel_type: 'im', ts: '1700000000.000300', ...event });
      for (const body of [
        dm({ user: 'U0BOT', bot_id: 'B0LABMATE', text: 'Text analysis' }),
        dm({ user: 'U0ADA', subtype: 'message_changed', text: 'keyphrases edited' }),
        dm({ user: 'U0ADA', text: 'keyphrases The new GPU cluster is ready &amp; fast.', thread_ts: '1700000000.000200' }),
      ]) {
        assert.equal((await post(bot, 'events', body, signedHeaders(body, { contentType: 'application/json' }))).status, 200);
      }
      const [posted] = await slack.waitFor('/api/chat.postMessage', 1);
      // A later message in the same conversation: its answer comes after anything the ignored ones would have posted.
      const later = dm({ user: 'U0ADA', text: 'help', ts: '1700000000.000400' });
      assert.equal((await post(bot, 'events', later, signedHeaders(later, { contentType: 'application/json' }))).status, 200);
      const [, next] = await slack.waitFor('/api/chat.postMessage', 2);
      assert.match(visible(next.body), /^What labmate can do/);
      assert.equal(slack.calls.length, 2);
      assert.equal(posted.body.channel, 'D0ADA');
      assert.equal(posted.body.thread_ts, '1700000000.000200');
      assert.match(visible(posted.body), /GPU cluster/);
    });
  });

  describe('interactions', () => {
    it('runs a Block Kit button’s `{command}` and answers through the payload’s response_url', async () => {
      const responseUrl = slack.newResponseUrl();
      const body = blockActionsBody({ value: JSON.stringify({ command: 'keyphrases The new GPU cluster is ready.' }), responseUrl });
      const response = await post(bot, 'interactions', body, signedHeaders(body));
      assert.equal(response.status, 200);
      const [answer] = await slack.waitFor(new URL(responseUrl).pathname, 1);
      assert.match(visible(answer.body), /^Key phrases/);
      assert.match(visible(answer.body), /GPU cluster/);
    });
  });

  it('answers 404 on every Slack route when SLACK_SIGNING_SECRET is not set', async () => {
    const plain = await startApp();
    try {
      const body = slashCommandBody({ text: 'help', responseUrl: slack.newResponseUrl() });
      for (const path of ['commands', 'events', 'interactions']) assert.equal((await post(plain, path, body, signedHeaders(body))).status, 404);
    } finally {
      await plain.stop();
    }
  });
});

describe('Azure Bot Service’s Slack channel at /api/messages', () => {
  it('gets mrkdwn text, never an Adaptive Card', async () => {
    const connector = new FakeConnector();
    await connector.start();
    const bot = await startApp();
    try {
      const activity = {
        ...emulatorMessage({ serviceUrl: connector.url, text: 'keyphrases The new GPU cluster is ready.' }),
        channelId: 'slack',
        from: { id: 'U0ADA:T0001', name: 'ada' },
        channelData: {
          SlackMessage: { type: 'event_callback', event: { type: 'message', text: 'keyphrases The new GPU cluster is ready.', channel: 'D0ADA' } },
          ApiToken: 'xoxb-abs',
        },
      };
      for (const text of ['keyphrases The new GPU cluster is ready.', 'help']) {
        const message = { ...activity, id: `${activity.id}-${text.length}`, text };
        assert.equal((await bot.post(message)).status, 200);
      }
      const [analysis, help] = await connector.waitForMessages(activity.conversation.id, 2);
      for (const reply of [analysis, help]) {
        assert.equal(adaptiveCardOf(reply), undefined);
        assert.equal(reply.activity.attachments, undefined);
        assert.doesNotMatch(reply.activity.text ?? '', /\*\*/, 'no Markdown bold');
      }
      assert.match(analysis.activity.text ?? '', /^\*Key phrases\*\n\nnew GPU cluster/);
      assert.match(help.activity.text ?? '', /^\*What labmate can do\*/);
    } finally {
      await bot.stop();
      await connector.stop();
    }
  });
});
