import { TurnContext, type ConversationReference } from 'botbuilder';
import type { Caller } from '../../bots/authorization.js';
import type { ConversationNotifier } from '../../bots/proactive.js';
import { renderVmOperationBlocks } from '../../cards/slack/vmBlocks.js';
import { renderVmOperationCard } from '../../cards/vmCard.js';
import { renderVmOperationText } from '../../cards/vmText.js';
import type { VmOperationView } from '../../cards/vmView.js';
import { cardOrText } from '../../channels/capabilities.js';
import { audit } from '../../logging/audit.js';
import type { Logger } from '../../logging/logger.js';
import type { ComputeManager, VmAction } from '../../services/compute/ComputeManager.js';
import { isServiceError } from '../../services/errors.js';

export interface RunningVmOperation {
  action: VmAction;
  requesterName: string;
  startedAt: number;
}

export interface BackgroundTracker {
  track<T>(work: Promise<T>): Promise<T>;
}

const DONE: Record<VmAction, string> = { start: 'is running', deallocate: 'is deallocated; compute billing has stopped' };
const DOING: Record<VmAction, string> = { start: 'Starting', deallocate: 'Deallocating' };

/**
 * The long VM operations the bot has under way, one per VM: acknowledged in the turn, polled in the background
 * (tracked so shutdown waits for them), and reported to the same conversation when they end.
 */
export class VmOperations {
  private readonly running = new Map<string, RunningVmOperation>();

  constructor(
    private readonly compute: ComputeManager,
    private readonly notifier: ConversationNotifier,
    private readonly background: BackgroundTracker,
    private readonly logger: Logger,
    /** Aborted at shutdown, once the grace period for background work has passed: polling stops, nothing is posted. */
    private readonly shutdown?: AbortSignal,
  ) {}

  get(vm: string): RunningVmOperation | undefined {
    return this.running.get(vm);
  }

  /** Claims the VM for one operation; false when the bot already runs one on it. Synchronous, so two turns cannot both win. */
  reserve(vm: string, action: VmAction, caller: Caller): boolean {
    if (this.running.has(vm)) return false;
    this.running.set(vm, { action, requesterName: caller.name ?? caller.userId, startedAt: Date.now() });
    return true;
  }

  release(vm: string): void {
    this.running.delete(vm);
  }

  /**
   * With the VM reserved: sends the request, acknowledges in this turn once Azure accepted it, and reports the
   * outcome later. Releases the reservation if Azure refuses (the ServiceError goes to the user).
   */
  async launch(context: TurnContext, action: VmAction, vm: string, caller: Caller): Promise<void> {
    const started = Date.now();
    const entry = { action: `vm ${action === 'start' ? 'start' : 'stop'}`, vm, user: caller.userId, userName: caller.name, channel: caller.channelId, conversation: context.activity.conversation.id };
    let done: Promise<void>;
    try {
      ({ done } = await this.compute.begin(action, vm, { signal: this.shutdown }));
    } catch (error) {
      this.release(vm);
      audit(this.logger, { ...entry, event: 'outcome', result: 'refused-by-azure', durationMs: Date.now() - started, reason: isServiceError(error) ? error.code : 'error' });
      throw error;
    }
    // Without the activity id, the outcome is a new message to the conversation, not a reply to the command.
    const reference = TurnContext.getConversationReference(context.activity);
    delete reference.activityId;
    const accepted: VmOperationView = {
      vm,
      action,
      phase: 'accepted',
      message: `${DOING[action]} ${vm}... Azure has accepted the request; I'll tell you here when it ${DONE[action].split(';')[0]}.`,
    };
    const ack = await context.sendActivity(cardOrText(context.activity, renderVmOperationCard(accepted), renderVmOperationText(accepted), renderVmOperationBlocks(accepted)));
    audit(this.logger, { ...entry, event: 'request', result: 'accepted' });

    void this.background.track(
      done
        .then(
          (): VmOperationView => ({ vm, action, phase: 'succeeded', message: `${vm} ${DONE[action]}. (${caller.name ?? 'You'} asked ${elapsed(started)} ago.)` }),
          (error: unknown): VmOperationView => ({
            vm,
            action,
            phase: 'failed',
            message: isServiceError(error) ? error.userMessage : `${DOING[action]} ${vm} did not finish; check it with \`vm status ${vm}\`.`,
          }),
        )
        .then(async (outcome) => {
          this.release(vm);
          if (this.shutdown?.aborted) {
            audit(this.logger, { ...entry, event: 'outcome', result: 'abandoned-at-shutdown', durationMs: Date.now() - started });
            return;
          }
          audit(this.logger, { ...entry, event: 'outcome', result: outcome.phase, durationMs: Date.now() - started });
          await this.report(reference, ack?.id, outcome);
        })
        .catch((error: unknown) => {
          this.release(vm);
          this.logger.error('could not report the end of a VM operation', { vm, action, conversationId: reference.conversation?.id, error });
        }),
    );
  }

  private async report(reference: Partial<ConversationReference>, ackId: string | undefined, outcome: VmOperationView): Promise<void> {
    await this.notifier.continueConversation(reference, async (context) => {
      const reply = cardOrText(context.activity, renderVmOperationCard(outcome), renderVmOperationText(outcome), renderVmOperationBlocks(outcome));
      await context.sendActivity(reply);
      // In Teams the acknowledgement card is updated in place, so the thread shows the final state.
      if (context.activity.channelId === 'msteams' && ackId) await context.updateActivity({ ...reply, id: ackId });
    });
  }
}

function elapsed(since: number): string {
  const seconds = Math.round((Date.now() - since) / 1000);
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}
