import { httpStatusOf } from '../azureRestErrors.js';
import { isDeadlineExceeded } from '../deadline.js';
import { ServiceError } from '../errors.js';

/** What differs between the Azure ML commands' errors: what they do, the role they need, and their own 404 and 409. */
export interface WorkspaceErrorWords {
  /** What the bot could not sign in for: "read the Azure ML jobs". */
  signInFor: string;
  /** The admin hint when Azure refuses (401, 403): the role's actions. */
  roleHint: string;
  /** A 404 about the named job or instance (undefined: the workspace itself was not found). */
  notFound?: (cause: unknown) => ServiceError;
  /** A 409: Azure busy with, or past, what was asked. */
  conflict: (cause: unknown) => ServiceError;
}

/**
 * An ARM error met while `doing` something (`listing the jobs of`) to the Azure ML workspace, in words for the chat;
 * what an administrator should check goes to the log as `adminHint`.
 */
export function workspaceError(error: unknown, workspace: string, doing: string, words: WorkspaceErrorWords): ServiceError {
  if (error instanceof ServiceError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'CredentialUnavailableError' || name === 'AuthenticationError' || name === 'AggregateAuthenticationError') {
    return new ServiceError('auth', `I could not sign in to Azure to ${words.signInFor}. Please tell the bot's administrator.`, {
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
      return new ServiceError('auth', `Azure did not allow the bot to go on ${doing} the workspace ${workspace}. Please tell the bot's administrator.`, { cause: error, adminHint: words.roleHint });
    case 404:
      return (
        words.notFound?.(error) ??
        new ServiceError('not-found', `Azure did not find the workspace ${workspace}. Please tell the bot's administrator.`, { cause: error, adminHint: 'Check AZUREML_WORKSPACE (resourceGroup/workspaceName) and AZURE_SUBSCRIPTION_ID.' })
      );
    case 409:
      return words.conflict(error);
    case 429:
      return new ServiceError('rate-limited', `Azure is throttling requests to the workspace ${workspace}; try again in a minute.`, { cause: error });
    default:
      return new ServiceError('unavailable', `Azure did not answer properly while ${doing} the workspace ${workspace}. Please try again in a few minutes.`, { cause: error });
  }
}
