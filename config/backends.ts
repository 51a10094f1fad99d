import type { Config } from './config.js';

/**
 * Which backend each capability uses, in words, for the start-up log: someone reading `npm start`'s first lines
 * knows what the bot will call (and what it will not) before the first message. Endpoints only: never a key, a
 * connection string's secrets or a URL's query.
 */
export function describeBackends(config: Config): Record<string, string> {
  const { textAnalytics, translator, imageClassifier, labelling, compute, machineLearning, stateStorage, telemetry, slack, bot } = config;
  return {
    textAnalysis: textAnalytics ? `Azure AI Language at ${origin(textAnalytics.endpoint)}` : 'local (wink-nlp, VADER, cld3; on a worker thread)',
    translation: translator.azure
      ? `Azure Translator at ${origin(translator.azure.endpoint)}${translator.azure.region ? ` (region ${translator.azure.region})` : ''}`
      : translator.apertium.url
        ? `Apertium, the apertium-apy server at ${origin(translator.apertium.url)}`
        : `Apertium, the installed pairs in ${translator.apertium.dataDir}`,
    imageClassification: imageClassifier.customVision
      ? `Custom Vision prediction at ${origin(imageClassifier.customVision.endpoint)}`
      : imageClassifier.modelDir
        ? `local ONNX model in ${imageClassifier.modelDir}`
        : 'none (set IMAGE_MODEL_DIR or CUSTOM_VISION_PREDICTION_*)',
    labelling: labelling.customVision
      ? `Custom Vision training at ${origin(labelling.customVision.endpoint)}`
      : labelling.dataDir
        ? `local dataset folder ${labelling.dataDir}`
        : 'none (set LABEL_DATA_DIR or CUSTOM_VISION_TRAINING_*)',
    compute: compute
      ? `Azure Resource Manager at ${origin(compute.resourceManagerEndpoint)}, ${compute.vms.length} training VM${compute.vms.length === 1 ? '' : 's'}`
      : 'none (set AZURE_SUBSCRIPTION_ID and TRAINING_VMS)',
    machineLearning: machineLearning ? `Azure ML workspace ${machineLearning.resourceGroup}/${machineLearning.workspace}` : 'none (set AZUREML_WORKSPACE)',
    stateStore: stateStorage ? describeStateStorage(stateStorage) : 'memory (one instance, forgotten at a restart)',
    telemetry:
      telemetry?.kind === 'azureMonitor'
        ? 'Application Insights'
        : telemetry?.kind === 'otlp'
          ? `OpenTelemetry (OTLP) at ${origin(telemetry.tracesUrl)}`
          : 'off',
    slack: slack.app
      ? [slack.app.signingSecret ? 'Slack app over HTTP (/api/slack/*)' : '', slack.app.appToken ? 'Socket Mode' : ''].filter(Boolean).join(' and ')
      : 'off (Bot Service Slack channel only, through /api/messages)',
    botFramework: bot.appId ? `app id ${bot.appId} (${bot.appType}), requests authenticated` : 'no app id: no authentication (Emulator, try-out page)',
  };
}

function describeStateStorage(config: NonNullable<Config['stateStorage']>): string {
  if (config.accountUrl !== undefined) return `Azure Blob Storage ${origin(config.accountUrl)}/${config.container} (managed identity)`;
  if (config.connectionString.startsWith('UseDevelopmentStorage=true')) return `Azure Blob Storage, Azurite's development account, container ${config.container} (connection string)`;
  const parts = new Map(config.connectionString.split(';').map((element) => [element.slice(0, element.indexOf('=')).trim(), element.slice(element.indexOf('=') + 1).trim()]));
  const endpoint = parts.get('BlobEndpoint') ?? `https://${parts.get('AccountName') ?? '?'}.blob.${parts.get('EndpointSuffix') ?? 'core.windows.net'}`;
  return `Azure Blob Storage ${origin(endpoint)}, container ${config.container} (connection string)`;
}

/** Scheme, host and path: a query can hold a signature. */
function origin(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin + parsed.pathname.replace(/\/+$/, '');
  } catch {
    return '(an invalid URL)';
  }
}
