import { ServiceError } from '../errors.js';
import { workspaceError } from './workspaceErrors.js';

/** The actions of the template's labmate role that the compute instance commands need. */
export const COMPUTE_ROLE_ACTIONS =
  'Microsoft.MachineLearningServices/workspaces/computes/read, .../computes/start/action, .../computes/stop/action and .../computes/updateIdleShutdownSetting/action';

const ROLE_HINT = `Give the bot's identity the template's labmate role on the Azure ML workspace (${COMPUTE_ROLE_ACTIONS}).`;

/**
 * An ARM error met while `doing` something (`starting the compute instance ci-01 in`) to the workspace, in words for
 * the chat; what an administrator should check goes to the log as `adminHint`.
 */
export function computeError(error: unknown, workspace: string, doing: string, instance?: string): ServiceError {
  return workspaceError(error, workspace, doing, {
    signInFor: 'manage the Azure ML compute instances',
    roleHint: ROLE_HINT,
    notFound: instance
      ? (cause) =>
          new ServiceError('not-found', `The workspace ${workspace} has no compute instance ${instance}. Please tell the bot's administrator.`, {
            cause,
            adminHint: `AZUREML_COMPUTE_INSTANCES names ${instance}: check it against the workspace's computes, and AZUREML_WORKSPACE (resourceGroup/workspaceName).`,
          })
      : undefined,
    conflict: (cause) =>
      new ServiceError(
        'conflict',
        `Azure is still busy with another operation on ${instance ?? 'that compute instance'} (started elsewhere, or not finished yet). Try again in a minute or two; \`vm status${instance ? ` ${instance}` : ''}\` shows where it is.`,
        { cause },
      ),
  });
}
