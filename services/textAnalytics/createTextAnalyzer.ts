import type { TextAnalyticsConfig } from '../../config/index.js';
import { isLoopbackHttp } from '../localEndpoints.js';
import { AzureTextAnalyzer } from './AzureTextAnalyzer.js';
import { WorkerTextAnalyzer } from './WorkerTextAnalyzer.js';
import type { TextAnalyzer } from './TextAnalyzer.js';

/** Azure AI Language when an endpoint and key are configured, the offline analyzer (on a worker thread) otherwise. */
export async function createTextAnalyzer(config: TextAnalyticsConfig | undefined, timeoutMs: number): Promise<TextAnalyzer> {
  if (!config) return WorkerTextAnalyzer.create();
  return new AzureTextAnalyzer({
    endpoint: config.endpoint,
    key: config.key,
    timeoutMs,
    clientOptions: { allowInsecureConnection: isLoopbackHttp(config.endpoint) },
  });
}
