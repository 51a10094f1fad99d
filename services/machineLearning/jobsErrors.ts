import { httpStatusOf } from '../azureRestErrors.js';
import { isDeadlineExceeded } from '../deadline.js';
import { ServiceError } from '../errors.js';

const ROLE_HINT = "Give the bot's identity the template's labmate role on the Azure ML workspace (Microsoft.MachineLearningServices/workspaces/jobs/read and .../jobs/cancel/action).";

/** An ARM error met while `doing` something (`listing the jobs of`) to the workspace, in words for the chat; the admin hint goes to the log. */
export function jobsError(error: unknown, workspace: string, doing: string, job?: string): ServiceError {
  if (error instanceof ServiceError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'CredentialUnavailableError' || name === 'AuthenticationError' || name === 'AggregateAuthenticationError') {
    return new ServiceError('auth', "I could not sign in to Azure to read the Azure ML jobs. Please tell the bot's administrator.", {
      cause: error,
      adminHint: 'DefaultAzureCredential found no credential: give the bot a managed identity, or set AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and AZURE_TENANT_ID.',
    });
  }
  if (isDeadlineExceeded(error)) {
    return new ServiceError('unavailable', `The Azure ML workspace ${workspace} did not answer in time while ${doing} it. Please try again in a few minutes.`, { cause: error });
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
      return job
        ? new ServiceError('not-found', `The workspace ${workspace} has no job called ${job}. \`jobs\` lists the recent ones.`, { cause: error })
        : new ServiceError('not-found', `Azure did not find the workspace ${workspace}. Please tell the bot's administrator.`, { cause: error, adminHint: 'Check AZUREML_WORKSPACE (resourceGroup/workspaceName) and AZURE_SUBSCRIPTION_ID.' });
    case 409:
      return new ServiceError('conflict', `Azure refused ${doing} the workspace ${workspace} right now (the job may already be ending). Look again with \`job ${job ?? ''}\`.`, { cause: error });
    case 429:
      return new ServiceError('rate-limited', `Azure is throttling requests to the workspace ${workspace}; try again in a minute.`, { cause: error });
    default:
      return new ServiceError('unavailable', `Azure did not answer properly while ${doing} the workspace ${workspace}. Please try again in a few minutes.`, { cause: error });
  }
}
