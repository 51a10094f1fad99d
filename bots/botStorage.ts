import type { TokenCredential } from '@azure/identity';
import { MemoryStorage, type Storage } from 'botbuilder';
import type { StateStorageConfig } from '../config/index.js';
import { STATE_STORAGE_RETRY, stateContainerUrl } from '../state/createStateStore.js';

/**
 * botbuilder's own Storage, for what botbuilder keeps itself (dialog stacks through ConversationState and
 * UserState): MemoryStorage without state storage, otherwise botbuilder-azure-blobs' BlobsStorage in the same
 * container as the StateStore, with the bot's identity or the connection string (those libraries are loaded only
 * then). Its blob names are URI-encoded keys without a slash, so they never meet the StateStore's (`records/...`,
 * `leases/...`).
 */
export async function createBotStorage(config: StateStorageConfig | undefined, credential?: TokenCredential): Promise<Storage> {
  if (!config) return new MemoryStorage();
  const { BlobsStorage } = await import('botbuilder-azure-blobs');
  const options = { storagePipelineOptions: { retryOptions: STATE_STORAGE_RETRY } };
  if (config.connectionString !== undefined) return new BlobsStorage(config.connectionString, config.container, options);
  const identity = credential ?? new (await import('@azure/identity')).DefaultAzureCredential();
  return new BlobsStorage('', config.container, options, stateContainerUrl(config), identity);
}
