import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { emulatorMessage } from '../support/activities.js';
import { Azurite } from '../support/azurite.js';
import { FakeConnector, shownText } from '../support/connector.js';
import { azureMlEnv, FakeAzureMlJobs, runStatusChanged } from '../support/fakeAzureMlJobs.js';
import { startApp, type RunningApp } from '../support/runningApp.js';

const SECRET = 'azureml-events-secret-0123456789';

/** Two labmate instances sharing state in one Azurite container: Event Grid may deliver an event to either, or both. */
describe('Azure ML job ends with two instances sharing state (Azurite)', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  let connector: FakeConnector;
  let fake: FakeAzureMlJobs;
  let a: RunningApp;
  let b: RunningApp;

  before(async () => {
    connector = new FakeConnector();
    fake = new FakeAzureMlJobs('ml-rg', 'team-ws');
    [azurite] = await Promise.all([Azurite.start(), connector.start(), fake.start()]);
    const env = azureMlEnv(fake, { AZUREML_EVENTS_SECRET: SECRET, STATE_STORAGE_CONNECTION_STRING: azurite.connectionString(), STATE_STORAGE_CONTAINER: 'labmate-state' });
    [a, b] = await Promise.all([startApp(env), startApp(env)]);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([azurite?.stop(), fake?.stop(), connector?.stop()]);
  });

  it('posts a RunStatusChanged delivered to both instances once, to the conversation that followed on the other one', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await a.post(emulatorMessage({ serviceUrl: connector.url, text: 'jobs follow mnist', conversationId }));
    await connector.waitForMessages(conversationId, 1);
    fake.add({ name: 'shared_job', experimentName: 'mnist', status: 'Completed', createdAt: Date.now() - 600_000, lastModifiedAt: Date.now() });
    const event = JSON.stringify([runStatusChanged(fake, { name: 'shared_job', experimentName: 'mnist' }, 'Completed')]);
    const deliver = (instance: RunningApp) =>
      fetch(`${instance.url}/api/events/azureml/${SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' }, body: event });
    const answers = await Promise.all([deliver(a), deliver(b), deliver(b)]);
    assert.deepEqual(answers.map((answer) => answer.status), [200, 200, 200]);
    const [, notice] = await connector.waitForMessages(conversationId, 2);
    assert.match(shownText(notice), /Job shared_job completed/);
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(connector.messagesTo(conversationId).length, 2, 'one notice among both instances');
  });
});
