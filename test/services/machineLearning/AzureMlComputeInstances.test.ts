import { strict as assert } from 'node:assert';
import type { TokenCredential } from '@azure/identity';
import { AzureMlComputeInstances } from '../../../services/machineLearning/AzureMlComputeInstances.js';
import { ServiceError } from '../../../services/errors.js';

const ENDPOINT = 'https://127.0.0.1:9';

/** A credential that must never be asked: these cases end before any request. */
const NO_TOKEN: TokenCredential = {
  getToken: () => Promise.reject(new Error('no request should be made')),
};

function instances(): AzureMlComputeInstances {
  return new AzureMlComputeInstances({
    credential: NO_TOKEN,
    config: { subscriptionId: '00000000-1111-4222-8333-444444444444', resourceGroup: 'ml-rg', workspace: 'team-ws', computeInstances: ['ci-ada', 'ci-bob'], pollSeconds: 60, resourceManagerEndpoint: ENDPOINT },
    endpoint: ENDPOINT,
    requestTimeoutMs: 1000,
    operationTimeoutMs: 5000,
  });
}

/** A saved operation as `begin` writes it, polling `operationLocation`. */
function saved(computeInstance: string, action: string, operationLocation: string): string {
  const poller = JSON.stringify({ state: { config: { operationLocation, resourceLocation: `${operationLocation}&monitor=true`, metadata: { mode: 'OperationLocation' } }, isStarted: true } });
  return JSON.stringify({ computeInstance, action, poller });
}

async function refusal(done: Promise<void>): Promise<ServiceError> {
  const error = await done.then(() => undefined, (caught: unknown) => caught);
  assert.ok(error instanceof ServiceError, String(error));
  return error;
}

describe('AzureMlComputeInstances (no Azure call)', () => {
  it('refuses an instance that is not listed before any call', async () => {
    const error = await instances().get('gpu-cluster').catch((caught: unknown) => caught);
    assert.ok(error instanceof ServiceError);
    assert.equal(error.userMessage, 'I only manage these compute instances: ci-ada, ci-bob. `gpu-cluster` is not one of them.');
  });

  it('does not resume a saved operation that would poll another host with the bot\'s token, or is another instance\'s', async () => {
    const elsewhere = await refusal(instances().resume('start', 'ci-ada', saved('ci-ada', 'start', 'https://attacker.example/op?api-version=2024-04-01')).done);
    assert.equal(elsewhere.code, 'bad-request');
    assert.match(elsewhere.userMessage, /I could not follow starting ci-ada any further/);
    const other = await refusal(instances().resume('start', 'ci-ada', saved('ci-bob', 'start', `${ENDPOINT}/op?api-version=2024-04-01`)).done);
    assert.equal(other.code, 'bad-request');
    const action = await refusal(instances().resume('deallocate', 'ci-ada', saved('ci-ada', 'start', `${ENDPOINT}/op?api-version=2024-04-01`)).done);
    assert.match(action.userMessage, /I could not follow stopping ci-ada/);
  });
});
