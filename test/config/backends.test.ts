import { strict as assert } from 'node:assert';
import { describeBackends, loadConfig } from '../../config/index.js';

describe('describeBackends: what the start-up log says each capability runs on', () => {
  it('names the Azure services at their endpoints, never a key or a connection string secret', () => {
    const backends = describeBackends(
      loadConfig({
        TEXT_ANALYTICS_ENDPOINT: 'https://lang.example.com/',
        TEXT_ANALYTICS_KEY: 'language-secret',
        TRANSLATOR_KEY: 'translator-secret',
        TRANSLATOR_REGION: 'westeurope',
        STATE_STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=storage-secret;EndpointSuffix=core.windows.net',
        AZURE_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000001',
        TRAINING_VMS: 'ml-rg/gpu-01,ml-rg/gpu-02',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        SLACK_SIGNING_SECRET: 'slack-secret',
        SLACK_BOT_TOKEN: 'xoxb-secret',
      }),
    );
    assert.equal(backends.textAnalysis, 'Azure AI Language at https://lang.example.com');
    assert.equal(backends.translation, 'Azure Translator at https://api.cognitive.microsofttranslator.com (region westeurope)');
    assert.equal(backends.stateStore, 'Azure Blob Storage https://acct.blob.core.windows.net, container labmate-state (connection string)');
    assert.equal(backends.compute, 'Azure Resource Manager at https://management.azure.com, 2 training VMs');
    assert.equal(backends.telemetry, 'OpenTelemetry (OTLP) at http://127.0.0.1:4318/v1/traces');
    assert.equal(backends.slack, 'Slack app over HTTP (/api/slack/*)');
    assert.doesNotMatch(JSON.stringify(backends), /secret/);
  });

  it('names the local backends and what to set for the missing ones', () => {
    const backends = describeBackends(loadConfig({ APERTIUM_URL: 'http://127.0.0.1:2737', STATE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }));
    assert.match(backends.textAnalysis, /^local/);
    assert.equal(backends.translation, 'Apertium, the apertium-apy server at http://127.0.0.1:2737');
    assert.match(backends.imageClassification, /IMAGE_MODEL_DIR/);
    assert.match(backends.stateStore, /Azurite's development account, container labmate-state/);
    assert.equal(backends.telemetry, 'off');
  });
});
