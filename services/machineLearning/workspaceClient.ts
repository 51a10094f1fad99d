import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import type { TokenCredential } from '@azure/identity';
import type { MachineLearningConfig } from '../../config/index.js';
import { requestTimeoutPolicy } from '../deadline.js';

/** What every Azure ML backend (jobs, compute instances) is built from. */
export interface WorkspaceClientOptions {
  credential: TokenCredential;
  config: MachineLearningConfig;
  /** ARM endpoint; the token scope follows it (`<endpoint>/.default`). */
  endpoint: string;
  /** Poll interval when Azure sends no usable Retry-After. */
  pollIntervalMs?: number;
  /** One call (a read, a request, one status poll), retries included. */
  requestTimeoutMs: number;
  /** A long operation (a start, a stop, a cancellation), start to end, before it is reported as unknown. */
  operationTimeoutMs: number;
}

/** The Resource Manager client of the workspace's subscription, each try of a call under `requestTimeoutMs`. */
export function workspaceClient(options: WorkspaceClientOptions, apiVersion?: string): AzureMachineLearningWorkspaces {
  return new AzureMachineLearningWorkspaces(options.credential, options.config.subscriptionId, {
    // The request URLs are built from `$host`; `endpoint` sets the token scope (`<endpoint>/.default`).
    endpoint: options.endpoint,
    $host: options.endpoint,
    ...(apiVersion ? { apiVersion } : {}),
    additionalPolicies: [{ policy: requestTimeoutPolicy(options.requestTimeoutMs), position: 'perRetry' }],
  });
}
