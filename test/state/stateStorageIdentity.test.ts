import { strict as assert } from 'node:assert';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { ContainerClient } from '@azure/storage-blob';
import { createBotStorage } from '../../bots/botStorage.js';
import { createMemoryLogger } from '../../logging/logger.js';
import { ServiceError } from '../../services/errors.js';
import { createStateStore } from '../../state/createStateStore.js';
import { Azurite } from '../support/azurite.js';
import { sharedManagedIdentity, type FakeManagedIdentity } from '../support/managedIdentity.js';

/**
 * The deployed bot's way in: STATE_STORAGE_ACCOUNT_URL and the managed identity (DefaultAzureCredential, App
 * Service's identity endpoint), bearer tokens over HTTPS to an Azurite that checks them (audience, issuer, lifetime).
 */
describe('state storage reached with the bot\'s managed identity (HTTPS Azurite checking OAuth tokens)', function () {
  this.timeout(30_000);
  let azurite: Azurite;
  let identity: FakeManagedIdentity;
  const container = 'identity-state';
  const logger = createMemoryLogger();

  before(async () => {
    identity = await sharedManagedIdentity();
    azurite = await Azurite.start({ tls: { certPath: process.env.LABMATE_TEST_TLS_CERT!, keyPath: process.env.LABMATE_TEST_TLS_KEY! } });
  });
  after(async () => {
    await azurite?.stop();
  });

  it('signs in with a token for Azure Storage, creates the container, and claims a key once', async () => {
    const store = createStateStore({ accountUrl: azurite.blobEndpoint, container }, logger);
    assert.equal(await store.create('seen/activities/a1', true, { ttlMs: 60_000 }), true);
    assert.equal(await store.create('seen/activities/a1', true), false);
    assert.ok(identity.requests.some((request) => request.resource === 'https://storage.azure.com'), 'the token is for Azure Storage');
  });

  it('keeps botbuilder\'s own state (BlobsStorage) in the same container with the same identity, apart from the records', async () => {
    const storage = await createBotStorage({ accountUrl: azurite.blobEndpoint, container });
    await storage.write({ 'msteams/conversations/19:abc/': { dialogState: { step: 2, label: 'niño' }, eTag: '*' } });
    const read = await storage.read(['msteams/conversations/19:abc/']);
    assert.deepEqual((read['msteams/conversations/19:abc/'] as { dialogState: unknown }).dialogState, { step: 2, label: 'niño' });
    const store = createStateStore({ accountUrl: azurite.blobEndpoint, container }, logger);
    assert.deepEqual(
      (await store.list('')).map((record) => record.key),
      ['seen/activities/a1'],
      'the StateStore sees only its own records',
    );
  });

  it('tells the person to ask the administrator, and the log which role, when storage refuses the identity', async () => {
    const wrongAudience: TokenCredential = {
      getToken: async (): Promise<AccessToken> => ({ token: identity.tokenFor('https://management.azure.com'), expiresOnTimestamp: Date.now() + 3_600_000 }),
    };
    const store = createStateStore({ accountUrl: azurite.blobEndpoint, container: 'refused-state' }, logger, { credential: wrongAudience });
    await assert.rejects(store.get('anything'), (error: unknown) => {
      assert.ok(error instanceof ServiceError);
      assert.equal(error.code, 'auth');
      assert.match(error.userMessage, /tell the bot's administrator/);
      assert.match(error.adminHint ?? '', /Storage Blob Data Contributor/);
      return true;
    });
    assert.equal(await new ContainerClient(azurite.connectionString(), 'refused-state').exists(), false);
  });
});
