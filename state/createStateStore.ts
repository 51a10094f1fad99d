import type { TokenCredential } from '@azure/identity';
import type { StorageRetryOptions } from '@azure/storage-blob';
import type { StateStorageConfig } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import { LoadingStateStore } from './LoadingStateStore.js';
import { MemoryStateStore } from './MemoryStateStore.js';
import type { StateStore } from './StateStore.js';

export interface StateStoreOverrides {
  /** Default: DefaultAzureCredential (the managed identity in Azure). Used with an account URL only. */
  credential?: TokenCredential;
  /** Tests and benchmarks: shorter waits. */
  retry?: StorageRetryOptions;
}

/**
 * A turn waits for state, so the storage gets little patience: a few quick tries, each bounded, then the person is
 * told to try again (the SDK's defaults wait minutes). Blob Storage itself answers in milliseconds.
 */
export const STATE_STORAGE_RETRY: StorageRetryOptions = { maxTries: 3, tryTimeoutInMs: 3000, retryDelayInMs: 200, maxRetryDelayInMs: 1000 };

export function stateContainerUrl(config: { accountUrl: string; container: string }): string {
  return `${config.accountUrl}/${config.container}`;
}

/**
 * Memory when no state storage is configured (one instance; everything is forgotten at a restart), otherwise Azure
 * Blob Storage, shared by every instance; the container is created on first use when it is missing. The Azure SDKs
 * are loaded only then, starting now: the store answers once they have (stateStoreLoaded says when). Which one it
 * is, the start-up log's `labmate backends` line says (config/backends.ts).
 */
export function createStateStore(config: StateStorageConfig | undefined, logger: Logger, overrides: StateStoreOverrides = {}): StateStore {
  if (!config) return new MemoryStateStore();
  return new LoadingStateStore(import('./blobStateStorage.js').then(({ openBlobStateStore }) => openBlobStateStore(config, logger, overrides)));
}
