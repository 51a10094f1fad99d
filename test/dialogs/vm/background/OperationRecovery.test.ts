import { strict as assert } from 'node:assert';
import type { Notifier } from '../../../../dialogs/Turn.js';
import { plainText, linesOf, type Card } from '../../../../cards/Card.js';
import { OperationRecovery } from '../../../../dialogs/vm/background/OperationRecovery.js';
import { VmOperationRunner } from '../../../../dialogs/vm/background/VmOperationRunner.js';
import { createMemoryLogger } from '../../../../logging/logger.js';
import type { ComputeManager, RunningOperation, VmAction } from '../../../../services/compute/ComputeManager.js';
import { MemoryStateStore } from '../../../../state/MemoryStateStore.js';
import { createComputeManager } from '../../../../services/compute/createComputeManager.js';
import { FakeArm, TEST_SUBSCRIPTION_ID } from '../../../support/fakeArm.js';
import { OperationsInFlight, type OperationInFlight } from '../../../../state/OperationsInFlight.js';

/** The compute port as another instance left it: operations can only be resumed, never begun. */
class ResumeOnlyCompute implements Partial<ComputeManager> {
  readonly configured = true;
  readonly computeInstanceNames: readonly string[] = [];
  readonly resumed: Array<{ action: VmAction; name: string; resumeState: string }> = [];
  finish!: () => void;

  resume(action: VmAction, name: string, resumeState: string): RunningOperation {
    this.resumed.push({ action, name, resumeState });
    return { done: new Promise<void>((resolve) => (this.finish = resolve)), resumeState };
  }

  begin(): Promise<RunningOperation> {
    throw new Error('a resumed operation must not be begun again');
  }
}

/** An operation record as the instance that began it saved it: Ada started gpu-01 in conv-1. */
const operation = (change: Partial<OperationInFlight> = {}): OperationInFlight => ({
  id: 'op-1',
  vm: 'gpu-01',
  action: 'start',
  requester: { key: 'msteams/aad-ada', userId: 'aad-ada', name: 'Ada', channel: 'msteams', verified: true },
  conversation: { channel: 'msteams', conversationId: 'conv-1', reference: { conversation: { id: 'conv-1' } } },
  startedAt: Date.now() - 90_000,
  ackId: 'ack-1',
  ...change,
});

describe('OperationRecovery (resuming VM operations nobody follows any more)', () => {

  let store: MemoryStateStore;
  let compute: ResumeOnlyCompute;
  let posted: Array<{ conversationId: string; replies: Card[]; updates: string[] }>;
  let background: Array<Promise<unknown>>;
  const shutdown = new AbortController();
  const logger = createMemoryLogger();

  const instance = () => {
    const inFlight = new OperationsInFlight(store, logger);
    const notifier: Notifier = {
      notify: async (conversation, send) => {
        const post = { conversationId: conversation.conversationId, replies: [] as Card[], updates: [] as string[] };
        await send({ reply: async (document) => void post.replies.push(document), update: async (id) => void post.updates.push(id) });
        posted.push(post);
      },
    };
    const runner = new VmOperationRunner({
      compute: compute as unknown as ComputeManager,
      inFlight,
      notifier,
      background: { track: (work) => (background.push(work), work) },
      logger,
      leaseMs: 1000,
    });
    return { inFlight, recovery: new OperationRecovery({ runner, inFlight, logger, leaseMs: 1000, shutdown: shutdown.signal }) };
  };
  const text = (document: Card) => linesOf(document).map(plainText).join(' ');
  const settled = () => Promise.all(background);

  beforeEach(() => {
    store = new MemoryStateStore();
    compute = new ResumeOnlyCompute();
    posted = [];
    background = [];
  });

  it('resumes a saved operation once, from its state, and reports it to its conversation once', async () => {
    const { inFlight } = instance();
    await inFlight.reserve(operation({ resumeState: '{"saved":true}' }));
    const [one, two] = [instance(), instance()];
    await Promise.all([one.recovery.sweep(), two.recovery.sweep()]);
    assert.deepEqual(compute.resumed, [{ action: 'start', name: 'gpu-01', resumeState: '{"saved":true}' }], 'one instance took it');
    compute.finish();
    await settled();
    assert.equal(posted.length, 1);
    assert.match(text(posted[0].replies[0]), /gpu-01 is running\. \(Ada asked 2 min ago\.\)/);
    assert.deepEqual(posted[0].updates, ['ack-1'], 'the acknowledgement is rewritten to point to the outcome');
    assert.equal(await inFlight.get('gpu-01'), undefined, 'the VM is free again');
    await one.recovery.sweep();
    assert.equal(compute.resumed.length, 1, 'nothing left to resume');
  });

  it('leaves an operation alone while its instance holds its lease', async () => {
    const { inFlight } = instance();
    await inFlight.reserve(operation({ resumeState: '{}' }));
    const held = await inFlight.follow({ id: 'op-1' }, 60_000);
    assert.ok(held);
    await instance().recovery.sweep();
    assert.equal(compute.resumed.length, 0);
    await held.release();
    await instance().recovery.sweep();
    assert.equal(compute.resumed.length, 1, 'taken once its holder let go');
    compute.finish();
    await settled();
  });

  it('says the outcome is unknown when its instance stopped before saving what Azure answered', async () => {
    const { inFlight } = instance();
    await inFlight.reserve(operation());
    await instance().recovery.sweep();
    await settled();
    assert.equal(compute.resumed.length, 0, 'nothing to resume from: no call to Azure');
    assert.equal(posted.length, 1);
    assert.equal(text(posted[0].replies[0]), 'Unknown: gpu-01 I lost track of starting gpu-01 when I restarted; vm status gpu-01 shows where it is.');
    assert.equal(await inFlight.get('gpu-01'), undefined);
    const logged = logger.entries.find((entry) => entry.message === 'could not follow a resumed VM operation' && entry.fields.operationId === 'op-1');
    assert.ok(logged, 'the log says why it could not be followed');
    assert.equal(logged.level, 'warn');
    assert.equal(logged.fields.reason, 'no-saved-state');
    assert.match(String(logged.fields.adminHint), /no saved poller state: the instance that asked Azure stopped before it saved Azure's answer/);
  });

  it('does not post an outcome that was already reported, and tidies up after the instance that did', async () => {
    const { inFlight } = instance();
    await inFlight.reserve(operation({ resumeState: '{}' }));
    assert.equal(await inFlight.claimReport({ id: 'op-1' }), true);
    await instance().recovery.sweep();
    compute.finish();
    await settled();
    assert.equal(posted.length, 0);
    assert.equal(await inFlight.get('gpu-01'), undefined);
  });

  it('logs nothing of the kind for an operation it resumed and followed to its end', async () => {
    const { inFlight } = instance();
    await inFlight.reserve(operation({ id: 'op-followed', resumeState: '{"saved":true}' }));
    await instance().recovery.sweep();
    compute.finish();
    await settled();
    assert.ok(!logger.entries.some((entry) => entry.message === 'could not follow a resumed VM operation' && entry.fields.operationId === 'op-followed'));
  });

  it('ignores operation records of a shape it does not know', async () => {
    await store.put('operations/vm/gpu-09', { action: 'start', requesterName: 'Old', startedAt: 0 });
    await instance().recovery.sweep();
    assert.equal(compute.resumed.length, 0);
    assert.ok(logger.entries.some((entry) => entry.message === 'ignored operation records of an unknown shape'));
  });
});

describe('a resumed VM operation whose saved state the Azure backend refuses (local HTTPS Resource Manager)', () => {
  let arm: FakeArm;
  let compute: ComputeManager;

  before(async () => {
    arm = new FakeArm([{ resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' }]);
    await arm.start();
    compute = await createComputeManager(
      { subscriptionId: TEST_SUBSCRIPTION_ID, vms: [{ resourceGroup: 'ml-rg', name: 'gpu-01' }], resourceManagerEndpoint: arm.endpoint },
      { requestMs: 10_000, operationMs: 60_000 },
      { pollIntervalMs: 10 },
    );
  });
  after(async () => {
    arm.completeAll();
    await arm.stop();
  });

  it('tells the conversation the outcome is unknown, and logs why with an adminHint, without the URLs\' query tokens', async () => {
    arm.behaviour = { inProgressPolls: 0, outcome: 'Succeeded', retryAfter: '0', conflict: false, manual: true };
    const { resumeState } = await compute.begin('start', 'gpu-01');
    // The state as something else wrote it: its polling URL on another host, signed in its query.
    const config = (JSON.parse(resumeState) as { state: { config: Record<string, string> } }).state.config;
    const tampered = resumeState.replaceAll(JSON.stringify(config.operationLocation).slice(1, -1), 'https://attacker.example/operations/op-7?api-version=2024-07-01&sig=s3cr3t-token');
    assert.notEqual(tampered, resumeState);

    const store = new MemoryStateStore();
    const logger = createMemoryLogger();
    const inFlight = new OperationsInFlight(store, logger);
    const posted: Card[] = [];
    const background: Array<Promise<unknown>> = [];
    const runner = new VmOperationRunner({
      compute,
      inFlight,
      notifier: { notify: async (_conversation, send) => send({ reply: async (document) => void posted.push(document), update: async () => undefined }) },
      background: { track: (work) => (background.push(work), work) },
      logger,
      leaseMs: 1000,
    });
    await inFlight.reserve(operation({ id: 'op-7', startedAt: Date.now() - 60_000, ackId: undefined, resumeState: tampered }));
    const shutdown = new AbortController();
    arm.reset();
    await new OperationRecovery({ runner, inFlight, logger, leaseMs: 1000, shutdown: shutdown.signal }).sweep();
    await Promise.all(background);
    shutdown.abort();

    assert.equal(arm.requests.length, 0, 'nothing was sent to the other host, nor anywhere');
    assert.equal(posted.length, 1);
    assert.match(linesOf(posted[0]).map(plainText).join(' '), /^Unknown: gpu-01 I could not follow starting gpu-01 any further; it may still finish\. Ask vm status gpu-01 where it is\.$/);
    const logged = logger.entries.find((entry) => entry.message === 'could not follow a resumed VM operation');
    assert.ok(logged, `the log says why; it has: ${logger.entries.map((entry) => entry.message).join(', ')}`);
    assert.equal(logged.level, 'warn');
    assert.deepEqual({ vm: logged.fields.vm, action: logged.fields.action, operationId: logged.fields.operationId, reason: logged.fields.reason }, { vm: 'gpu-01', action: 'start', operationId: 'op-7', reason: 'saved-state-refused' });
    assert.match(
      String(logged.fields.adminHint),
      /cannot be resumed: the saved poller state's operationLocation is at https:\/\/attacker\.example, not at the configured Resource Manager endpoint https:\/\/127\.0\.0\.1:\d+\. Check that AZURE_RESOURCE_MANAGER_ENDPOINT/,
    );
    assert.doesNotMatch(JSON.stringify(logger.entries), /s3cr3t-token|sig=/, 'no query token anywhere in the log');
  });
});
