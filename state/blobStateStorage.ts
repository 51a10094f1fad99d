import { DefaultAzureCredential } from '@azure/identity';
import { ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import type { StateStorageConfig } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import { BlobStateStore } from './BlobStateStore.js';
import { STATE_STORAGE_RETRY, stateContainerUrl, type StateStoreOverrides } from './createStateStore.js';

/**
 * State on Azure Blob Storage, with the Azure SDKs it needs: createStateStore imports this module only when state
 * storage is configured.
 */
export function openBlobStateStore(config: StateStorageConfig, logger: Logger, overrides: StateStoreOverrides = {}): BlobStateStore {
  return new BlobStateStore(stateContainer(config, overrides), logger);
}

/** The container that holds shared state: its URL (with the bot's identity) or a connection string's. */
function stateContainer(config: StateStorageConfig, overrides: StateStoreOverrides = {}): ContainerClient {
  const pipeline: StoragePipelineOptions = { retryOptions: { ...STATE_STORAGE_RETRY, ...overrides.retry } };
  if (config.connectionString !== undefined) return new ContainerClient(config.connectionString, config.container, pipeline);
  return new ContainerClient(stateContainerUrl(config), overrides.credential ?? new DefaultAzureCredential(), pipeline);
}
