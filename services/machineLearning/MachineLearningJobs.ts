/** The workspace's jobs, in labmate's words: no SDK type leaves services/machineLearning/. */

/** `properties.status` of an Azure ML job, as the Resource Manager API spells it. */
export type JobStatus =
  | 'NotStarted'
  | 'Queued'
  | 'Preparing'
  | 'Provisioning'
  | 'Starting'
  | 'Running'
  | 'Finalizing'
  | 'CancelRequested'
  | 'Completed'
  | 'Failed'
  | 'Canceled'
  | 'NotResponding'
  | 'Paused'
  | 'Unknown';

/** The statuses a job does not leave: its end. */
export const TERMINAL_STATUSES: readonly JobStatus[] = ['Completed', 'Failed', 'Canceled'];

export function isTerminal(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

export interface JobSummary {
  /** The job's name (its id in the workspace; the runId of its events). */
  name: string;
  displayName?: string;
  experiment?: string;
  status: JobStatus;
  /** The compute target's name (the last part of its resource id). */
  compute?: string;
  /** When it was submitted (systemData.createdAt), epoch ms. */
  submittedAt?: number;
  /** When it was last changed (systemData.lastModifiedAt): for an ended job, about when it ended. */
  lastChangedAt?: number;
  /** The studio page Azure gives (`services.Studio.endpoint`). */
  studioUrl?: string;
  /** What Azure says went wrong, for a failed job, when it says it. */
  error?: string;
}

/** Experiment names as Azure ML allows them: letters, digits, - _ . (1-255, starting with a letter or digit). */
export const EXPERIMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;
/** Job names: the same characters (Azure generates names like `polite_kiwi_abc123`). */
export const JOB_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;

export interface MachineLearningJobs {
  readonly configured: boolean;
  readonly backendName: string;
  /** The workspace's resource id (what Event Grid's topic/source carries); empty when not configured. */
  readonly workspaceId: string;
  /** The most recent jobs (of one experiment, when named), newest first. */
  list(options: { experiment?: string; top: number }): Promise<JobSummary[]>;
  get(name: string): Promise<JobSummary>;
  /** Asks Azure to cancel the job and follows the long-running operation to its end. */
  cancel(name: string): Promise<void>;
}
