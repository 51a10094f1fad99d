import { PUBLIC_RESOURCE_MANAGER_ENDPOINT } from './compute.js';
import type { EnvReader } from './envReader.js';

/** The Azure Machine Learning workspace labmate works with (AZUREML_WORKSPACE in AZURE_SUBSCRIPTION_ID). */
export interface MachineLearningConfig {
  subscriptionId: string;
  resourceGroup: string;
  workspace: string;
  /** AZUREML_COMPUTE_INSTANCES: the compute instances labmate may start and stop. */
  computeInstances: string[];
  /** AZUREML_EVENTS_SECRET: the secret in the Event Grid route's URL; absent: the route is closed. */
  eventsSecret?: string;
  /** AZUREML_POLL_SECONDS: how often the lease holder reads the followed experiments' jobs (default 60). */
  pollSeconds: number;
  /** AZURE_RESOURCE_MANAGER_ENDPOINT, as for the VMs (config/compute.ts reports a bad value). */
  resourceManagerEndpoint: string;
}

// Azure naming rules: resource groups 1-90 of letters, digits, _ ( ) - . ; workspaces 3-33 of letters, digits, - _.
const RESOURCE_GROUP = /^[\p{L}\p{N}_().-]{1,90}$/u;
const WORKSPACE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$/;
// Compute names: 3-24 letters, digits and hyphens, starting with a letter.
const COMPUTE = /^[A-Za-z][A-Za-z0-9-]{2,23}$/;

/** AZUREML_WORKSPACE (`resourceGroup/workspace`, needs AZURE_SUBSCRIPTION_ID), AZUREML_COMPUTE_INSTANCES, AZUREML_EVENTS_SECRET, AZUREML_POLL_SECONDS. */
export function readMachineLearning(env: EnvReader): MachineLearningConfig | undefined {
  const raw = env.optional('AZUREML_WORKSPACE');
  const pollSeconds = env.number('AZUREML_POLL_SECONDS', 60, 10, 24 * 3600);
  const eventsSecret = readEventsSecret(env);
  const computeInstances = readComputeInstances(env);
  if (raw === undefined) {
    if (computeInstances.length > 0) env.problem('AZUREML_WORKSPACE', 'to be set, because AZUREML_COMPUTE_INSTANCES is set (resourceGroup/workspaceName of their workspace)');
    return undefined;
  }
  const [resourceGroup, workspace, ...rest] = raw.split('/');
  if (rest.length > 0 || !resourceGroup || !workspace || !RESOURCE_GROUP.test(resourceGroup) || resourceGroup.endsWith('.') || !WORKSPACE.test(workspace)) {
    env.problem('AZUREML_WORKSPACE', `resourceGroup/workspaceName, got "${raw}"`);
    return undefined;
  }
  const subscriptionId = env.optional('AZURE_SUBSCRIPTION_ID');
  if (subscriptionId === undefined) {
    env.problem('AZURE_SUBSCRIPTION_ID', 'to be set, because AZUREML_WORKSPACE is set (the workspace is in that subscription)');
    return undefined;
  }
  const endpoint = env.optional('AZURE_RESOURCE_MANAGER_ENDPOINT')?.replace(/\/+$/, '');
  const resourceManagerEndpoint = endpoint?.startsWith('https://') ? endpoint : PUBLIC_RESOURCE_MANAGER_ENDPOINT;
  return { subscriptionId, resourceGroup, workspace, computeInstances, eventsSecret, pollSeconds, resourceManagerEndpoint };
}

function readEventsSecret(env: EnvReader): string | undefined {
  const secret = env.optional('AZUREML_EVENTS_SECRET');
  // It travels in a URL path: URL-safe characters only, and long enough not to be guessed.
  if (secret === undefined || /^[A-Za-z0-9_-]{24,128}$/.test(secret)) return secret;
  env.problem('AZUREML_EVENTS_SECRET', '24 to 128 letters, digits, - or _ (e.g. `openssl rand -hex 32`)');
  return undefined;
}

/** People name a machine in `vm start <name>`: a compute instance may not share its name with a training VM, nor be listed twice. */
function readComputeInstances(env: EnvReader): string[] {
  const names: string[] = [];
  const vmNames = new Set(env.list('TRAINING_VMS').map((entry) => entry.split('/')[1]?.toLowerCase()));
  for (const name of env.list('AZUREML_COMPUTE_INSTANCES')) {
    if (!COMPUTE.test(name)) env.problem('AZUREML_COMPUTE_INSTANCES', `comma-separated compute instance names, got "${name}"`);
    else if (names.some((known) => known.toLowerCase() === name.toLowerCase())) env.problem('AZUREML_COMPUTE_INSTANCES', `each name once, got "${name}" twice`);
    else if (vmNames.has(name.toLowerCase())) env.problem('AZUREML_COMPUTE_INSTANCES', `names that are not also in TRAINING_VMS (\`vm start ${name}\` would be ambiguous), got "${name}" in both`);
    else names.push(name);
  }
  return names;
}
