import type { Caller, Notifier, Turn } from '../../commands/Turn.js';
import { code, data, line, message, prose, type Line } from '../../documents/document.js';
import { POWER_STATE_LABELS, VM_ACTIONS, vmOperationDocument, type OperationPhase } from '../../documents/vms.js';
import { audit, type AuditEntry } from '../../logging/audit.js';
import type { Logger } from '../../logging/logger.js';
import { ACTION_TARGET, type ComputeManager, type PowerState, type VmAction } from '../../services/compute/ComputeManager.js';
import { isServiceError } from '../../services/errors.js';
import type { OperationsInFlight } from '../../state/OperationsInFlight.js';

export interface BackgroundTracker {
  track<T>(work: Promise<T>): Promise<T>;
}

export interface VmOperationRunnerOptions {
  compute: ComputeManager;
  inFlight: OperationsInFlight;
  notifier: Notifier;
  /** Tracks background polling so shutdown can wait for it. */
  background: BackgroundTracker;
  logger: Logger;
  /** Aborted at shutdown, once the grace period for background work has passed: polling stops, nothing is posted. */
  shutdown?: AbortSignal;
}

/**
 * Starts and deallocates VMs: one operation per VM, acknowledged in the turn once Azure accepted it, polled in
 * the background, and reported to the same conversation when it ends. Every request and outcome is audited.
 */
export class VmOperationRunner {
  constructor(private readonly options: VmOperationRunnerOptions) {}

  /** The operation the bot is running on a VM, worded for a list: "starting, asked by Ada". */
  async busy(vm: string): Promise<string | undefined> {
    const running = await this.options.inFlight.get(vm);
    return running ? `${VM_ACTIONS[running.action].doing.toLowerCase()}, asked by ${running.requesterName}` : undefined;
  }

  /** True (and says why) when the bot already runs an operation on the VM, or it is already where it would end. */
  async nothingToDo(turn: Turn, action: VmAction, vm: string): Promise<boolean> {
    if (await this.options.inFlight.get(vm)) {
      await this.sayBusy(turn, action, vm);
      return true;
    }
    return this.alreadyThere(turn, action, vm, await this.options.compute.powerState(vm));
  }

  /** Reserves the VM, checks it is not already there, then asks Azure and acknowledges. */
  async run(turn: Turn, action: VmAction, vm: string): Promise<void> {
    const { inFlight, compute } = this.options;
    if (!(await inFlight.reserve(vm, action, turn.caller.name))) {
      await this.sayBusy(turn, action, vm);
      return;
    }
    try {
      if (await this.alreadyThere(turn, action, vm, await compute.powerState(vm))) {
        await inFlight.release(vm);
        return;
      }
      await this.launch(turn, action, vm);
    } catch (error) {
      await inFlight.release(vm);
      throw error;
    }
  }

  audit(turn: Turn, event: AuditEntry['event'], action: VmAction, vm: string | undefined, result: string, extra: Partial<AuditEntry> = {}): void {
    audit(this.options.logger, { ...auditFields(turn.caller, turn.conversation.conversationId), event, action: VM_ACTIONS[action].command, vm, result, ...extra });
  }

  private async launch(turn: Turn, action: VmAction, vm: string): Promise<void> {
    const { compute, shutdown } = this.options;
    const started = Date.now();
    let done: Promise<void>;
    try {
      ({ done } = await compute.begin(action, vm, { signal: shutdown }));
    } catch (error) {
      this.audit(turn, 'outcome', action, vm, 'refused-by-azure', { durationMs: Date.now() - started, reason: isServiceError(error) ? error.code : 'error' });
      throw error;
    }
    const labels = VM_ACTIONS[action];
    const accepted = line(`${labels.doing} `, data(vm), `... Azure has accepted the request; I'll tell you here when it ${labels.done.split(';')[0]}.`);
    const ackId = await turn.reply(vmOperationDocument(vm, action, 'accepted', accepted));
    this.audit(turn, 'request', action, vm, 'accepted');
    void this.options.background.track(
      this.report(turn, action, vm, done, started, ackId).catch(async (error: unknown) => {
        await this.options.inFlight.release(vm).catch(() => undefined);
        this.options.logger.error('could not finish a VM operation', { vm, action, error });
      }),
    );
  }

  /** Waits for the operation's end and posts it. `turn` has ended by then: only who asked and where are read from it. */
  private async report(turn: Turn, action: VmAction, vm: string, done: Promise<void>, started: number, ackId: string | undefined): Promise<void> {
    const labels = VM_ACTIONS[action];
    let phase: OperationPhase = 'succeeded';
    let outcome: Line = line(data(vm), ` ${labels.done}. (`, data(turn.caller.name), ` asked ${elapsed(started)} ago.)`);
    try {
      await done;
    } catch (error) {
      // Past its deadline an operation is "unknown": the VM is released, and the person told where to look.
      phase = isServiceError(error) && error.code === 'outcome-unknown' ? 'unknown' : 'failed';
      outcome = isServiceError(error) ? prose(error.userMessage) : line(`${labels.doing} `, data(vm), ' did not finish; check it with ', code(`vm status ${vm}`), '.');
    }
    await this.options.inFlight.release(vm);
    if (this.options.shutdown?.aborted) {
      this.audit(turn, 'outcome', action, vm, 'abandoned-at-shutdown', { durationMs: Date.now() - started });
      return;
    }
    this.audit(turn, 'outcome', action, vm, phase, { durationMs: Date.now() - started });
    const document = vmOperationDocument(vm, action, phase, outcome);
    try {
      await this.options.notifier.notify(turn.conversation, async (proactive) => {
        await proactive.reply(document);
        // Where the channel can, the acknowledgement becomes the outcome too, so the thread shows the final state.
        if (ackId) await proactive.update(ackId, document);
      });
    } catch (error) {
      this.options.logger.error('could not report the end of a VM operation', { vm, action, conversationId: turn.conversation.conversationId, error });
    }
  }

  private async alreadyThere(turn: Turn, action: VmAction, vm: string, powerState: PowerState): Promise<boolean> {
    if (!ACTION_TARGET[action].alreadyThere.includes(powerState)) return false;
    this.audit(turn, 'outcome', action, vm, 'already-done');
    await turn.reply(message(line(data(vm), ` is already ${POWER_STATE_LABELS[powerState]}; nothing to do.`)));
    return true;
  }

  private async sayBusy(turn: Turn, action: VmAction, vm: string): Promise<void> {
    const running = await this.options.inFlight.get(vm);
    this.audit(turn, 'outcome', action, vm, 'busy');
    const doing = running?.action === 'deallocate' ? 'deallocating' : 'starting';
    await turn.reply(message(line(`I am already ${doing} `, data(vm), ' (asked by ', data(running?.requesterName ?? 'someone'), "); I'll post here when it is done.")));
  }
}

function auditFields(caller: Caller, conversation: string): Pick<AuditEntry, 'user' | 'userName' | 'channel' | 'conversation'> {
  return { user: caller.userId, userName: caller.name, channel: caller.channel, conversation };
}

function elapsed(since: number): string {
  const seconds = Math.round((Date.now() - since) / 1000);
  return seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}
