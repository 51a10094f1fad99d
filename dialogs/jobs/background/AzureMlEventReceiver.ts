import type { Logger } from '../../../logging/logger.js';
import { isTerminal, type JobStatus } from '../../../services/machineLearning/MachineLearningJobs.js';
import type { JobEndNotices } from '../../../state/JobEndNotices.js';
import type { JobEndNotifier } from './JobEndNotifier.js';

export const RUN_STATUS_CHANGED = 'Microsoft.MachineLearningServices.RunStatusChanged';
export const SUBSCRIPTION_VALIDATION = 'Microsoft.EventGrid.SubscriptionValidationEvent';
/** Event Grid delivers at most this many events in one batch by default; more is not Event Grid. */
const MAX_EVENTS = 5000;

export type EventsOutcome =
  | { kind: 'validation'; validationCode: string }
  | { kind: 'handled'; posted: number; ignored: number; replayed: number }
  | { kind: 'malformed'; reason: string };

interface RunEnd {
  id: string;
  workspace: string;
  runId: string;
  experimentName: string;
  runStatus: JobStatus;
}

/**
 * Takes what the workspace's Event Grid system topic sends, in the Event Grid schema (an array) or CloudEvents 1.0
 * (one event, or a batch array): the subscription handshake, and RunStatusChanged with a terminal status. Events of
 * another workspace, of other types, or with a status that is not an end are ignored; an event id is taken once.
 */
export class AzureMlEventReceiver {
  constructor(
    private readonly options: { workspaceId: string; notices: JobEndNotices; ends: JobEndNotifier; logger: Logger },
  ) {}

  async receive(body: unknown, validationHeader: boolean): Promise<EventsOutcome> {
    const events = Array.isArray(body) ? body : [body];
    if (events.length === 0 || events.length > MAX_EVENTS || !events.every(isObject)) return { kind: 'malformed', reason: 'expected an event or an array of events' };
    const first = events[0];
    if (validationHeader || first.eventType === SUBSCRIPTION_VALIDATION) {
      const code = isObject(first.data) ? first.data.validationCode : undefined;
      if (first.eventType !== SUBSCRIPTION_VALIDATION || typeof code !== 'string' || code.length === 0 || code.length > 512) return { kind: 'malformed', reason: 'not a subscription validation event' };
      this.options.logger.info('completed the Event Grid subscription handshake', { topic: typeof first.topic === 'string' ? first.topic : undefined });
      return { kind: 'validation', validationCode: code };
    }
    let posted = 0;
    let ignored = 0;
    let replayed = 0;
    for (const event of events) {
      const end = runEndOf(event);
      if (end === 'malformed') return { kind: 'malformed', reason: 'an event without id, type or data' };
      if (!end || end.workspace.toLowerCase() !== this.options.workspaceId.toLowerCase()) {
        ignored++;
        continue;
      }
      if (!(await this.options.notices.claimEvent(end.id))) {
        replayed++;
        continue;
      }
      try {
        posted += (await this.options.ends.jobEnded({ name: end.runId, experiment: end.experimentName, status: end.runStatus })).posted;
      } catch (error) {
        // Not handled: let Event Grid's redelivery try again.
        await this.options.notices.forgetEvent(end.id).catch(() => undefined);
        throw error;
      }
    }
    return { kind: 'handled', posted, ignored, replayed };
  }
}

/** A terminal RunStatusChanged; undefined for an event to ignore; 'malformed' for something that is no event. */
function runEndOf(event: Record<string, unknown>): RunEnd | undefined | 'malformed' {
  // Event Grid schema: eventType, topic; CloudEvents 1.0: type, source, specversion.
  const type = event.eventType ?? event.type;
  const workspace = event.topic ?? event.source;
  const { id, data } = event;
  if (typeof id !== 'string' || id.length === 0 || id.length > 256 || typeof type !== 'string') return 'malformed';
  if (type !== RUN_STATUS_CHANGED) return undefined;
  if (!isObject(data) || typeof workspace !== 'string') return 'malformed';
  const { runId, experimentName, runStatus } = data;
  if (typeof runId !== 'string' || typeof experimentName !== 'string' || typeof runStatus !== 'string') return 'malformed';
  if (!isTerminal(runStatus)) return undefined;
  return { id, workspace, runId, experimentName, runStatus: runStatus as JobStatus };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
