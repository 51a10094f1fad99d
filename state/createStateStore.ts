import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { ContainerClient, type StoragePipelineOptions, type StorageRetryOptions } from '@azure/storage-blob';
import type { StateStorageConfig } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import { BlobStateStore } from './BlobStateStore.js';
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

/** The container that holds shared state: its URL (with the bot's identity) or a connection string's. */
export function stateContainer(config: StateStorageConfig, overrides: StateStoreOverrides = {}): ContainerClient {
  const pipeline: StoragePipelineOptions = { retryOptions: { ...STATE_STORAGE_RETRY, ...overrides.retry } };
  if (config.connectionString !== undefined) return new ContainerClient(config.connectionString, config.container, pipeline);
  return new ContainerClient(stateContainerUrl(config), overrides.credential ?? new DefaultAzureCredential(), pipeline);
}

export function stateContainerUrl(config: { accountUrl: string; container: string }): string {
  return `${config.accountUrl}/${config.container}`;
}

/**
 * Memory when no state storage is configured (one instance; everything is forgotten at a restart), otherwise Azure
 * Blob Storage, shared by every instance; the container is created on first use when it is missing.
 */
export function createStateStore(config: StateStorageConfig | undefined, logger: Logger, overrides: StateStoreOverrides = {}): StateStore {
  if (!config) {
    logger.info('state is kept in memory: one instance, forgotten at a restart');
    return new MemoryStateStore();
  }
  const container = stateContainer(config, overrides);
  // Origin and path only: a SAS connection string puts its signature in the query.
  const { origin, pathname } = new URL(container.url);
  logger.info('state is kept in Azure Blob Storage', { container: origin + pathname, signIn: config.connectionString ? 'connection string' : 'identity' });
  return new BlobStateStore(container, logger);
}
