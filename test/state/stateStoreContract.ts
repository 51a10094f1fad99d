/** What every StateStore must do (memory, Azure Blob Storage): one suite, run against each backend. */
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { StateStore } from '../../state/StateStore.js';

export interface ContractOptions {
  /** A lease short enough to watch lapse (Blob Storage's shortest is 15 s). */
  leaseMs: number;
  /** A record expiry short enough to watch pass. */
  ttlMs: number;
}

export function stateStoreContract(name: string, makeStore: () => StateStore | Promise<StateStore>, options: ContractOptions): void {
  describe(`${name}: the StateStore contract`, function () {
    this.timeout(Math.max(15_000, options.leaseMs * 3));
    let store: StateStore;
    let prefix: string;
    beforeEach(async () => {
      store = await makeStore();
      prefix = `contract/${randomUUID()}/`;
    });

    it('creates a key once: a second create fails, whoever tries', async () => {
      const attempts = await Promise.all([store.create(`${prefix}a`, { n: 1 }), store.create(`${prefix}a`, { n: 2 }), store.create(`${prefix}a`, { n: 3 })]);
      assert.equal(attempts.filter(Boolean).length, 1);
      assert.ok([1, 2, 3].includes(((await store.get<{ n: number }>(`${prefix}a`))?.value.n) ?? 0));
    });

    it('replaces only the version read', async () => {
      await store.put(`${prefix}b`, { n: 1 });
      const read = (await store.get<{ n: number }>(`${prefix}b`))!;
      assert.equal(await store.replace(`${prefix}b`, { n: 2 }, read.etag), true);
      assert.equal(await store.replace(`${prefix}b`, { n: 3 }, read.etag), false, 'a stale etag is refused');
      assert.equal((await store.get<{ n: number }>(`${prefix}b`))?.value.n, 2);
    });

    it('writes conditionally and answers with the version written, which the next conditional write can name', async () => {
      const first = await store.writeIf(`${prefix}w`, { n: 1 }, 'absent');
      assert.ok(first !== undefined);
      assert.equal(await store.writeIf(`${prefix}w`, { n: 9 }, 'absent'), undefined, 'not absent any more');
      assert.equal((await store.get(`${prefix}w`))?.etag, first);
      const second = await store.writeIf(`${prefix}w`, { n: 2 }, first);
      assert.ok(second !== undefined && second !== first);
      assert.equal(await store.writeIf(`${prefix}w`, { n: 3 }, first), undefined, 'a stale version is refused');
      assert.deepEqual(await store.get(`${prefix}w`), { value: { n: 2 }, etag: second });
    });

    it('deletes the version read once; a second delete finds nothing', async () => {
      await store.put(`${prefix}c`, 'x');
      const read = (await store.get<string>(`${prefix}c`))!;
      const deletes = await Promise.all([store.delete(`${prefix}c`, read.etag), store.delete(`${prefix}c`, read.etag)]);
      assert.deepEqual(deletes.sort(), [false, true]);
      assert.equal(await store.get(`${prefix}c`), undefined);
    });

    it('lists the records under a prefix, with their keys', async () => {
      await store.put(`${prefix}list/1`, 1);
      await store.put(`${prefix}list/2`, 2);
      await store.put(`${prefix}other`, 3);
      const listed = await store.list<number>(`${prefix}list/`);
      assert.deepEqual(listed.map((record) => record.value).sort(), [1, 2]);
      assert.deepEqual(listed.map((record) => record.key).sort(), [`${prefix}list/1`, `${prefix}list/2`]);
    });

    it('lets an expired record read as absent, be left out of a list, and be created again', async () => {
      assert.equal(await store.create(`${prefix}d`, 'first', { ttlMs: options.ttlMs }), true);
      assert.equal(await store.create(`${prefix}d`, 'second'), false);
      await store.put(`${prefix}d-list/kept`, 'kept');
      await store.put(`${prefix}d-list/expiring`, 'expiring', { ttlMs: options.ttlMs });
      await new Promise((resolve) => setTimeout(resolve, options.ttlMs + 50));
      assert.equal(await store.get(`${prefix}d`), undefined);
      assert.deepEqual((await store.list<string>(`${prefix}d-list/`)).map((record) => record.value), ['kept']);
      assert.equal(await store.create(`${prefix}d`, 'third'), true);
    });

    it('leases a key to one holder at a time; a lapsed lease can be taken', async () => {
      const first = await store.lease(`${prefix}e`, options.leaseMs);
      assert.ok(first);
      assert.equal(await store.lease(`${prefix}e`, options.leaseMs), undefined, 'held');
      assert.equal(await first.renew(), true);
      await new Promise((resolve) => setTimeout(resolve, options.leaseMs + 500));
      const second = await store.lease(`${prefix}e`, options.leaseMs);
      assert.ok(second, 'taken once lapsed');
      assert.equal(await first.renew(), false, 'the first holder knows it lost it');
      await second.release();
      assert.ok(await store.lease(`${prefix}e`, options.leaseMs), 'free once released');
    });
  });
}
