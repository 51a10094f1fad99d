export { loadConfig, ConfigError, type Config, type BotIdentityConfig, type TextAnalyticsConfig } from './config.js';
export { readEnvironment } from './environment.js';
export type { SlackConfig } from './slack.js';
export { EnvReader, type Env } from './envReader.js';
export type { TranslatorConfig, AzureTranslatorConfig, ApertiumConfig } from './translator.js';
export type { ComputeConfig, TrainingVmRef } from './compute.js';
export type { TryoutConfig } from './tryout.js';
