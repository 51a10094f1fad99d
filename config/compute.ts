import { GUID, type EnvReader } from './envReader.js';

/** A VM the bot may manage, as listed in TRAINING_VMS. */
export interface TrainingVmRef {
  resourceGroup: string;
  name: string;
}

export interface ComputeConfig {
  subscriptionId: string;
  /** The only VMs that exist for the bot; anything else is refused before any Azure call. */
  vms: TrainingVmRef[];
  /** ARM endpoint, also the token audience (`<endpoint>/.default`). */
  resourceManagerEndpoint: string;
}

export const PUBLIC_RESOURCE_MANAGER_ENDPOINT = 'https://management.azure.com';

// Azure naming rules: resource groups 1-90 of letters, digits, _ ( ) - . (not ending in .); VMs 1-64 of letters, digits, _ - .
const RESOURCE_GROUP = /^[\p{L}\p{N}_().-]{1,90}$/u;
const VM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** AZURE_SUBSCRIPTION_ID + TRAINING_VMS (both or neither) and AZURE_RESOURCE_MANAGER_ENDPOINT. */
export function readCompute(env: EnvReader): ComputeConfig | undefined {
  const endpoint = readEndpoint(env);
  // With AZUREML_WORKSPACE, the subscription may hold the Azure ML workspace alone, without training VMs.
  const workspaceOnly = env.optional('AZUREML_WORKSPACE') !== undefined && env.optional('TRAINING_VMS') === undefined;
  const complete = !workspaceOnly && env.together(['AZURE_SUBSCRIPTION_ID', 'TRAINING_VMS'], 'training VMs');
  const subscriptionId = env.optional('AZURE_SUBSCRIPTION_ID');
  if (subscriptionId !== undefined && !GUID.test(subscriptionId)) {
    env.problem('AZURE_SUBSCRIPTION_ID', `a subscription id (a GUID), got "${subscriptionId}"`);
  }
  const vms = readTrainingVms(env);
  if (!complete || !subscriptionId || vms.length === 0) return undefined;
  return { subscriptionId, vms, resourceManagerEndpoint: endpoint };
}

/**
 * labmate's own channel names (channels/*: `Channel.name`) that people write by mistake for the Bot Framework
 * `channelId` VM_OPERATORS uses, mapped to the one they mean.
 */
const CHANNEL_NAMES_TO_IDS: Record<string, string> = { teams: 'msteams', 'slack-app': 'slack', 'slack-botservice': 'slack' };

/**
 * VM_OPERATORS: `channel/userId` entries (msteams/<Entra object id>, slack/U0123); empty means nobody may run
 * operator commands. An id without its channel would match whoever names themselves so on any channel.
 */
export function readVmOperators(env: EnvReader): string[] {
  const operators: string[] = [];
  for (const entry of env.list('VM_OPERATORS')) {
    const slash = entry.indexOf('/');
    if (slash <= 0 || slash === entry.length - 1 || !/^[a-z][a-z0-9-]*$/i.test(entry.slice(0, slash))) {
      env.problem('VM_OPERATORS', `channel/userId entries, such as msteams/<Entra object id> or slack/U0123 (an id alone would match any channel), got "${entry}"`);
      continue;
    }
    const meant = CHANNEL_NAMES_TO_IDS[entry.slice(0, slash).toLowerCase()];
    if (meant) {
      env.problem('VM_OPERATORS', `the Bot Framework channel id before the slash (the activity's channelId): "${meant}${entry.slice(slash)}", not "${entry}"`);
      continue;
    }
    operators.push(entry);
  }
  return operators;
}

function readEndpoint(env: EnvReader): string {
  const endpoint = env.url('AZURE_RESOURCE_MANAGER_ENDPOINT');
  if (endpoint === undefined) return PUBLIC_RESOURCE_MANAGER_ENDPOINT;
  // The SDK's bearer-token policy refuses to send a token over plain http.
  if (!endpoint.startsWith('https://')) {
    env.problem('AZURE_RESOURCE_MANAGER_ENDPOINT', `an https:// URL (tokens are never sent over http), got "${endpoint}"`);
    return PUBLIC_RESOURCE_MANAGER_ENDPOINT;
  }
  return endpoint;
}

function readTrainingVms(env: EnvReader): TrainingVmRef[] {
  const vms: TrainingVmRef[] = [];
  for (const entry of env.list('TRAINING_VMS')) {
    const [resourceGroup, name, ...rest] = entry.split('/');
    if (rest.length > 0 || !resourceGroup || !name || !RESOURCE_GROUP.test(resourceGroup) || resourceGroup.endsWith('.') || !VM_NAME.test(name)) {
      env.problem('TRAINING_VMS', `comma-separated resourceGroup/vmName entries, got "${entry}"`);
      continue;
    }
    if (vms.some((vm) => vm.name.toLowerCase() === name.toLowerCase())) {
      env.problem('TRAINING_VMS', `each VM name once (people refer to VMs by name), got "${name}" twice`);
      continue;
    }
    vms.push({ resourceGroup, name });
  }
  return vms;
}
