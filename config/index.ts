export { loadConfig, ConfigError, type Config, type BotIdentityConfig, type TextAnalyticsConfig } from './config.js';
export { readEnvironment } from './environment.js';
