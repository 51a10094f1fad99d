import { strict as assert } from 'node:assert';
import { createComputeManager } from '../../../services/compute/createComputeManager.js';
import type { ComputeManager } from '../../../services/compute/ComputeManager.js';
import { ServiceError } from '../../../services/errors.js';
import { FakeArm, TEST_SUBSCRIPTION_ID } from '../../support/fakeArm.js';

describe('AzureComputeManager against a local HTTPS Resource Manager (managed identity token)', () => {
  let arm: FakeArm;
  let compute: ComputeManager;

  before(async () => {
    arm = new FakeArm([
      { resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' },
      { resourceGroup: 'ml-rg', name: 'gpu-02', power: 'stopped', size: 'Standard_ND40rs_v2', location: 'eastus' },
    ]);
    await arm.start();
    compute = await createComputeManager(
      {
        subscriptionId: TEST_SUBSCRIPTION_ID,
        vms: [
          { resourceGroup: 'ml-rg', name: 'gpu-01' },
          { resourceGroup: 'ml-rg', name: 'gpu-02' },
        ],
        resourceManagerEndpoint: arm.endpoint,
      },
      { requestMs: 10_000, operationMs: 60_000 },
      { pollIntervalMs: 10 },
    );
  });
  after(async () => {
    await arm.stop();
  });
  beforeEach(() => {
    arm.reset();
    arm.behaviour = { inProgressPolls: 2, outcome: 'Succeeded', retryAfter: '0', conflict: false };
  });

  it('reads power state from the instance view, and size and location from the VM, with a token for the configured endpoint', async () => {
    const [one, two] = await Promise.all(compute.vmNames.map((name) => compute.get(name)));
    assert.deepEqual(one, { name: 'gpu-01', resourceGroup: 'ml-rg', powerState: 'deallocated', size: 'Standard_NC6s_v3', location: 'westeurope', billed: false, osType: 'Linux', startedAt: undefined });
    assert.deepEqual(two, { name: 'gpu-02', resourceGroup: 'ml-rg', powerState: 'stopped-allocated', size: 'Standard_ND40rs_v2', location: 'eastus', billed: true, osType: 'Linux', startedAt: undefined });
    assert.ok(arm.requests.some((r) => r.path.startsWith(`/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/ml-rg/providers/Microsoft.Compute/virtualMachines/gpu-01/instanceView?api-version=`)));
    assert.equal(arm.tokenRequests.length, 1, 'the token came from the managed identity endpoint, for AZURE_RESOURCE_MANAGER_ENDPOINT as audience');
  });

  it('starts a VM: 202 accepted, then polls Azure-AsyncOperation through InProgress to Succeeded', async () => {
    arm.vms.get('ml-rg/gpu-01')!.power = 'deallocated';
    const operation = await compute.begin('start', 'gpu-01');
    assert.equal(arm.actionCalls('start', 'gpu-01').length, 1);
    await operation.done;
    const polls = arm.requests.filter((r) => r.method === 'GET' && /\/operations\/[^/?]+\?api-version=[^&]+$/.test(r.path));
    assert.equal(polls.length, 3, 'two InProgress answers, then Succeeded');
    assert.equal((await compute.get('gpu-01')).powerState, 'running');
  });

  it('turns an operation that ends Failed into a clear message with Azure\'s code', async () => {
    arm.vms.get('ml-rg/gpu-01')!.power = 'deallocated';
    arm.behaviour = { ...arm.behaviour, outcome: 'Failed' };
    const operation = await compute.begin('start', 'gpu-01');
    await assert.rejects(operation.done, (error: unknown) => {
      assert.ok(error instanceof ServiceError);
      assert.equal(error.code, 'operation-failed');
      assert.match(error.userMessage, /starting gpu-01 failed \(AllocationFailed\)/);
      return true;
    });
  });

  it('turns 409 OperationNotAllowed into "another operation is in progress"', async () => {
    arm.behaviour = { ...arm.behaviour, conflict: true };
    await assert.rejects(compute.begin('deallocate', 'gpu-02'), (error: unknown) => {
      assert.ok(error instanceof ServiceError);
      assert.equal(error.code, 'conflict');
      assert.match(error.userMessage, /busy with another operation on gpu-02/);
      return true;
    });
  });

  it('refuses a VM that is not in TRAINING_VMS without calling Azure', async () => {
    await assert.rejects(compute.begin('start', 'prod-db'), /I only manage these VMs: gpu-01, gpu-02/);
    await assert.rejects(compute.get('prod-db'), /prod-db/);
    assert.equal(arm.requests.length, 0);
  });

  describe('resuming an operation from its saved state (another instance, or after a restart)', () => {
    const anotherInstance = () =>
      createComputeManager(
        { subscriptionId: TEST_SUBSCRIPTION_ID, vms: [{ resourceGroup: 'ml-rg', name: 'gpu-01' }], resourceManagerEndpoint: arm.endpoint },
        { requestMs: 10_000, operationMs: 60_000 },
        { pollIntervalMs: 10 },
      );

    it('follows the operation to its end without asking Azure to start the VM again', async () => {
      arm.vms.get('ml-rg/gpu-01')!.power = 'deallocated';
      arm.behaviour = { ...arm.behaviour, manual: true };
      const { resumeState } = await compute.begin('start', 'gpu-01');
      assert.equal(typeof resumeState, 'string');
      const resumed = (await anotherInstance()).resume('start', 'gpu-01', resumeState);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(arm.requests.some((r) => r.method === 'GET' && r.path.includes('/operations/')), 'it polls the saved operation');
      arm.completeAll();
      await resumed.done;
      assert.equal(arm.actionCalls('start', 'gpu-01').length, 1, 'one start, by the instance that began it');
      assert.equal((await compute.powerState('gpu-01')), 'running');
    });

    it('reports a failed end it resumed as Azure reports it', async () => {
      arm.vms.get('ml-rg/gpu-01')!.power = 'deallocated';
      arm.behaviour = { ...arm.behaviour, outcome: 'Failed', inProgressPolls: 3 };
      const { resumeState } = await compute.begin('start', 'gpu-01');
      await assert.rejects((await anotherInstance()).resume('start', 'gpu-01', resumeState).done, /starting gpu-01 failed \(AllocationFailed\)/);
    });

    it('refuses a saved state that would poll another host or another VM\'s operation, without sending the token anywhere', async () => {
      arm.vms.get('ml-rg/gpu-01')!.power = 'deallocated';
      const { resumeState } = await compute.begin('start', 'gpu-01');
      arm.reset();
      const elsewhere = resumeState.replaceAll(arm.endpoint, 'https://attacker.example');
      const otherVm = resumeState.replace('/virtualMachines/gpu-01/start', '/virtualMachines/gpu-02/start');
      for (const [state, vm, action] of [[elsewhere, 'gpu-01', 'start'], [otherVm, 'gpu-01', 'start'], [resumeState, 'gpu-01', 'deallocate'], ['{not json', 'gpu-01', 'start'], [resumeState, 'prod-db', 'start']] as const) {
        // Each refusal says why, for the log: an adminHint naming no more of the state than origins and paths.
        await assert.rejects(compute.resume(action, vm, state).done, (error: unknown) => error instanceof ServiceError && /cannot be resumed: /.test(error.adminHint ?? '') && !/\?|{not json/.test(error.adminHint ?? ''));
      }
      assert.equal(arm.requests.length, 0);
    });
  });
});
