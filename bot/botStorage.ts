import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { MemoryStorage, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { StateStorageConfig } from '../config/index.js';
import { STATE_STORAGE_RETRY, stateContainerUrl } from '../state/createStateStore.js';

/**
 * botbuilder's own Storage, for what botbuilder keeps itself (dialog stacks through ConversationState and
 * UserState): MemoryStorage without state storage, otherwise botbuilder-azure-blobs' BlobsStorage in the same
 * container as the StateStore, with the bot's identity or the connection string. Its blob names are
 * URI-encoded keys without a slash, so they never meet the StateStore's (`records/...`, `leases/...`).
 */
export function createBotStorage(config: StateStorageConfig | undefined, credential?: TokenCredential): Storage {
  if (!config) return new MemoryStorage();
  const options = { storagePipelineOptions: { retryOptions: STATE_STORAGE_RETRY } };
  if (config.connectionString !== undefined) return new BlobsStorage(config.connectionString, config.container, options);
  return new BlobsStorage('', config.container, options, stateContainerUrl(config), credential ?? new DefaultAzureCredential());
}
