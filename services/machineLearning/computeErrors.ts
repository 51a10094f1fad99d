import { httpStatusOf } from '../azureRestErrors.js';
import { isDeadlineExceeded } from '../deadline.js';
import { ServiceError } from '../errors.js';

/** The actions of the template's labmate role that the compute instance commands need. */
export const COMPUTE_ROLE_ACTIONS =
  'Microsoft.MachineLearningServices/workspaces/computes/read, .../computes/start/action, .../computes/stop/action and .../computes/updateIdleShutdownSetting/action';

const ROLE_HINT = `Give the bot's identity the template's labmate role on the Azure ML workspace (${COMPUTE_ROLE_ACTIONS}).`;

/**
 * An ARM error met while `doing` something (`starting the compute instance ci-01 in`) to the workspace, in words for
 * the chat; what an administrator should check goes to the log as `adminHint`.
 */
export function computeError(error: unknown, workspace: string, doing: string, instance?: string): ServiceError {
  if (error instanceof ServiceError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'CredentialUnavailableError' || name === 'AuthenticationError' || name === 'AggregateAuthenticationError') {
    return new ServiceError('auth', "I could not sign in to Azure to manage the Azure ML compute instances. Please tell the bot's administrator.", {
      cause: error,
      adminHint: 'DefaultAzureCredential found no credential: give the bot a managed identity, or set AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_TENANT_ID.',
    });
  }
  if (isDeadlineExceeded(error)) {
    return new ServiceError('unavailable', `Azure did not answer in time while ${doing} the workspace ${workspace}. Please try again in a few minutes.`, { cause: error });
  }
  const status = httpStatusOf(error);
  if (status === undefined) {
    return new ServiceError('unavailable', `I could not reach Azure while ${doing} the workspace ${workspace}. Please try again in a few minutes.`, { cause: error });
  }
  switch (status) {
    case 401:
    case 403:
      return new ServiceError('auth', `Azure did not allow the bot to go on ${doing} the workspace ${workspace}. Please tell the bot's administrator.`, { cause: error, adminHint: ROLE_HINT });
    case 404:
      return instance
        ? new ServiceError('not-found', `The workspace ${workspace} has no compute instance ${instance}. Please tell the bot's administrator.`, {
            cause: error,
            adminHint: `AZUREML_COMPUTE_INSTANCES names ${instance}: check it against the workspace's computes, and AZUREML_WORKSPACE (resourceGroup/workspaceName).`,
          })
        : new ServiceError('not-found', `Azure did not find the workspace ${workspace}. Please tell the bot's administrator.`, { cause: error, adminHint: 'Check AZUREML_WORKSPACE (resourceGroup/workspaceName) and AZURE_SUBSCRIPTION_ID.' });
    case 409:
      return new ServiceError(
        'conflict',
        `Azure is still busy with another operation on ${instance ?? 'that compute instance'} (started elsewhere, or not finished yet). Try again in a minute or two; \`vm status${instance ? ` ${instance}` : ''}\` shows where it is.`,
        { cause: error },
      );
    case 429:
      return new ServiceError('rate-limited', `Azure is throttling requests to the workspace ${workspace}; try again in a minute.`, { cause: error });
    default:
      return new ServiceError('unavailable', `Azure did not answer properly while ${doing} the workspace ${workspace}. Please try again in a few minutes.`, { cause: error });
  }
}
