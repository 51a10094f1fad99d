import { randomUUID } from 'node:crypto';
import type { BlockBlobClient, ContainerClient } from '@azure/storage-blob';
import { httpStatusOf } from '../services/azureRestErrors.js';
import { isConflict, storageError } from './blobErrors.js';
import type { Lease } from './StateStore.js';

/** Leases sit on empty blobs of their own, so that writing a record never needs the lease id. */
const LEASES = 'leases/';
/** Blob leases last 15 to 60 seconds ("Lease Blob"). */
const MIN_SECONDS = 15;
const MAX_SECONDS = 60;

/**
 * Blob leases: acquire with a proposed lease id (another holder's live lease answers 409), renew with it (409 once
 * the lease lapsed and someone else acquired it; a lapsed lease nobody took renews), and release by deleting the
 * lease blob with the lease id, so that no lease blob outlives its use.
 */
export class BlobLeases {
  constructor(
    private readonly container: ContainerClient,
    private readonly ready: () => Promise<unknown>,
  ) {}

  /** The lease lasts `ttlMs` rounded to whole seconds within what Blob Storage allows (15-60 s). */
  static seconds(ttlMs: number): number {
    return Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, Math.round(ttlMs / 1000)));
  }

  async acquire(key: string, ttlMs: number): Promise<Lease | undefined> {
    await this.ready();
    const blob = this.container.getBlockBlobClient(LEASES + key);
    const leaseId = randomUUID();
    const client = blob.getBlobLeaseClient(leaseId);
    const acquire = () => client.acquireLease(BlobLeases.seconds(ttlMs));
    try {
      await acquire().catch(async (error: unknown) => {
        if (httpStatusOf(error) !== 404) throw error;
        await this.createLeaseBlob(blob);
        await acquire();
      });
    } catch (error) {
      // Held by someone else, or deleted by its holder between our two attempts: not ours this time.
      if (isConflict(error) || httpStatusOf(error) === 404) return undefined;
      throw storageError(error);
    }
    return {
      renew: async () => {
        try {
          await client.renewLease();
          return true;
        } catch (error) {
          // Taken by someone else (409), or released and deleted meanwhile (404).
          if (isConflict(error) || httpStatusOf(error) === 404) return false;
          throw storageError(error);
        }
      },
      release: async () => {
        try {
          await blob.delete({ conditions: { leaseId } });
        } catch (error) {
          if (isConflict(error) || httpStatusOf(error) === 404) return;
          throw storageError(error);
        }
      },
    };
  }

  private async createLeaseBlob(blob: BlockBlobClient): Promise<void> {
    try {
      await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (error) {
      // Someone else created it meanwhile: acquiring decides who holds it.
      if (!isConflict(error)) throw error;
    }
  }
}
