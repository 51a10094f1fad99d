import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { tinyModel } from '../support/imageFixtures.js';
import { importing, modulesLoadedBy, packagesOf } from '../support/loadedModules.js';

const INDEX = join(import.meta.dirname, '..', '..', 'index.ts');
/** The translation warm-up loads cld3 and starts Apertium once /readyz answers: after what this test counts, but close enough to race it. */
const LOCAL = { HOST: '127.0.0.1', PORT: '0', APERTIUM_WARM_LANGUAGES: 'none' };
/** Beyond botbuilder and restify, a bot on local backends needs only these packages to start. */
const LEAN_START = ['dotenv'];
/** Loaded only when their backend is configured: the packages issue 12 made lazy and those added since. */
const CONFIGURED_ONLY = [
  '@azure/storage-blob',
  'botbuilder-azure-blobs',
  '@azure/identity',
  '@azure/arm-compute',
  '@azure/arm-devtestlabs',
  '@azure/arm-monitor',
  '@azure/arm-machinelearning',
  '@azure/cognitiveservices-customvision-training',
  'onnxruntime-node',
  'sharp',
];

/**
 * What a start costs is mostly the modules it loads (compiling them is most of the time to /readyz). A package is
 * counted when the bot loads a file of it that a bare node importing botbuilder and restify does not load: botbuilder
 * itself loads @azure/identity's CommonJS build, so an `import` of @azure/identity (its ES build) still counts.
 */
describe('start-up: the packages the bot loads before /readyz', function () {
  this.timeout(90_000);
  let baseline: Set<string>;
  const beyondBaseline = (files: string[]) => packagesOf(files.filter((file) => !baseline.has(file)));

  before(async () => {
    baseline = new Set(await modulesLoadedBy(importing(['botbuilder', 'restify'])));
    assert.ok(packagesOf(baseline).has('botframework-connector'), 'the recorder sees CommonJS that botbuilder requires');
  });

  it('with local backends and no image model: nothing but what botbuilder and restify load, and dotenv', async () => {
    const loaded = await modulesLoadedBy([INDEX], { env: LOCAL, untilReady: true });
    assert.ok(packagesOf(loaded).has('botbuilder') && packagesOf(loaded).has('restify'), 'the recorder saw the bot load');
    const extra = [...beyondBaseline(loaded)].filter(([name]) => !LEAN_START.includes(name));
    assert.deepEqual(extra, [], 'packages loaded at start that no configured backend needs (package, a file of it)');
  });

  it('with every backend of those packages configured: each is loaded (the recorder sees ES modules and native addons)', async () => {
    const loaded = await modulesLoadedBy([INDEX], {
      untilReady: true,
      env: {
        ...LOCAL,
        STATE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
        AZURE_SUBSCRIPTION_ID: '00000000-0000-0000-0000-000000000001',
        TRAINING_VMS: 'ml-rg/gpu-box',
        AZUREML_WORKSPACE: 'ml-rg/team-ws',
        AZUREML_COMPUTE_INSTANCES: 'ci-ada',
        CUSTOM_VISION_TRAINING_ENDPOINT: 'http://127.0.0.1:9',
        CUSTOM_VISION_TRAINING_KEY: 'training-key',
        CUSTOM_VISION_PROJECT_ID: '00000000-0000-0000-0000-000000000002',
        IMAGE_MODEL_DIR: tinyModel(),
      },
    });
    const extra = beyondBaseline(loaded);
    assert.deepEqual(
      CONFIGURED_ONLY.filter((name) => !extra.has(name)),
      [],
      'configured backends whose packages were not seen loading',
    );
  });

  it('telemetry: loaded only when APPLICATIONINSIGHTS_CONNECTION_STRING or OTEL_EXPORTER_OTLP_ENDPOINT names where to send it', async () => {
    const otlp = beyondBaseline(await modulesLoadedBy([INDEX], { untilReady: true, env: { ...LOCAL, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' } }));
    assert.ok(otlp.has('@opentelemetry/sdk-node') && otlp.has('@opentelemetry/exporter-trace-otlp-http'), 'the OTLP SDK loads when an endpoint is set');
    assert.ok(!otlp.has('@azure/monitor-opentelemetry'), 'not the Azure distro');
    const azure = beyondBaseline(
      await modulesLoadedBy([INDEX], { untilReady: true, env: { ...LOCAL, APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/' } }),
    );
    assert.ok(azure.has('@azure/monitor-opentelemetry'), 'the Azure Monitor distro loads with a connection string');
  });
});
