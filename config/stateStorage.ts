import type { EnvReader } from './envReader.js';

/**
 * Shared state in an Azure Blob Storage container: reached with the bot's own identity at a blob endpoint
 * (STATE_STORAGE_ACCOUNT_URL, in Azure) or with a connection string (STATE_STORAGE_CONNECTION_STRING: local use,
 * Azurite). Absent: state is kept in memory, for one instance.
 */
export type StateStorageConfig =
  | { accountUrl: string; connectionString?: undefined; container: string }
  | { connectionString: string; accountUrl?: undefined; container: string };

export const DEFAULT_STATE_CONTAINER = 'labmate-state';

// Blob container names: 3-63 lowercase letters, digits and dashes, starting with a letter or a digit, every dash
// between two letters or digits ("Naming and referencing containers, blobs, and metadata").
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function readStateStorage(env: EnvReader): StateStorageConfig | undefined {
  const container = readContainer(env);
  const hasUrl = env.optional('STATE_STORAGE_ACCOUNT_URL') !== undefined;
  const hasConnectionString = env.optional('STATE_STORAGE_CONNECTION_STRING') !== undefined;
  if (hasUrl && hasConnectionString) {
    env.problem(
      'STATE_STORAGE_CONNECTION_STRING',
      'not to be set together with STATE_STORAGE_ACCOUNT_URL (one way to reach the state storage: the account URL with the managed identity, or a connection string)',
    );
    return undefined;
  }
  if (hasUrl) {
    const accountUrl = readAccountUrl(env);
    return accountUrl === undefined || container === undefined ? undefined : { accountUrl, container };
  }
  if (hasConnectionString) {
    const connectionString = readConnectionString(env);
    return connectionString === undefined || container === undefined ? undefined : { connectionString, container };
  }
  if (env.optional('STATE_STORAGE_CONTAINER') !== undefined) {
    env.problem('STATE_STORAGE_CONTAINER', 'STATE_STORAGE_ACCOUNT_URL or STATE_STORAGE_CONNECTION_STRING to be set too (without either, state stays in memory)');
  }
  return undefined;
}

function readContainer(env: EnvReader): string | undefined {
  const container = env.string('STATE_STORAGE_CONTAINER', DEFAULT_STATE_CONTAINER);
  if (CONTAINER_NAME.test(container)) return container;
  env.problem(
    'STATE_STORAGE_CONTAINER',
    `a blob container name (3-63 lowercase letters, digits and single dashes, starting and ending with a letter or digit), got "${container}"`,
  );
  return undefined;
}

/** The blob endpoint (https://<account>.blob.core.windows.net); the bot signs in with its own identity, never a SAS. */
function readAccountUrl(env: EnvReader): string | undefined {
  const raw = env.optional('STATE_STORAGE_ACCOUNT_URL') ?? '';
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  if (url?.protocol === 'https:' && !url.search && !url.hash && !url.username && !url.password) return raw.replace(/\/+$/, '');
  env.problem(
    'STATE_STORAGE_ACCOUNT_URL',
    `the storage account's blob endpoint as an https:// URL without a query (e.g. https://labmatestate.blob.core.windows.net; tokens are never sent over http, and the bot signs in with its identity, not a SAS), got "${raw}"`,
  );
  return undefined;
}

/**
 * A storage connection string as the Azure SDK reads it: UseDevelopmentStorage=true (Azurite's defaults), an
 * account key (DefaultEndpointsProtocol, AccountName, AccountKey, and BlobEndpoint or EndpointSuffix), or a SAS
 * (BlobEndpoint and SharedAccessSignature). Its value is a secret: a problem never repeats it.
 */
function readConnectionString(env: EnvReader): string | undefined {
  const raw = env.optional('STATE_STORAGE_CONNECTION_STRING') ?? '';
  if (raw.startsWith('UseDevelopmentStorage=true')) return raw;
  const parts = new Map<string, string>();
  for (const element of raw.split(';')) {
    const at = element.indexOf('=');
    if (at > 0) parts.set(element.slice(0, at).trim(), element.slice(at + 1).trim());
  }
  const blobEndpoint = parts.get('BlobEndpoint');
  const endpointOk = blobEndpoint === undefined || /^https?:\/\/[^\s/]+/.test(blobEndpoint);
  const withKey = ['DefaultEndpointsProtocol', 'AccountName', 'AccountKey'].every((name) => parts.get(name)) && (blobEndpoint || parts.get('EndpointSuffix'));
  const withSas = blobEndpoint && parts.get('SharedAccessSignature');
  if (endpointOk && (withKey || withSas)) return raw;
  env.problem(
    'STATE_STORAGE_CONNECTION_STRING',
    'a storage connection string: UseDevelopmentStorage=true, DefaultEndpointsProtocol=...;AccountName=...;AccountKey=...;BlobEndpoint=... (Azurite), or BlobEndpoint=...;SharedAccessSignature=... (the value is not repeated here: it holds a key)',
  );
  return undefined;
}
