import { strict as assert } from 'node:assert';
import type { ServerResponse } from 'node:http';
import { createSlackApi } from '../../../channels/slack/SlackApi.js';
import { localServer } from '../../support/localServer.js';
import { createMemoryLogger } from '../../../logging/logger.js';
import { isServiceError } from '../../../services/errors.js';
import { BOT_TOKEN, FakeSlack } from '../../support/slack.js';

describe('posting to a response_url', () => {
  it('posts the message as JSON, as Slack reads it', async () => {
    const slack = new FakeSlack();
    await slack.start();
    try {
      const api = createSlackApi({ apiUrl: slack.apiUrl, timeoutMs: 5000 });
      const responseUrl = slack.newResponseUrl();
      await api.respond(responseUrl, { text: 'Done «ok» ✓', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Done', emoji: false } }], response_type: 'ephemeral' });
      const [call] = await slack.waitFor(new URL(responseUrl).pathname, 1);
      assert.deepEqual(call.body, { text: 'Done «ok» ✓', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Done', emoji: false } }], response_type: 'ephemeral' });
    } finally {
      await slack.stop();
    }
  });

  it("refuses a response_url on another host than Slack's hooks or the API's, without a request", async () => {
    const elsewhere = await localServer((res) => res.end('ok'));
    try {
      const api = createSlackApi({ apiUrl: 'http://127.0.0.2:9/api/', timeoutMs: 1000 });
      await assert.rejects(api.respond(`${elsewhere.url}/commands/x`, { text: 'hi' }), /refusing to post to a response_url on 127\.0\.0\.1/);
      await assert.rejects(api.respond('http://hooks.slack.com/commands/x', { text: 'hi' }), /refusing/, 'plain http to Slack is refused too');
      assert.deepEqual(elsewhere.requests, []);
    } finally {
      await elsewhere.stop();
    }
  });

  it('follows no redirect: a 302 fails, naming the status, and its target gets nothing', async () => {
    const target = await localServer((res) => res.end('ok'));
    const redirecting = await localServer((res) => {
      res.writeHead(302, { location: `${target.url}/elsewhere` });
      res.end();
    });
    try {
      const api = createSlackApi({ apiUrl: `${redirecting.url}/api/`, timeoutMs: 2000 });
      await assert.rejects(api.respond(`${redirecting.url}/commands/x`, { text: 'hi' }), /the response_url answered HTTP 302/);
      assert.deepEqual(target.requests, []);
    } finally {
      await Promise.all([target.stop(), redirecting.stop()]);
    }
  });

  for (const [name, answer] of [
    ['never answers', () => undefined],
    [
      'stops in the middle of its answer',
      (res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100' });
        res.write('o');
      },
    ],
  ] as const) {
    it(`gives up within the deadline on a response_url that ${name}`, async () => {
      const hanging = await localServer(answer);
      try {
        const api = createSlackApi({ apiUrl: `${hanging.url}/api/`, timeoutMs: 300 });
        const started = Date.now();
        await assert.rejects(api.respond(`${hanging.url}/commands/x`, { text: 'hi' }));
        const elapsed = Date.now() - started;
        assert.ok(elapsed >= 250 && elapsed < 2000, `gave up after ${elapsed} ms`);
      } finally {
        await hanging.stop();
      }
    });
  }
});

describe('chat.postMessage under Slack rate limits', () => {
  it('waits a Retry-After of 1 s that fits the deadline, then delivers the message once', async () => {
    const slack = new FakeSlack();
    await slack.start();
    try {
      slack.rateLimits.set('C0LAB', [1]);
      const logger = createMemoryLogger();
      const api = createSlackApi({ apiUrl: slack.apiUrl, botToken: BOT_TOKEN, timeoutMs: 3000, logger });
      const started = Date.now();
      await api.postMessage('C0LAB', { text: 'VM gpu-01 is running' });
      const elapsed = Date.now() - started;
      const calls = slack.to('/api/chat.postMessage');
      assert.equal(calls.length, 2, 'one refused attempt and one delivered');
      assert.ok(calls[1].at - calls[0].at >= 950, `retried after ${calls[1].at - calls[0].at} ms, before Retry-After`);
      assert.ok(elapsed < 3000, `took ${elapsed} ms`);
      assert.ok(logger.entries.some((entry) => entry.fields.status === 429 && entry.fields.retrying === true));
    } finally {
      await slack.stop();
    }
  });

  it("fails only the call whose Retry-After of 30 s is beyond the deadline; another conversation's call is served at once", async () => {
    const slack = new FakeSlack();
    await slack.start();
    try {
      slack.rateLimits.set('C0BUSY', [30]);
      const logger = createMemoryLogger();
      const api = createSlackApi({ apiUrl: slack.apiUrl, botToken: BOT_TOKEN, timeoutMs: 2000, logger });
      const started = Date.now();
      const busy = api.postMessage('C0BUSY', { text: 'first' }).then(
        () => assert.fail('a 30 s Retry-After cannot fit a 2 s deadline'),
        (error: unknown) => ({ error, at: Date.now() - started }),
      );
      await slack.waitFor('/api/chat.postMessage', 1);
      await api.postMessage('C0CALM', { text: 'second' });
      const calmAt = Date.now() - started;
      const { error, at } = await busy;
      assert.ok(isServiceError(error) && error.code === 'rate-limited', String(error));
      assert.match(error.userMessage, /slow down/);
      assert.ok(at < 2000, `the refused call failed after ${at} ms`);
      assert.ok(calmAt < 1000, `the other conversation waited ${calmAt} ms`);
      assert.deepEqual(
        slack.to('/api/chat.postMessage').map((call) => call.body.channel),
        ['C0BUSY', 'C0CALM'],
        'the busy call was not retried',
      );
      assert.ok(logger.entries.some((entry) => entry.fields.status === 429 && entry.fields.retrying === false));
    } finally {
      await slack.stop();
    }
  });
});
