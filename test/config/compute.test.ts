import { strict as assert } from 'node:assert';
import { ConfigError, loadConfig } from '../../config/index.js';

const SUBSCRIPTION = '00000000-1111-4222-8333-444444444444';

describe('training VM settings', () => {
  it('reads TRAINING_VMS, the subscription and the ARM endpoint (public cloud by default)', () => {
    const config = loadConfig({ AZURE_SUBSCRIPTION_ID: SUBSCRIPTION, TRAINING_VMS: 'ml-rg/gpu-01, ml-rg/gpu-02', VM_OPERATORS: 'msteams/abc, slack/U0123' });
    assert.deepEqual(config.compute, {
      subscriptionId: SUBSCRIPTION,
      vms: [
        { resourceGroup: 'ml-rg', name: 'gpu-01' },
        { resourceGroup: 'ml-rg', name: 'gpu-02' },
      ],
      resourceManagerEndpoint: 'https://management.azure.com',
    });
    assert.deepEqual(config.vmOperators, ['msteams/abc', 'slack/U0123']);
  });

  it('leaves compute unconfigured with neither variable, and nobody an operator', () => {
    const config = loadConfig({});
    assert.equal(config.compute, undefined);
    assert.deepEqual(config.vmOperators, []);
  });

  it('names every bad variable at once', () => {
    assert.throws(
      () => loadConfig({ AZURE_SUBSCRIPTION_ID: 'not-a-guid', TRAINING_VMS: 'gpu-01,rg/a/b,rg/gpu-02,other/GPU-02', AZURE_RESOURCE_MANAGER_ENDPOINT: 'http://arm.local' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.message;
        assert.match(text, /AZURE_RESOURCE_MANAGER_ENDPOINT: expected an https:\/\/ URL/);
        assert.match(text, /AZURE_SUBSCRIPTION_ID: expected a subscription id/);
        assert.match(text, /TRAINING_VMS: expected comma-separated resourceGroup\/vmName entries, got "gpu-01"/);
        assert.match(text, /got "rg\/a\/b"/);
        assert.match(text, /each VM name once .* got "GPU-02" twice/);
        return true;
      },
    );
    assert.throws(() => loadConfig({ TRAINING_VMS: 'rg/gpu-01' }), /AZURE_SUBSCRIPTION_ID: expected to be set too/);
  });

  it('refuses an operator without a channel, saying how to write one', () => {
    assert.throws(() => loadConfig({ VM_OPERATORS: 'slack/U0123, U0ADA' }), /VM_OPERATORS: expected channel\/userId entries, such as msteams\/<Entra object id> or slack\/U0123 .* got "U0ADA"/);
    assert.throws(() => loadConfig({ VM_OPERATORS: 'slack/' }), /got "slack\/"/);
  });

  it("refuses labmate's own channel names in VM_OPERATORS, naming the Bot Framework channel id meant", () => {
    assert.throws(() => loadConfig({ VM_OPERATORS: 'teams/abc' }), /VM_OPERATORS: expected the Bot Framework channel id before the slash .*: "msteams\/abc", not "teams\/abc"/);
    assert.throws(() => loadConfig({ VM_OPERATORS: 'slack-app/U0123' }), /"slack\/U0123", not "slack-app\/U0123"/);
    assert.doesNotThrow(() => loadConfig({ VM_OPERATORS: 'msteams/abc, slack/U0123, tryout/page-1, emulator/user-1' }));
  });

  it('refuses operators on an address other than this machine without authentication', () => {
    assert.throws(() => loadConfig({ HOST: '0.0.0.0', VM_OPERATORS: 'slack/U0123' }), /MicrosoftAppId: expected to be set when VM_OPERATORS is set and HOST is not this machine/);
    assert.doesNotThrow(() => loadConfig({ HOST: '127.0.0.1', VM_OPERATORS: 'slack/U0123' }));
    assert.doesNotThrow(() => loadConfig({ HOST: '0.0.0.0', VM_OPERATORS: 'slack/U0123', MicrosoftAppId: '5f4c0a39-0000-4000-8000-000000000001', MicrosoftAppPassword: 'x' }));
    assert.doesNotThrow(() => loadConfig({ HOST: '0.0.0.0' }), 'without operators, an open listener runs no operator command');
  });
});
