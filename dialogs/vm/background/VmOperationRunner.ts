import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Notifier, Turn } from '../../Turn.js';
import { code, data, line, message, prose, type Line } from '../../../cards/Card.js';
import { actionLabels, POWER_STATE_LABELS, VM_ACTIONS, vmOperationDocument, vmOperationEndedAckDocument, type OperationPhase } from '../../../cards/vms.js';
import { agoSince } from '../../../cards/wording.js';
import { askedBy, audit, type AuditEntry } from '../../../logging/audit.js';
import type { Logger } from '../../../logging/logger.js';
import { ACTION_TARGET, machineKindOf, type ComputeManager, type MachineKind, type PowerState, type RunningOperation, type VmAction } from '../../../services/compute/ComputeManager.js';
import { isServiceError } from '../../../services/errors.js';
import type { HeldLease } from '../../../state/heldLease.js';
import type { OperationInFlight, OperationsInFlight } from '../../../state/OperationsInFlight.js';
import { NULL_TELEMETRY, type Telemetry } from '../../../services/telemetry/Telemetry.js';

export interface BackgroundTracker {
  track<T>(work: Promise<T>): Promise<T>;
}

interface VmOperationRunnerOptions {
  compute: ComputeManager;
  inFlight: OperationsInFlight;
  notifier: Notifier;
  /** Tracks background polling so shutdown can wait for it. */
  background: BackgroundTracker;
  logger: Logger;
  /** Aborted at shutdown, once the grace period for background work has passed: polling stops, nothing is posted. */
  shutdown?: AbortSignal;
  /** How long this instance's hold on an operation it follows lasts unrenewed (blob leases: 15 to 60 s). */
  leaseMs?: number;
  /** Operations counted by outcome; the outcome's span linked to the request's turn. */
  telemetry?: Telemetry;
}

const LEASE_MS = 30_000;

/**
 * Starts and deallocates VMs: one operation per VM, acknowledged in the turn once Azure accepted it, polled in
 * the background, and reported to the same conversation when it ends. Every request and outcome is audited.
 * The operation's record (who asked, where, the poller's saved state) is in the state store, and the instance
 * following it holds its lease: when that instance stops, another one resumes it (OperationRecovery).
 */
export class VmOperationRunner {
  constructor(private readonly options: VmOperationRunnerOptions) {}

  private get telemetry(): Telemetry {
    return this.options.telemetry ?? NULL_TELEMETRY;
  }

  /** The operation the bot is running on a VM, worded for a list: "starting, asked by Ada". */
  async busy(vm: string): Promise<string | undefined> {
    const running = await this.options.inFlight.get(vm);
    return running ? `${actionLabels(running.action, this.machineOf(vm)).doing.toLowerCase()}, asked by ${running.requester.name}` : undefined;
  }

  /** Whether `vm` names a VM or an Azure ML compute instance (their stop is worded differently). */
  private machineOf(vm: string): MachineKind {
    return machineKindOf(this.options.compute, vm);
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
    const ids = this.telemetry.currentIds();
    const operation: OperationInFlight = {
      ...{ id: randomUUID(), vm, action, requester: turn.caller, conversation: turn.conversation, startedAt: Date.now() },
      ...(ids ? { traceparent: `00-${ids.traceId}-${ids.spanId}-01` } : {}),
    };
    // Held before the record exists, so that no instance's recovery takes an operation whose request is still being sent.
    const hold = await inFlight.follow(operation, this.leaseMs);
    if (!hold) throw new Error(`the new operation ${operation.id} is already held`);
    let running: RunningOperation;
    try {
      if (!(await inFlight.reserve(operation))) {
        await hold.release();
        await this.sayBusy(turn, action, vm);
        return;
      }
      if (await this.alreadyThere(turn, action, vm, await compute.powerState(vm))) {
        await inFlight.release(operation);
        await hold.release();
        return;
      }
      running = await this.begin(turn, operation, hold);
    } catch (error) {
      await inFlight.release(operation).catch(() => undefined);
      await hold.release();
      throw error;
    }
    await this.acknowledge(turn, operation, running, hold);
  }

  /** Follows an operation another instance started and stopped following (OperationRecovery found it). */
  resume(operation: OperationInFlight, hold: HeldLease): void {
    const { vm, action, resumeState } = operation;
    this.options.logger.info('resuming a VM operation', { vm, action, operationId: operation.id, startedAt: new Date(operation.startedAt).toISOString() });
    // Without a saved state, its instance stopped before it could say Azure had accepted it: the outcome is unknown.
    const done = resumeState ? this.options.compute.resume(action, vm, resumeState, { signal: this.pollSignal(hold) }).done : Promise.reject(new LostTrack());
    done.catch((error: unknown) => this.logUnfollowable(operation, error));
    this.follow(operation, done, hold);
  }

  /** Why a resumed operation could not be followed at all, for the administrator: the chat only hears that it cannot. */
  private logUnfollowable(operation: OperationInFlight, error: unknown): void {
    const fields = { vm: operation.vm, action: operation.action, operationId: operation.id, startedAt: new Date(operation.startedAt).toISOString() };
    if (error instanceof LostTrack) {
      this.options.logger.warn('could not follow a resumed VM operation', {
        ...fields,
        reason: 'no-saved-state',
        adminHint: `The operation's record has no saved poller state: the instance that asked Azure stopped before it saved Azure's answer. That instance's log around ${fields.startedAt} says why it stopped; the Azure activity log of ${operation.vm} says whether Azure started it.`,
      });
    } else if (isServiceError(error) && error.adminHint) {
      // Only a state the backend refused carries a hint here; an operation that ended (failed, timed out) is audited as its outcome.
      this.options.logger.warn('could not follow a resumed VM operation', { ...fields, reason: 'saved-state-refused', code: error.code, adminHint: error.adminHint });
    }
  }

  audit(turn: Turn, event: AuditEntry['event'], action: VmAction, vm: string | undefined, result: string, extra: Partial<AuditEntry> = {}): void {
    audit(this.options.logger, { ...askedBy(turn.caller, turn.conversation.conversationId), event, action: VM_ACTIONS[action].command, vm, result, ...extra });
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? LEASE_MS;
  }

  /** Polling stops when the process shuts down, or when another instance took the operation over. */
  private pollSignal(hold: HeldLease): AbortSignal {
    return this.options.shutdown ? AbortSignal.any([this.options.shutdown, hold.lost]) : hold.lost;
  }

  private async begin(turn: Turn, operation: OperationInFlight, hold: HeldLease): Promise<RunningOperation> {
    const { action, vm } = operation;
    try {
      return await this.options.compute.begin(action, vm, { signal: this.pollSignal(hold) });
    } catch (error) {
      this.audit(turn, 'outcome', action, vm, 'refused-by-azure', { durationMs: Date.now() - operation.startedAt, reason: isServiceError(error) ? error.code : 'error' });
      throw error;
    }
  }

  /** Azure accepted: the saved state goes to the record (so another instance can finish it), then the turn is answered. */
  private async acknowledge(turn: Turn, operation: OperationInFlight, running: RunningOperation, hold: HeldLease): Promise<void> {
    const { action, vm } = operation;
    operation.resumeState = running.resumeState;
    await this.note(operation, { resumeState: running.resumeState });
    this.telemetry.count('labmate.vm_operations.started', { 'labmate.vm.action': action });
    this.follow(operation, running.done, hold);
    const labels = actionLabels(action, this.machineOf(vm));
    const accepted = line(`${labels.doing} `, data(vm), `... Azure has accepted the request; I'll tell you here when it ${labels.done.split(';')[0]}.`);
    operation.ackId = await turn.reply(vmOperationDocument(vm, action, 'accepted', accepted, this.machineOf(vm)));
    this.audit(turn, 'request', action, vm, 'accepted');
    if (operation.ackId) await this.note(operation, { ackId: operation.ackId });
  }

  /** Keeps what another instance would need; if the store cannot take it now, this instance still finishes the operation. */
  private async note(operation: OperationInFlight, change: Pick<OperationInFlight, 'ackId'> | Pick<OperationInFlight, 'resumeState'>): Promise<void> {
    await this.options.inFlight.note(operation, change).catch((error: unknown) => {
      this.options.logger.warn('could not save the progress of a VM operation', { vm: operation.vm, operationId: operation.id, error });
    });
  }

  /** Reports the operation's end in the background. */
  private follow(operation: OperationInFlight, done: Promise<void>, hold: HeldLease): void {
    void this.options.background.track(this.reportPatiently(operation, done, hold));
  }

  /**
   * While the state storage fails, the report is tried again, with growing pauses, for as long as this instance
   * holds the operation; after anything else, the record stays for the next sweep to try.
   */
  private async reportPatiently(operation: OperationInFlight, done: Promise<void>, hold: HeldLease): Promise<void> {
    const { logger } = this.options;
    for (let pause = 1000; ; pause = Math.min(2 * pause, 30_000)) {
      try {
        return await this.report(operation, done, hold);
      } catch (error) {
        const fields = { vm: operation.vm, action: operation.action, operationId: operation.id, error };
        if (!isServiceError(error) || this.pollSignal(hold).aborted) {
          logger.error('could not finish a VM operation', fields);
          return hold.release();
        }
        logger.warn('could not report the end of a VM operation yet; trying again', { ...fields, pauseMs: pause });
        await delay(pause, undefined, { signal: this.pollSignal(hold) }).catch(() => undefined);
      }
    }
  }

  /** Waits for the operation's end and posts it, once across instances. */
  private async report(operation: OperationInFlight, done: Promise<void>, hold: HeldLease): Promise<void> {
    const { action, vm } = operation;
    const { inFlight, logger } = this.options;
    const { phase, outcome } = await done.then(
      () => describeEnd(operation, this.machineOf(operation.vm)),
      (error: unknown) => describeEnd(operation, this.machineOf(operation.vm), error),
    );
    if (this.options.shutdown?.aborted) {
      // The record stays: another instance, or this one restarted, resumes it.
      this.auditOperation(operation, 'abandoned-at-shutdown');
      await hold.release();
      return;
    }
    if (hold.lost.aborted) {
      logger.info('another instance took over a VM operation', { vm, operationId: operation.id });
      return;
    }
    if (!(await inFlight.claimReport(operation))) {
      // Reported already (by an instance that stopped before it could tidy up).
      await inFlight.release(operation);
      await hold.release();
      return;
    }
    this.auditOperation(operation, phase);
    const machine = this.machineOf(vm);
    const document = vmOperationDocument(vm, action, phase, outcome, machine);
    const attributes = { 'labmate.vm.action': action, 'labmate.outcome': phase };
    this.telemetry.count('labmate.vm_operations.ended', attributes);
    this.telemetry.record('labmate.vm_operation.duration', (Date.now() - operation.startedAt) / 1000, attributes);
    try {
      // The outcome's span links to the turn that asked, whichever instance that was (the record carries it).
      await this.telemetry.withSpan('labmate.vm_operation.outcome', attributes, () =>
        this.options.notifier.notify(operation.conversation, async (proactive) => {
          await proactive.reply(document);
          // Where the channel can, the acknowledgement says the operation ended and points to the outcome, without repeating it.
          if (operation.ackId) await proactive.update(operation.ackId, vmOperationEndedAckDocument(vm, action, phase, operation.startedAt, Date.now(), machine));
        }),
        { links: operation.traceparent ? [operation.traceparent] : [] },
      );
    } catch (error) {
      logger.error('could not report the end of a VM operation', { vm, action, conversationId: operation.conversation.conversationId, error });
    }
    await inFlight.release(operation);
    await hold.release();
  }

  private auditOperation(operation: OperationInFlight, result: string): void {
    const { requester, conversation, action, vm, startedAt } = operation;
    audit(this.options.logger, { ...askedBy(requester, conversation.conversationId), event: 'outcome', action: VM_ACTIONS[action].command, vm, result, durationMs: Date.now() - startedAt });
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
    const doing = actionLabels(running?.action ?? action, this.machineOf(vm)).doing.toLowerCase();
    await turn.reply(message(line(`I am already ${doing} `, data(vm), ' (asked by ', data(running?.requester.name ?? 'someone'), "); I'll post here when it is done.")));
  }
}

/** An operation whose instance stopped before it saved Azure's answer: whether Azure started it is unknown. */
class LostTrack extends Error {}

/** How the operation ended, in words for its conversation; no error: it succeeded. */
function describeEnd({ action, vm, requester, startedAt }: OperationInFlight, machine: MachineKind, error?: unknown): { phase: Exclude<OperationPhase, 'accepted'>; outcome: Line } {
  const labels = actionLabels(action, machine);
  if (error === undefined) return { phase: 'succeeded', outcome: line(data(vm), ` ${labels.done}. (`, data(requester.name), ` asked ${agoSince(startedAt)}.)`) };
  if (error instanceof LostTrack) {
    return { phase: 'unknown', outcome: line(`I lost track of ${labels.doing.toLowerCase()} `, data(vm), ' when I restarted; ', code(`vm status ${vm}`), ' shows where it is.') };
  }
  // Past its deadline, or no longer answered about, an operation's end is unknown, not failed: the person is told where to look.
  if (isServiceError(error)) return { phase: error.code === 'outcome-unknown' ? 'unknown' : 'failed', outcome: prose(error.userMessage) };
  return { phase: 'failed', outcome: line(`${labels.doing} `, data(vm), ' did not finish; check it with ', code(`vm status ${vm}`), '.') };
}
