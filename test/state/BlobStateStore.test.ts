import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { ContainerClient } from '@azure/storage-blob';
import { createMemoryLogger } from '../../logging/logger.js';
import { ServiceError } from '../../services/errors.js';
import { BlobStateStore } from '../../state/BlobStateStore.js';
import { createStateStore } from '../../state/createStateStore.js';
import { Azurite } from '../support/azurite.js';
import { StorageFaults } from '../support/storageFaults.js';
import { stateStoreContract } from './stateStoreContract.js';

const FAST_RETRY = { maxTries: 2, retryDelayInMs: 10, maxRetryDelayInMs: 10, tryTimeoutInMs: 2000 };

describe('BlobStateStore on Azurite', function () {
  this.timeout(30_000);
  let azurite: Azurite;
  // One container for the whole file, created by the store on first use; each test works under its own keys.
  const container = `state-${randomUUID().slice(0, 8)}`;
  const logger = createMemoryLogger();
  const storeAt = (connectionString: string) => createStateStore({ connectionString, container }, logger, { retry: FAST_RETRY });

  before(async () => {
    azurite = await Azurite.start();
  });
  after(async () => {
    await azurite?.stop();
  });

  stateStoreContract('BlobStateStore', () => storeAt(azurite.connectionString()), { leaseMs: 15_000, ttlMs: 1000 });

  describe('what else the Blob backend must do', () => {
    let raw: ContainerClient;
    before(() => {
      raw = new ContainerClient(azurite.connectionString(), container);
    });

    it('creates the container on first use, one blob per record with its expiry as metadata', async () => {
      const other = `fresh-${randomUUID().slice(0, 8)}`;
      const store = createStateStore({ connectionString: azurite.connectionString(), container: other }, logger);
      assert.equal(await new ContainerClient(azurite.connectionString(), other).exists(), false);
      await store.put('settings/a', { on: true }, { ttlMs: 60_000 });
      const properties = await new ContainerClient(azurite.connectionString(), other).getBlockBlobClient('records/settings/a').getProperties();
      assert.ok(Number(properties.metadata?.expiresat) > Date.now());
      assert.equal(properties.contentType, 'application/json');
    });

    it('reads a blob that is not a labmate record as absent, logs it, and lets it be claimed', async () => {
      const store = storeAt(azurite.connectionString());
      const key = `foreign/${randomUUID()}`;
      await raw.getBlockBlobClient(`records/${key}`).upload('{"x":1}', 7);
      const corrupt = `corrupt/${randomUUID()}`;
      await raw.getBlockBlobClient(`records/${corrupt}`).upload('{not json', 9, { metadata: { labmatestate: '1' } });
      assert.equal(await store.get(key), undefined);
      assert.equal(await store.get(corrupt), undefined);
      assert.deepEqual(await store.list('corrupt/'), []);
      assert.ok(logger.entries.some((entry) => entry.level === 'warn' && entry.fields.key === corrupt && entry.fields.reason === 'not JSON'));
      assert.equal(await store.create(key, 'mine'), true);
      assert.equal((await store.get<string>(key))?.value, 'mine');
    });

    it('recognises its own create when the answer was lost and the SDK retried it', async () => {
      const faults = new StorageFaults(azurite.origin);
      await faults.start();
      try {
        const store = storeAt(azurite.connectionString(`${faults.origin}/devstoreaccount1`));
        await store.get('warm-up');
        const key = `seen/${randomUUID()}`;
        faults.dropNextAnswer('PUT');
        assert.equal(await store.create(key, true), true, 'the retry met its own blob: still a first claim');
        assert.equal(faults.requests.filter((request) => request.method === 'PUT' && request.path.includes(key)).length, 2);
        assert.equal(await storeAt(azurite.connectionString()).create(key, true), false, 'anyone else still finds it claimed');
      } finally {
        await faults.stop();
      }
    });

    it('turns an unavailable or throttled storage into a clear ServiceError, and serves again once it recovers', async () => {
      const faults = new StorageFaults(azurite.origin);
      await faults.start();
      try {
        const store = storeAt(azurite.connectionString(`${faults.origin}/devstoreaccount1`));
        await store.put('k', 1);
        faults.fail(503, 'ServerBusy');
        await assert.rejects(store.get('k'), (error: unknown) => error instanceof ServiceError && error.code === 'rate-limited' && /busy right now.*try again in a minute/.test(error.userMessage));
        faults.fail(500, 'InternalError');
        await assert.rejects(store.create('k2', 1), (error: unknown) => error instanceof ServiceError && error.code === 'unavailable');
        faults.fail(403, 'AuthorizationPermissionMismatch');
        await assert.rejects(store.list(''), (error: unknown) => {
          assert.ok(error instanceof ServiceError && error.code === 'auth');
          assert.match(error.adminHint ?? '', /Storage Blob Data Contributor/);
          assert.doesNotMatch(error.userMessage, /STATE_STORAGE|Contributor/);
          return true;
        });
        faults.heal();
        assert.equal((await store.get<number>('k'))?.value, 1);
      } finally {
        await faults.stop();
      }
    });

    it('says "unavailable" when nothing answers at all', async () => {
      const store = storeAt(azurite.connectionString('http://127.0.0.1:9/devstoreaccount1'));
      await assert.rejects(store.get('k'), (error: unknown) => error instanceof ServiceError && error.code === 'unavailable');
    });

    it('holds a lease on a blob of its own, leaving the record writable, and deletes it at release', async () => {
      const store = new BlobStateStore(raw, logger);
      const key = `operations/${randomUUID()}`;
      const lease = await store.lease(key, 15_000);
      assert.ok(lease);
      const properties = await raw.getBlockBlobClient(`leases/${key}`).getProperties();
      assert.equal(properties.leaseState, 'leased');
      assert.equal(properties.leaseDuration, 'fixed');
      await store.put(key, 'written while leased');
      await lease.release();
      assert.equal(await raw.getBlockBlobClient(`leases/${key}`).exists(), false);
    });
  });
});
