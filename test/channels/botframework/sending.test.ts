import { strict as assert } from 'node:assert';
import type { ConversationReference } from 'botbuilder';
import { botFramework } from '../../../channels/botframework/index.js';
import { createMemoryLogger } from '../../../logging/logger.js';
import { FakeConnector } from '../../support/connector.js';

const NO_AUTH = { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' } as const;

function referenceTo(serviceUrl: string, conversationId: string): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    bot: { id: '28:labmate', name: 'labmate' },
    user: { id: '29:ada', name: 'Ada' },
  };
}

describe('sending through the Bot Connector under rate limits', () => {
  let connector: FakeConnector;
  let serviceUrl: string;
  beforeEach(async () => {
    connector = new FakeConnector();
    serviceUrl = await connector.start();
  });
  afterEach(() => connector.stop());

  it('retries a proactive post refused with 429 twice, then delivers it once, before the next one', async () => {
    const logger = createMemoryLogger();
    const { adapter } = botFramework(NO_AUTH, logger, {}, 5000);
    connector.refusals.push({ status: 429, retryAfter: 0 }, { status: 429 });
    await adapter.continueConversationAsync('', referenceTo(serviceUrl, 'a:one'), async (context) => {
      await context.sendActivity('gpu-01 is running');
      await context.sendActivity('gpu-02 is running');
    });
    assert.deepEqual(connector.refused.map((r) => [r.status, r.text]), [[429, 'gpu-01 is running'], [429, 'gpu-01 is running']]);
    assert.deepEqual(connector.messagesTo('a:one').map((call) => call.activity.text), ['gpu-01 is running', 'gpu-02 is running']);
    assert.equal(logger.entries.filter((entry) => entry.fields.status === 429 && entry.fields.retrying === true).length, 2);
  });

  it('retries 412, 502 and 504 too, and updates as well as sends', async () => {
    const { adapter } = botFramework(NO_AUTH, createMemoryLogger(), {}, 5000);
    connector.refusals.push({ status: 412 }, { status: 502 }, { status: 504 });
    await adapter.continueConversationAsync('', referenceTo(serviceUrl, 'a:two'), async (context) => {
      await context.updateActivity({ id: 'activity-7', type: 'message', text: 'gpu-01 stopped' });
    });
    assert.deepEqual(connector.refused.map((r) => r.status), [412, 502, 504]);
    assert.deepEqual(connector.calls.map((call) => [call.method, call.activityId, call.activity.text]), [['PUT', 'activity-7', 'gpu-01 stopped']]);
  });

  it('fails that one send with a ServiceError once a Retry-After cannot fit the deadline, and says 429 in the log', async () => {
    const logger = createMemoryLogger();
    const { adapter } = botFramework(NO_AUTH, logger, {}, 500);
    connector.refusals.push({ status: 429, retryAfter: 30 });
    const started = Date.now();
    await assert.rejects(
      adapter.continueConversationAsync('', referenceTo(serviceUrl, 'a:three'), async (context) => {
        await context.sendActivity('too soon');
      }),
      (error: Error & { code?: string }) => error.name === 'ServiceError' && error.code === 'rate-limited',
    );
    assert.ok(Date.now() - started < 500, 'gave up at once instead of waiting 30 s');
    assert.ok(logger.entries.some((entry) => entry.fields.status === 429 && entry.fields.retrying === false));
  });

  it('delivers twenty proactive posts to one conversation, all in order, at most seven a second', async () => {
    const { adapter } = botFramework(NO_AUTH, createMemoryLogger(), {}, 5000);
    const reference = referenceTo(serviceUrl, 'a:burst');
    connector.refusals.push({ status: 429, retryAfter: 0 });
    // Twenty outcomes finishing together, each through its own continueConversation, as background work sends them.
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        adapter.continueConversationAsync('', reference, async (context) => {
          await context.sendActivity(`vm-${String(i).padStart(2, '0')} is running`);
        }),
      ),
    );
    const delivered = connector.messagesTo('a:burst');
    assert.deepEqual(
      delivered.map((call) => call.activity.text),
      Array.from({ length: 20 }, (_, i) => `vm-${String(i).padStart(2, '0')} is running`),
    );
    // Requests, refused one included, that reached the connector within any one second (less 50 ms for the requests'
    // own varying latency on this machine): never more than seven.
    const arrivals = [...connector.refused.map((r) => r.at), ...delivered.map((call) => call.at)].sort((a, b) => a - b);
    assert.equal(arrivals.length, 21);
    const busiest = Math.max(...arrivals.map((start) => arrivals.filter((at) => at >= start && at < start + 950).length));
    assert.ok(busiest <= 7, `${busiest} requests within one second`);
    assert.ok(arrivals.at(-1)! - arrivals[0] >= 1950, `twenty-one requests at seven a second took ${arrivals.at(-1)! - arrivals[0]} ms`);
  });
});
