import { afterFirstWord, firstWord } from '../Command.js';
import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { code, data, line, message, placeholder } from '../../cards/Card.js';
import { jobCancelAnsweredDocument, jobCancelConfirmDocument, jobDocument } from '../../cards/jobs.js';
import { askedBy, audit, type AuditEntry } from '../../logging/audit.js';
import { isServiceError } from '../../services/errors.js';
import { isTerminal, JOB_NAME } from '../../services/machineLearning/MachineLearningJobs.js';
import type { JobsFeature } from './JobsFeature.js';

export interface JobRequest {
  /** show, cancel, confirm (a pending cancel), keep (answers no to it). */
  subcommand: 'show' | 'cancel' | 'confirm' | 'keep';
  /** The job's name, or the confirmation code. */
  target: string;
  extra: string;
}

export function parseJobRequest(argument: string): JobRequest {
  const word = firstWord(argument).toLowerCase();
  if (word === 'cancel' || word === 'confirm' || word === 'keep') {
    const rest = afterFirstWord(argument);
    return { subcommand: word, target: firstWord(rest), extra: afterFirstWord(rest) };
  }
  return { subcommand: 'show', target: firstWord(argument), extra: afterFirstWord(argument) };
}

/** `job <name>`, `job cancel <name>` (operators, confirmed), and the answers to its question. */
export async function jobHandler(turn: Turn, request: JobRequest, { jobs: feature }: Capabilities): Promise<void> {
  if (request.subcommand === 'confirm') return confirm(turn, request.target, feature);
  if (request.subcommand === 'keep') return keep(turn, request.target, feature);
  if (!request.target) {
    await turn.reply(message(line('Which job? ', code('job'), ' ', placeholder('name'), '; ', code('jobs'), ' lists the recent ones.')));
    return;
  }
  if (request.extra || !JOB_NAME.test(request.target)) {
    await turn.reply(message(line('A job name has only letters, digits, - _ and . in it (no spaces); ', code('jobs'), ' lists the recent ones.')));
    return;
  }
  const job = await feature.jobs.get(request.target);
  if (request.subcommand === 'show') {
    await turn.reply(jobDocument(job, feature.now()));
    return;
  }
  if (isTerminal(job.status) || job.status === 'CancelRequested') {
    auditJob(turn, feature, 'request', job.name, 'already-done', { reason: job.status });
    await turn.reply(message(line('Job ', data(job.name), ' is ', data(job.status), ': there is nothing to cancel.')));
    return;
  }
  const pending = await feature.cancellations.create({ job: job.name, requesterKey: turn.caller.key, requesterName: turn.caller.name, conversationId: turn.conversation.conversationId });
  auditJob(turn, feature, 'request', job.name, 'awaiting-confirmation');
  await turn.reply(jobCancelConfirmDocument({ job: job.name, requestId: pending.requestId, minutes: Math.round(feature.cancellations.ttlMs / 60_000), requesterName: pending.requesterName }));
}

async function confirm(turn: Turn, requestId: string, feature: JobsFeature): Promise<void> {
  const result = await feature.cancellations.take(requestId, turn.caller.key);
  if (!result.ok) {
    auditJob(turn, feature, 'confirmation', result.pending?.job, 'refused', { reason: result.reason });
    if (result.reason === 'not-requester') {
      await turn.reply(message(line('Only ', data(result.pending?.requesterName ?? 'the person who asked'), ' can confirm cancelling ', data(result.pending?.job ?? ''), '.')));
      return;
    }
    const why = result.reason === 'expired' ? 'That confirmation has expired.' : 'I have no pending cancellation with that code: it was already confirmed or answered.';
    await turn.replaceAnswered(message(line(why, ' Ask again with ', code('job cancel'), ' ', placeholder('name'), '.')));
    return;
  }
  const { job } = result.pending;
  auditJob(turn, feature, 'confirmation', job, 'confirmed');
  await turn.replaceAnswered(jobCancelAnsweredDocument(job, line('Confirmed by ', data(turn.caller.name), '. Cancelling…')), 'skip');
  const startedAt = Date.now();
  try {
    await feature.jobs.cancel(job);
  } catch (error) {
    auditJob(turn, feature, 'outcome', job, 'failed', { durationMs: Date.now() - startedAt, reason: isServiceError(error) ? error.code : 'error' });
    throw error;
  }
  auditJob(turn, feature, 'outcome', job, 'succeeded', { durationMs: Date.now() - startedAt });
  await turn.reply(message(line('Job ', data(job), ' is canceled.')));
}

async function keep(turn: Turn, requestId: string, feature: JobsFeature): Promise<void> {
  const result = await feature.cancellations.take(requestId, turn.caller.key);
  if (!result.ok) {
    await turn.reply(message(line('There is nothing of yours to answer with that code.')));
    return;
  }
  auditJob(turn, feature, 'confirmation', result.pending.job, 'cancelled');
  await turn.replaceAnswered(jobCancelAnsweredDocument(result.pending.job, line('OK, ', data(result.pending.job), ' keeps running.')));
}

function auditJob(turn: Turn, feature: JobsFeature, event: AuditEntry['event'], job: string | undefined, result: string, extra: Partial<AuditEntry> = {}): void {
  audit(feature.logger, { ...askedBy(turn.caller, turn.conversation.conversationId), event, action: 'job cancel', subject: job, result, ...extra });
}
