import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { membersAdded } from '../support/activities.js';
import { BotFrameworkKeys, otherKey } from '../support/botFrameworkTokens.js';
import { FakeConnector } from '../support/connector.js';
import { startApp, type RunningApp } from '../support/runningApp.js';

const APP_ID = '5f4c0a39-0000-4000-8000-000000000001';

describe('Bot Framework authentication at /api/messages', () => {
  let keys: BotFrameworkKeys;
  let connector: FakeConnector;
  let bot: RunningApp;
  let stderr: string[];
  let write: typeof process.stderr.write;

  before(async () => {
    keys = new BotFrameworkKeys();
    await keys.start();
    connector = new FakeConnector();
    await connector.start();
    bot = await startApp(
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' },
      { openIdMetadata: { ToBotFromChannelOpenIdMetadataUrl: keys.metadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: keys.metadataUrl } },
    );
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
    await keys.stop();
  });
  beforeEach(() => {
    stderr = [];
    write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
  });
  afterEach(() => {
    process.stderr.write = write;
  });

  // A conversation update that adds someone else: the bot has nothing to say, so the answer is the HTTP status alone.
  const activity = () => membersAdded({ serviceUrl: connector.url, channelId: 'msteams', memberIds: ['someone-else'] });
  const post = (token: string) => bot.post(activity(), { authorization: `Bearer ${token}` });

  it('takes a token the Bot Framework signed for this bot', async () => {
    const response = await post(keys.token(APP_ID, connector.url));
    assert.equal(response.status, 200);
  });

  const forgeries: Array<[string, () => string]> = [
    ['a signature by another key under a known key id', () => keys.token(APP_ID, connector.url, { key: otherKey() })],
    ['an expired token', () => keys.token(APP_ID, connector.url, { claims: { exp: Math.floor(Date.now() / 1000) - 3600 } })],
    ['a token not valid yet', () => keys.token(APP_ID, connector.url, { claims: { nbf: Math.floor(Date.now() / 1000) + 3600 } })],
    ['a token for another bot', () => keys.token('another-app', connector.url)],
    ['an unsigned token (alg none)', () => keys.token(APP_ID, connector.url, { header: { alg: 'none' } }).split('.').slice(0, 2).join('.') + '.'],
    ['a token from another issuer', () => keys.token(APP_ID, connector.url, { claims: { iss: 'https://evil.example' } })],
    ['garbage', () => 'eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0'],
  ];
  for (const [what, forge] of forgeries) {
    it(`refuses ${what}: 401, a fixed body, one log line, nothing on stderr`, async () => {
      const logged = bot.logger.entries.length;
      const response = await post(forge());
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), { error: 'unauthorized' });
      const lines = bot.logger.entries.slice(logged);
      assert.deepEqual(lines.map((entry) => entry.message), ['refused an activity']);
      assert.doesNotMatch(JSON.stringify(lines), /BEGIN|-----|stack/i, 'no key and no stack in the log');
      assert.deepEqual(stderr, []);
    });
  }

  it('does not fetch signing keys once per forged key id', async () => {
    const before = keys.fetches;
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(keys.token(APP_ID, connector.url, { header: { kid: randomUUID() } }))));
    assert.ok(responses.every((response) => response.status === 401));
    assert.ok(keys.fetches - before <= 2, `${keys.fetches - before} metadata fetches for 50 forged key ids`);
    assert.equal(connector.calls.length, 0);
  });
});
