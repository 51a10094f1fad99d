import { strict as assert } from 'node:assert';
import { loadConfig } from '../../config/index.js';
import { configErrorText } from './configProblems.js';

const AZURITE = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0LWtleQ==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';

describe('state storage settings', () => {
  it('keeps state in memory when neither the account URL nor a connection string is set', () => {
    assert.equal(loadConfig({}).stateStorage, undefined);
  });

  it('reads the account URL (the managed identity) with the default container', () => {
    assert.deepEqual(loadConfig({ STATE_STORAGE_ACCOUNT_URL: 'https://labmatestate.blob.core.windows.net/' }).stateStorage, {
      accountUrl: 'https://labmatestate.blob.core.windows.net',
      container: 'labmate-state',
    });
  });

  it('reads a connection string (Azurite, local use) and a container', () => {
    assert.deepEqual(loadConfig({ STATE_STORAGE_CONNECTION_STRING: AZURITE, STATE_STORAGE_CONTAINER: 'team-bot-2' }).stateStorage, {
      connectionString: AZURITE,
      container: 'team-bot-2',
    });
    assert.equal(loadConfig({ STATE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).stateStorage?.container, 'labmate-state');
    const sas = 'BlobEndpoint=https://labmatestate.blob.core.windows.net;SharedAccessSignature=sv=2024-11-04&sig=abc';
    assert.equal(loadConfig({ STATE_STORAGE_CONNECTION_STRING: sas }).stateStorage?.connectionString, sas);
  });

  it('refuses both ways at once, naming the variable', () => {
    assert.match(
      configErrorText({ STATE_STORAGE_ACCOUNT_URL: 'https://labmatestate.blob.core.windows.net', STATE_STORAGE_CONNECTION_STRING: AZURITE }),
      /STATE_STORAGE_CONNECTION_STRING: expected not to be set together with STATE_STORAGE_ACCOUNT_URL/,
    );
  });

  it('refuses an account URL over http, with a SAS, or not a URL', () => {
    for (const url of ['http://labmatestate.blob.core.windows.net', 'https://labmatestate.blob.core.windows.net/?sv=2024&sig=x', 'labmatestate']) {
      assert.match(configErrorText({ STATE_STORAGE_ACCOUNT_URL: url }), /STATE_STORAGE_ACCOUNT_URL: expected the storage account's blob endpoint as an https:\/\/ URL/, url);
    }
  });

  it('refuses a connection string it cannot use, without repeating the key it holds', () => {
    const text = configErrorText({ STATE_STORAGE_CONNECTION_STRING: 'AccountName=devstoreaccount1;AccountKey=very-secret-key' });
    assert.match(text, /STATE_STORAGE_CONNECTION_STRING: expected a storage connection string/);
    assert.doesNotMatch(text, /very-secret-key/);
    assert.match(configErrorText({ STATE_STORAGE_CONNECTION_STRING: AZURITE.replace('http://127.0.0.1:10000', 'ftp://x') }), /STATE_STORAGE_CONNECTION_STRING/);
  });

  it('checks the container against Blob Storage naming rules', () => {
    for (const bad of ['ab', 'Labmate', 'labmate--state', '-labmate', 'labmate-', 'labmate_state', 'a'.repeat(64)]) {
      assert.match(configErrorText({ STATE_STORAGE_CONNECTION_STRING: AZURITE, STATE_STORAGE_CONTAINER: bad }), /STATE_STORAGE_CONTAINER: expected a blob container name/, bad);
    }
    for (const good of ['abc', 'labmate-state', 'a1-b2-c3', 'a'.repeat(63)]) {
      assert.equal(loadConfig({ STATE_STORAGE_CONNECTION_STRING: AZURITE, STATE_STORAGE_CONTAINER: good }).stateStorage?.container, good);
    }
  });

  it('refuses a container without storage to put it in', () => {
    assert.match(configErrorText({ STATE_STORAGE_CONTAINER: 'labmate-state' }), /STATE_STORAGE_CONTAINER: expected STATE_STORAGE_ACCOUNT_URL or STATE_STORAGE_CONNECTION_STRING to be set too/);
  });
});
