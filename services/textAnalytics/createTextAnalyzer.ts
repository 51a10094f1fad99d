import type { TextAnalyticsConfig } from '../../config/index.js';
import { isLoopbackHttp } from '../localEndpoints.js';
import { WorkerTextAnalyzer } from './WorkerTextAnalyzer.js';
import type { TextAnalyzer } from './TextAnalyzer.js';

/**
 * Azure AI Language when an endpoint and key are configured (its SDK is loaded only then), the offline analyzer
 * otherwise (on a worker thread that starts with the first analysis).
 */
export async function createTextAnalyzer(config: TextAnalyticsConfig | undefined, timeoutMs: number): Promise<TextAnalyzer> {
  if (!config) return new WorkerTextAnalyzer();
  const { AzureTextAnalyzer } = await import('./AzureTextAnalyzer.js');
  return new AzureTextAnalyzer({
    endpoint: config.endpoint,
    key: config.key,
    timeoutMs,
    clientOptions: { allowInsecureConnection: isLoopbackHttp(config.endpoint) },
  });
}
