import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { emulatorMessage } from '../support/activities.js';
import { FakeConnector, shownText, type ConnectorCall } from '../support/connector.js';
import { AZUREML_API_VERSION, azureMlEnv, FakeAzureMlJobs, runStatusChanged, type FakeJob } from '../support/fakeAzureMlJobs.js';
import { startApp, type RunningApp } from '../support/runningApp.js';

const SECRET = 'azureml-events-secret-0123456789';
const MINUTE = 60_000;

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Azure ML jobs through POST /api/messages (local connector, local HTTPS Azure ML jobs API)', function () {
  this.timeout(20_000);
  let connector: FakeConnector;
  let fake: FakeAzureMlJobs;
  let bot: RunningApp;

  before(async () => {
    connector = new FakeConnector();
    fake = new FakeAzureMlJobs('ml-rg', 'team-ws');
    await Promise.all([connector.start(), fake.start()]);
    bot = await startApp(azureMlEnv(fake, { AZUREML_EVENTS_SECRET: SECRET }), { machineLearning: { pollIntervalMs: 5 } });
  });
  after(async () => {
    await bot.stop();
    await Promise.all([fake.stop(), connector.stop()]);
  });
  beforeEach(() => {
    connector.reset();
    fake.reset();
    fake.pageSize = 2;
  });

  const job = (name: string, overrides: Partial<FakeJob> = {}): FakeJob => {
    const created: FakeJob = { name, displayName: `${name} run`, experimentName: 'mnist', status: 'Running', compute: 'gpu-cluster', createdAt: Date.now() - 30 * MINUTE, ...overrides };
    fake.add(created);
    return created;
  };
  const say = async (text: string, fromId = 'operator-1', conversationId = `conv-${randomUUID()}`): Promise<ConnectorCall[]> => {
    const before = connector.messagesTo(conversationId).length;
    const response = await bot.post(emulatorMessage({ serviceUrl: connector.url, text, fromId, conversationId }));
    assert.equal(response.status, 200);
    return (await connector.waitForMessages(conversationId, before + 1)).slice(before);
  };
  const events = (body: unknown, headers: Record<string, string> = {}, secret = SECRET) =>
    fetch(`${bot.url}/api/events/azureml/${secret}`, { method: 'POST', headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('lists the 10 most recent jobs, reading the pages Azure links with nextLink, with the SDK api-version', async () => {
    for (let i = 0; i < 13; i++) job(`job-${String(i).padStart(2, '0')}`, { createdAt: Date.now() - (20 - i) * MINUTE, experimentName: i % 2 ? 'mnist' : 'cifar' });
    const [reply] = await say('jobs');
    const text = shownText(reply);
    assert.match(text, /Recent jobs/);
    assert.match(text, /job-12/);
    assert.match(text, /job-03/);
    assert.doesNotMatch(text, /job-02\b/, 'the three oldest are left out');
    assert.match(text, /gpu-cluster/);
    const lists = fake.requests.filter((request) => request.path.startsWith(`${fake.workspaceId}/jobs?`));
    assert.ok(lists.length >= 2, 'followed nextLink');
    assert.ok(lists.every((request) => request.path.includes(`api-version=${AZUREML_API_VERSION}`)));
  });

  it('lists one experiment, and refuses an experiment name with odd characters before any call', async () => {
    job('a-mnist', { experimentName: 'mnist' });
    job('b-cifar', { experimentName: 'cifar' });
    const [reply] = await say('jobs mnist');
    assert.match(shownText(reply), /Recent jobs of mnist/);
    assert.match(shownText(reply), /a-mnist/);
    assert.doesNotMatch(shownText(reply), /b-cifar/);
    fake.requests.length = 0;
    const [refused] = await say('jobs mn<ist>');
    assert.match(shownText(refused), /An experiment name has only letters, digits/);
    assert.equal(fake.requests.length, 0);
  });

  it('shows one job: status, experiment, compute, duration and the studio link Azure gives', async () => {
    job('polite_kiwi_1', { status: 'Completed', createdAt: Date.now() - 90 * MINUTE, lastModifiedAt: Date.now() - 30 * MINUTE });
    const [reply] = await say('job polite_kiwi_1');
    const text = shownText(reply);
    assert.match(text, /Job polite_kiwi_1/);
    assert.match(text, /Completed/);
    assert.match(text, /mnist/);
    assert.match(text, /gpu-cluster/);
    assert.match(text, /1 h/);
    assert.match(JSON.stringify(reply.activity), /https:\/\/ml\.azure\.com\/runs\/polite_kiwi_1/);
  });

  it('says so for an unknown job, and tells what failed when the workspace refuses or throttles', async () => {
    const [unknown] = await say('job nope');
    assert.match(shownText(unknown), /has no job called nope/);
    fake.failWith = 403;
    const [refused] = await say('jobs');
    assert.match(shownText(refused), /Azure did not allow the bot.*tell the bot's administrator/s);
    assert.ok(bot.logger.entries.some((entry) => JSON.stringify(entry.fields).includes('jobs/cancel/action')), 'the role to give is in the log');
    fake.failWith = 429;
    const [throttled] = await say('jobs');
    assert.match(shownText(throttled), /throttling/);
  });

  it('refuses a cancel to someone who is not an operator, and calls no cancel', async () => {
    job('running_job');
    const [reply] = await say('job cancel running_job', 'stranger');
    assert.match(shownText(reply), /only operators may use job cancel/);
    assert.equal(fake.cancelCalls().length, 0);
  });

  it('cancels once after the requester confirms; the code works once', async () => {
    job('long_job');
    const conversationId = `conv-${randomUUID()}`;
    const [question] = await say('job cancel long_job', 'operator-1', conversationId);
    assert.match(shownText(question), /Cancel job long_job\?/);
    assert.equal(fake.cancelCalls().length, 0, 'nothing before the confirmation');
    const code = /job confirm ([0-9a-f]{8})/.exec(JSON.stringify(question.activity))?.[1];
    assert.ok(code);
    await say(`job confirm ${code}`, 'operator-1', conversationId);
    await waitFor(() => connector.messagesTo(conversationId).some((call) => /Job long_job is canceled/.test(shownText(call))));
    assert.equal(fake.cancelCalls('long_job').length, 1);
    assert.equal(fake.jobs.get('long_job')?.status, 'Canceled');
    assert.ok(bot.logger.entries.some((entry) => entry.message === 'audit' && entry.fields.action === 'job cancel' && entry.fields.result === 'succeeded' && entry.fields.user === 'operator-1'));
    const [again] = await say(`job confirm ${code}`, 'operator-1', conversationId);
    assert.match(shownText(again), /no pending cancellation/);
    assert.equal(fake.cancelCalls().length, 1);
  });

  it('completes the Event Grid subscription handshake (Event Grid schema)', async () => {
    const response = await events(
      [{ id: randomUUID(), topic: fake.workspaceId, subject: '', eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', eventTime: new Date().toISOString(), data: { validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6', validationUrl: 'https://rp-eastus2.eventgrid.azure.net/x' }, dataVersion: '2', metadataVersion: '1' }],
      { 'aeg-event-type': 'SubscriptionValidation' },
    );
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' });
  });

  it("answers CloudEvents' OPTIONS with WebHook-Allowed-Origin, and refuses a wrong secret with 401", async () => {
    const response = await fetch(`${bot.url}/api/events/azureml/${SECRET}`, { method: 'OPTIONS', headers: { 'WebHook-Request-Origin': 'eventgrid.azure.net' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('webhook-allowed-origin'), 'eventgrid.azure.net');
    const wrong = await fetch(`${bot.url}/api/events/azureml/not-the-secret-0123456789abc`, { method: 'OPTIONS', headers: { 'WebHook-Request-Origin': 'eventgrid.azure.net' } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('webhook-allowed-origin'), null);
    const wrongPost = await events([runStatusChanged(fake, { name: 'x', experimentName: 'mnist' }, 'Completed')], {}, 'not-the-secret-0123456789abc');
    assert.equal(wrongPost.status, 401);
  });

  it('posts a job end once to the following conversation, though Event Grid delivers it twice', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const [followed] = await say('jobs follow mnist', 'user-2', conversationId);
    assert.match(shownText(followed), /when a job of mnist completes, fails or is canceled/);
    job('failing_job', { status: 'Failed', lastModifiedAt: Date.now() });
    const event = runStatusChanged(fake, { name: 'failing_job', experimentName: 'mnist' }, 'Failed');
    assert.equal((await events([event])).status, 200);
    assert.equal((await events([event])).status, 200);
    const [, notice] = await connector.waitForMessages(conversationId, 2);
    await settle();
    assert.equal(connector.messagesTo(conversationId).length, 2, 'one notice');
    assert.match(shownText(notice), /Job failing_job failed/);
    assert.match(JSON.stringify(notice.activity), /ml\.azure\.com\/runs\/failing_job/);
    const [listed] = await say('jobs follow', 'user-2', conversationId);
    assert.match(shownText(listed), /mnist/);
  });

  it('takes CloudEvents 1.0 too, and ignores other workspaces, other types, statuses that are not an end and experiments nobody follows', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await say('jobs follow cifar', 'user-2', conversationId);
    job('cifar_done', { experimentName: 'cifar', status: 'Completed', lastModifiedAt: Date.now() });
    const base = runStatusChanged(fake, { name: 'cifar_done', experimentName: 'cifar' }, 'Completed');
    const otherWorkspace = { ...base, id: randomUUID(), topic: fake.workspaceId.replace('team-ws', 'other-ws') };
    const running = runStatusChanged(fake, { name: 'cifar_done', experimentName: 'cifar' }, 'Running');
    const otherType = { ...base, id: randomUUID(), eventType: 'Microsoft.MachineLearningServices.ModelRegistered' };
    const nobody = runStatusChanged(fake, { name: 'cifar_done', experimentName: 'nobody-follows' }, 'Completed');
    const ignored = await events([otherWorkspace, running, otherType, nobody]);
    assert.equal(ignored.status, 200);
    await settle();
    assert.equal(connector.messagesTo(conversationId).length, 1, 'only the follow answer');
    const cloudEvent = { specversion: '1.0', type: base.eventType, source: fake.workspaceId, subject: base.subject, id: randomUUID(), time: new Date().toISOString(), data: base.data };
    const response = await fetch(`${bot.url}/api/events/azureml/${SECRET}`, { method: 'POST', headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' }, body: JSON.stringify(cloudEvent) });
    assert.equal(response.status, 200);
    const [, notice] = await connector.waitForMessages(conversationId, 2);
    assert.match(shownText(notice), /Job cifar_done completed/);
  });

  it('answers a malformed event 400 and an oversize one 413, posting nothing', async () => {
    assert.equal((await events('{not json')).status, 400);
    assert.equal((await events([{ eventType: 'Microsoft.MachineLearningServices.RunStatusChanged' }])).status, 400);
    assert.equal((await events(JSON.stringify([{ id: 'x', padding: 'x'.repeat(1024 * 1024) }]))).status, 413);
    assert.equal(connector.calls.length, 0);
  });
});

describe('Azure ML job ends without Event Grid: the poller', function () {
  this.timeout(20_000);
  let connector: FakeConnector;
  let fake: FakeAzureMlJobs;
  let bot: RunningApp;

  before(async () => {
    connector = new FakeConnector();
    fake = new FakeAzureMlJobs('ml-rg', 'team-ws');
    await Promise.all([connector.start(), fake.start()]);
    bot = await startApp(azureMlEnv(fake), { machineLearning: { jobEndPollMs: 100 } });
  });
  after(async () => {
    await bot.stop();
    await Promise.all([fake.stop(), connector.stop()]);
  });

  it('posts a followed job end once, and nothing about a job that ended before the follow; the route is closed', async () => {
    fake.add({ name: 'old_job', experimentName: 'mnist', status: 'Completed', createdAt: Date.now() - 120 * MINUTE, lastModifiedAt: Date.now() - 60 * MINUTE });
    fake.add({ name: 'new_job', experimentName: 'mnist', status: 'Running', createdAt: Date.now() - 10 * MINUTE });
    const conversationId = `conv-${randomUUID()}`;
    await bot.post(emulatorMessage({ serviceUrl: connector.url, text: 'jobs follow mnist', conversationId }));
    await connector.waitForMessages(conversationId, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(connector.messagesTo(conversationId).length, 1, 'the old end and a running job post nothing');
    const newJob = fake.jobs.get('new_job')!;
    newJob.status = 'Completed';
    newJob.lastModifiedAt = Date.now();
    const [, notice] = await connector.waitForMessages(conversationId, 2);
    assert.match(shownText(notice), /Job new_job completed/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(connector.messagesTo(conversationId).length, 2, 'posted once over several polls');
    const closed = await fetch(`${bot.url}/api/events/azureml/${SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    assert.notEqual(closed.status, 200);
  });
});
