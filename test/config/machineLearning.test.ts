import { strict as assert } from 'node:assert';
import { loadConfig } from '../../config/index.js';
import { badVariables, configErrorText } from './configProblems.js';

const SUBSCRIPTION = '00000000-1111-4222-8333-444444444444';
const WORKSPACE = { AZURE_SUBSCRIPTION_ID: SUBSCRIPTION, AZUREML_WORKSPACE: 'ml-rg/team-ws' };

describe('Azure ML compute instance settings', () => {
  it('reads AZUREML_COMPUTE_INSTANCES beside TRAINING_VMS, in the same subscription and Resource Manager endpoint', () => {
    const config = loadConfig({ ...WORKSPACE, TRAINING_VMS: 'ml-rg/gpu-01', AZUREML_COMPUTE_INSTANCES: 'ci-ada, ci-bob' });
    assert.deepEqual(config.machineLearning?.computeInstances, ['ci-ada', 'ci-bob']);
    assert.equal(config.machineLearning?.subscriptionId, SUBSCRIPTION);
    assert.equal(config.machineLearning?.resourceManagerEndpoint, config.compute?.resourceManagerEndpoint);
    assert.deepEqual(config.compute?.vms.map((vm) => vm.name), ['gpu-01']);
  });

  it('takes compute instances without any training VM', () => {
    const config = loadConfig({ ...WORKSPACE, AZUREML_COMPUTE_INSTANCES: 'ci-ada' });
    assert.equal(config.compute, undefined);
    assert.deepEqual(config.machineLearning?.computeInstances, ['ci-ada']);
  });

  it('refuses to start with an instance listed twice, or also in TRAINING_VMS, saying why', () => {
    assert.match(configErrorText({ ...WORKSPACE, AZUREML_COMPUTE_INSTANCES: 'ci-ada, CI-ADA' }), /AZUREML_COMPUTE_INSTANCES: expected each name once, got "CI-ADA" twice/);
    assert.match(
      configErrorText({ ...WORKSPACE, TRAINING_VMS: 'ml-rg/gpu-01', AZUREML_COMPUTE_INSTANCES: 'ci-ada, GPU-01' }),
      /AZUREML_COMPUTE_INSTANCES: expected names that are not also in TRAINING_VMS \(`vm start GPU-01` would be ambiguous\), got "GPU-01" in both/,
    );
  });

  it('refuses compute instances without their workspace, and a name Azure ML would not take', () => {
    assert.deepEqual(badVariables({ AZURE_SUBSCRIPTION_ID: SUBSCRIPTION, TRAINING_VMS: 'ml-rg/gpu-01', AZUREML_COMPUTE_INSTANCES: 'ci-ada' }), ['AZUREML_WORKSPACE']);
    assert.match(configErrorText({ ...WORKSPACE, AZUREML_COMPUTE_INSTANCES: 'ci_ada' }), /AZUREML_COMPUTE_INSTANCES: expected comma-separated compute instance names, got "ci_ada"/);
  });
});
