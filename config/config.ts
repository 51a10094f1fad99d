import { EnvReader, type Env, type ConfigProblem } from './envReader.js';
import { readSlack, type SlackConfig } from './slack.js';
import { readTranslator, type TranslatorConfig } from './translator.js';
import { readCompute, readVmOperators, type ComputeConfig } from './compute.js';
import { readImageClassifier, type ImageClassifierConfig } from './imageClassifier.js';
import { readTimeouts, type TimeoutConfig } from './timeouts.js';
import { readCostGuard, type CostGuardConfig } from './costs.js';
import { readStateStorage, type StateStorageConfig } from './stateStorage.js';
import { readLabelling, type LabellingConfig } from './labelling.js';
import { readTelemetry, type TelemetryConfig } from './telemetry.js';
import { readMachineLearning, type MachineLearningConfig } from './machineLearning.js';
import { isLoopbackHost, readTryout, type TryoutConfig } from './tryout.js';

type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BotIdentityConfig {
  appType: AppType;
  /** Empty: no authentication (Emulator, local use). */
  appId: string;
  appPassword: string;
  tenantId: string;
}

export interface TextAnalyticsConfig {
  endpoint: string;
  key: string;
}

export interface Config {
  host: string;
  port: number;
  bot: BotIdentityConfig;
  /** Absent: the local text analyzer. */
  textAnalytics?: TextAnalyticsConfig;
  /** The direct Slack app (when configured) and Slack's file hosts. */
  slack: SlackConfig;
  /** Azure Translator when TRANSLATOR_KEY is set, else Apertium. */
  translator: TranslatorConfig;
  /** Absent: `vm ...` commands explain how to configure training VMs. */
  compute?: ComputeConfig;
  /** VM_OPERATORS: who may start and stop training VMs (empty: nobody). */
  vmOperators: string[];
  /** Auto-shutdown notices, idle reminders and prices for the training VMs. */
  costGuard: CostGuardConfig;
  /** Custom Vision, an exported ONNX model, or neither; and the attachment download rules. */
  imageClassifier: ImageClassifierConfig;
  timeouts: TimeoutConfig;
  /** Azure Blob Storage for state shared by every instance; absent: memory, one instance. */
  stateStorage?: StateStorageConfig;
  /** Labelling posted images: a Custom Vision training project, an offline dataset folder, or neither. */
  labelling: LabellingConfig;
  /** The try-out chat page at `/`. */
  tryout: TryoutConfig;
  /** Traces and metrics: Application Insights, an OTLP collector, or off (absent: off). */
  telemetry?: TelemetryConfig;
  /** The Azure Machine Learning workspace (AZUREML_WORKSPACE); absent: `jobs` explains how to set it up. */
  machineLearning?: MachineLearningConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      'labmate cannot start; fix these settings:\n' +
        problems.map((problem) => `  ${problem.variable}: expected ${problem.expected}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const APP_TYPES: readonly AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];

function readBotIdentity(env: EnvReader): BotIdentityConfig {
  const identity: BotIdentityConfig = {
    appType: env.oneOf('MicrosoftAppType', APP_TYPES, 'MultiTenant'),
    appId: env.string('MicrosoftAppId', ''),
    appPassword: env.string('MicrosoftAppPassword', ''),
    tenantId: env.string('MicrosoftAppTenantId', ''),
  };
  if (identity.appId === '') {
    if (identity.appPassword !== '') env.problem('MicrosoftAppId', 'to be set, because MicrosoftAppPassword is set');
    return identity;
  }
  if (identity.appType !== 'UserAssignedMSI' && identity.appPassword === '') {
    env.problem('MicrosoftAppPassword', `to be set for MicrosoftAppType ${identity.appType}`);
  }
  if (identity.appType !== 'MultiTenant' && identity.tenantId === '') {
    env.problem('MicrosoftAppTenantId', `to be set for MicrosoftAppType ${identity.appType}`);
  }
  return identity;
}

function readTextAnalytics(env: EnvReader): TextAnalyticsConfig | undefined {
  const endpoint = env.url('TEXT_ANALYTICS_ENDPOINT');
  const complete = env.together(['TEXT_ANALYTICS_ENDPOINT', 'TEXT_ANALYTICS_KEY'], 'Azure AI Language');
  const key = env.optional('TEXT_ANALYTICS_KEY');
  return complete && endpoint && key ? { endpoint, key } : undefined;
}

/**
 * Without MicrosoftAppId nothing authenticates /api/messages: on any address but this machine's, anyone who reaches
 * the port could claim to be an operator. So operators there need an app identity.
 */
function refuseOpenOperators(env: EnvReader, config: Omit<Config, 'tryout'>): void {
  if (config.vmOperators.length === 0 || config.bot.appId !== '' || isLoopbackHost(config.host)) return;
  env.problem('MicrosoftAppId', `to be set when VM_OPERATORS is set and HOST is not this machine (${config.host}): without it, anyone who reaches the port could claim an operator's id. Set MicrosoftAppId, or HOST=127.0.0.1`);
}

/** Builds the whole configuration from an environment map; throws one ConfigError naming every bad variable. */
export function loadConfig(environment: Env): Config {
  const env = new EnvReader(environment);
  const config: Omit<Config, 'tryout'> = {
    host: env.string('HOST', '127.0.0.1'),
    port: env.port('PORT', 3978),
    bot: readBotIdentity(env),
    textAnalytics: readTextAnalytics(env),
    slack: readSlack(env),
    translator: readTranslator(env),
    compute: readCompute(env),
    vmOperators: readVmOperators(env),
    costGuard: readCostGuard(env),
    imageClassifier: readImageClassifier(env),
    timeouts: readTimeouts(env),
    stateStorage: readStateStorage(env),
    labelling: readLabelling(env),
    telemetry: readTelemetry(env),
    machineLearning: readMachineLearning(env),
  };
  refuseOpenOperators(env, config);
  const tryout = readTryout(env, config);
  if (env.problems.length > 0) throw new ConfigError(env.problems);
  return { ...config, tryout };
}
