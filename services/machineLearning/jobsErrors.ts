import { ServiceError } from '../errors.js';
import { workspaceError } from './workspaceErrors.js';

const ROLE_HINT = "Give the bot's identity the template's labmate role on the Azure ML workspace (Microsoft.MachineLearningServices/workspaces/jobs/read and .../jobs/cancel/action).";

/** An ARM error met while `doing` something (`listing the jobs of`) to the workspace, in words for the chat; the admin hint goes to the log. */
export function jobsError(error: unknown, workspace: string, doing: string, job?: string): ServiceError {
  return workspaceError(error, workspace, doing, {
    signInFor: 'read the Azure ML jobs',
    roleHint: ROLE_HINT,
    notFound: job ? (cause) => new ServiceError('not-found', `The workspace ${workspace} has no job called ${job}. \`jobs\` lists the recent ones.`, { cause }) : undefined,
    conflict: (cause) =>
      new ServiceError('conflict', `Azure refused ${doing} the workspace ${workspace} right now (the job may already be ending). Look again with \`job ${job ?? ''}\`.`, { cause }),
  });
}
