import { strict as assert } from 'node:assert';
import { Azurite } from '../support/azurite.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { BOT_TOKEN, eventBody, FakeSlack } from '../support/slack.js';
import { FakeSlackSocket } from '../support/slackSocket.js';

/** Two labmate instances, each with its own Socket Mode connection, sharing state in one Azurite container. */
describe('Socket Mode with two instances on shared state (Azurite)', function () {
  this.timeout(30_000);
  let azurite: Azurite;
  let slack: FakeSlack;
  let socket: FakeSlackSocket;
  let bots: RunningApp[] = [];

  before(async () => {
    slack = new FakeSlack();
    socket = new FakeSlackSocket();
    [azurite] = await Promise.all([Azurite.start(), slack.start(), socket.start()]);
    slack.socketUrl = () => socket.url();
    const env = {
      SLACK_APP_TOKEN: 'xapp-1-A0LABMATE-0000-test',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      STATE_STORAGE_CONNECTION_STRING: azurite.connectionString(),
      STATE_STORAGE_CONTAINER: 'labmate-state',
    };
    bots = await Promise.all([startApp(env), startApp(env)]);
    await socket.waitForSockets(2);
  });
  after(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await Promise.all([slack?.stop(), socket?.stop(), azurite?.stop()]);
  });

  it('handles an event delivered on both sockets once: both acknowledged, one answer', async () => {
    const event = JSON.parse(eventBody({ type: 'app_mention', user: 'U0ADA', text: '<@U0BOT> help', channel: 'C0LAB', ts: '1700000400.000100' })) as unknown;
    const [first, second] = socket.sockets;
    const ids = [socket.send('events_api', event, first), socket.send('events_api', event, second)];
    await Promise.all(ids.map((id) => socket.ackOf(id)));
    await slack.waitFor('/api/chat.postMessage', 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(slack.to('/api/chat.postMessage').length, 1, 'one answer for one event');
    const repeats = bots.flatMap((bot) => bot.logger.entries.filter((entry) => entry.message === 'ignored a repeated Slack event'));
    assert.equal(repeats.length, 1);
  });
});
