import { strict as assert } from 'node:assert';
import { startApp, type RunningApp } from '../../support/runningApp.js';
import { blockActionsBody, BOT_TOKEN, eventBody, FakeSlack, slashCommandBody } from '../../support/slack.js';
import { FakeSlackSocket } from '../../support/slackSocket.js';

const APP_TOKEN = 'xapp-1-A0LABMATE-0000-test';

/** Socket Mode payloads are the JSON of what the HTTP app receives. */
const slashPayload = (text: string, responseUrl: string) => Object.fromEntries(new URLSearchParams(slashCommandBody({ text, responseUrl })));
const interactivePayload = (value: string, responseUrl: string) => JSON.parse(new URLSearchParams(blockActionsBody({ value, responseUrl })).get('payload')!) as unknown;

describe('Slack over Socket Mode (no signing secret, no public address)', () => {
  let slack: FakeSlack;
  let socket: FakeSlackSocket;
  let bot: RunningApp;

  beforeEach(async () => {
    slack = new FakeSlack();
    socket = new FakeSlackSocket();
    await Promise.all([slack.start(), socket.start()]);
    slack.socketUrl = () => socket.url();
    bot = await startApp({ SLACK_APP_TOKEN: APP_TOKEN, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl }, { slackSocketReconnectMs: 200 });
    await socket.waitForSockets(1);
  });
  afterEach(async () => {
    await bot.stop();
    await Promise.all([slack.stop(), socket.stop()]);
  });

  it('opens the socket with the app token, reports it in /readyz, and needs no HTTP routes', async () => {
    const [open] = slack.to('/api/apps.connections.open');
    assert.equal(open.authorization, `Bearer ${APP_TOKEN}`);
    const deadline = Date.now() + 3000;
    let status = 0;
    while (Date.now() < deadline && (status = (await fetch(`${bot.url}/readyz`)).status) !== 200) await new Promise((r) => setTimeout(r, 50));
    assert.equal(status, 200);
    const http = await fetch(`${bot.url}/api/slack/commands`, { method: 'POST', body: 'text=help' });
    assert.equal(http.status, 404, 'without a signing secret the HTTP routes stay closed');
  });

  it('answers a slash command inside the acknowledgement, within 3 s', async () => {
    const started = Date.now();
    const id = socket.send('slash_commands', slashPayload('help', slack.newResponseUrl()));
    const ack = await socket.ackOf(id);
    assert.ok(Date.now() - started < 3000);
    assert.match(JSON.stringify(ack.payload), /analy[sz]e/i, 'the help text is in the acknowledgement');
    assert.ok(Array.isArray(ack.payload?.blocks));
  });

  it('answers a mention with chat.postMessage, after acknowledging it', async () => {
    const id = socket.send('events_api', JSON.parse(eventBody({ type: 'app_mention', user: 'U0ADA', text: '<@U0BOT> help', channel: 'C0LAB', ts: '1700000300.000100' })));
    const ack = await socket.ackOf(id);
    assert.deepEqual(ack.payload, {}, 'an event is acknowledged with nothing to show');
    const [post] = await slack.waitFor('/api/chat.postMessage', 1);
    assert.equal(post.body.channel, 'C0LAB');
    assert.equal(post.authorization, `Bearer ${BOT_TOKEN}`);
  });

  it('runs a button press as its command and answers on the response_url', async () => {
    const responseUrl = slack.newResponseUrl();
    const id = socket.send('interactive', interactivePayload(JSON.stringify({ command: 'help' }), responseUrl));
    await socket.ackOf(id);
    const [answer] = await slack.waitFor(new URL(responseUrl).pathname, 1);
    assert.match(JSON.stringify(answer.body), /analy[sz]e/i);
  });

  it('reconnects after disconnect (refresh_requested), says why in the log, and loses nothing', async () => {
    const first = socket.sockets[0];
    first.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake' } }));
    await socket.waitForSockets(1);
    const deadline = Date.now() + 5000;
    while (socket.sockets[0] === first || socket.sockets.length === 0) {
      assert.ok(Date.now() < deadline, 'no new socket');
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 50));
    const id = socket.send('slash_commands', slashPayload('help', slack.newResponseUrl()));
    assert.ok(Array.isArray((await socket.ackOf(id)).payload?.blocks));
    assert.equal(slack.to('/api/apps.connections.open').length, 2);
    assert.ok(bot.logger.entries.some((entry) => entry.fields.reason === 'refresh_requested'), 'the log says refresh_requested');
  });

  it('acknowledges and drops, with one log line, an envelope of unknown type and a malformed one', async () => {
    const unknown = socket.send('something_new', { hello: 'world' });
    const malformed = socket.send('slash_commands', { text: 'help' });
    assert.deepEqual((await socket.ackOf(unknown)).payload, {});
    assert.deepEqual((await socket.ackOf(malformed)).payload, {});
    const noEvent = socket.send('events_api', { type: 'event_callback', event_id: 'Ev0NOEVENT' });
    assert.deepEqual((await socket.ackOf(noEvent)).payload, {});
    const dropped = bot.logger.entries.filter((entry) => entry.message === 'dropped a Slack socket envelope');
    assert.deepEqual(dropped.map((entry) => entry.fields.type).sort(), ['events_api', 'slash_commands', 'something_new']);
    assert.equal(slack.to('/api/chat.postMessage').length, 0);
  });

  it("acknowledges and drops an envelope for another app id than the socket's", async () => {
    const id = socket.send('slash_commands', { ...slashPayload('help', slack.newResponseUrl()), api_app_id: 'A0OTHER' });
    assert.deepEqual((await socket.ackOf(id)).payload, {});
    assert.ok(bot.logger.entries.some((entry) => entry.message === 'dropped a Slack socket envelope' && /another app \(A0OTHER\)/.test(String(entry.fields.reason))));
  });

  it('refuses an oversize message unread, and goes on serving', async () => {
    socket.sockets[0].send(JSON.stringify({ envelope_id: 'big', type: 'slash_commands', payload: { text: 'x'.repeat(600 * 1024) } }));
    const id = socket.send('slash_commands', slashPayload('help', slack.newResponseUrl()));
    assert.ok(Array.isArray((await socket.ackOf(id)).payload?.blocks));
    assert.ok(!socket.acks.some((ack) => ack.envelope_id === 'big'));
    assert.ok(bot.logger.entries.some((entry) => entry.message === 'refused a Slack socket message'));
  });
});
