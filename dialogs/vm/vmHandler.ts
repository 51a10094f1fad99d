import { firstWord, afterFirstWord } from '../Command.js';
import type { Capabilities } from '../Capabilities.js';
import type { Turn } from '../Turn.js';
import { code, data, line, message, placeholder, type Card, type Line, type Span } from '../../cards/Card.js';
import { stopAnsweredDocument, stopQuestionDocument, unknownMachineDocument, vmListDocument } from '../../cards/vms.js';
import { autostop } from './autostop.js';
import { idleAutostop } from './idleAutostop.js';
import { keepRunning } from './keepRunning.js';
import { answerNotice } from './shutdownNotice.js';
import { vmCosts } from './vmCosts.js';
import { machineKindOf, type ComputeManager } from '../../services/compute/ComputeManager.js';

interface VmRequest {
  /** list, status, start, stop (deallocate), confirm, cancel, or what else was typed. */
  subcommand: string;
  /** The VM name, or the confirmation code. */
  target: string;
  /** What follows the target (`19:00 W. Europe Standard Time` after `vm autostop gpu-01`). */
  rest: string;
}

export function parseVmRequest(argument: string): VmRequest {
  const subcommand = firstWord(argument).toLowerCase() || 'list';
  const afterSubcommand = afterFirstWord(argument);
  const target = firstWord(afterSubcommand);
  return { subcommand: subcommand === 'deallocate' ? 'stop' : subcommand, target, rest: afterFirstWord(afterSubcommand) };
}

/** `vm list | status [name] | start <name> | stop <name>`, and the answers to a stop's question. */
export async function vmHandler(turn: Turn, request: VmRequest, capabilities: Capabilities): Promise<void> {
  const { compute } = capabilities;
  const vm = request.target ? compute.resolve(request.target) : undefined;
  switch (request.subcommand) {
    case 'list':
    case 'status':
      if (request.target && !vm) return void (await turn.reply(unknownVm(compute, request.target)));
      return status(turn, vm, capabilities);
    case 'start':
      if (!vm) return void (await turn.reply(unknownVm(compute, request.target)));
      // Idle reminders about this VM go to where someone last asked for it.
      await capabilities.costs.conversations.startRequestedIn(vm, turn.conversation, turn.caller.name);
      return capabilities.vmOperations.run(turn, 'start', vm);
    case 'stop':
      if (!vm) return void (await turn.reply(unknownVm(compute, request.target)));
      return askToStop(turn, vm, capabilities);
    case 'confirm':
      return confirm(turn, request.target, capabilities);
    case 'cancel':
      return cancel(turn, request.target, capabilities);
    case 'autostop':
      if (!vm) return void (await turn.reply(unknownVm(compute, request.target)));
      if (isComputeInstance(compute, vm)) return idleAutostop(turn, vm, request.rest, capabilities);
      return autostop(turn, vm, request.rest, capabilities);
    case 'notice':
      return answerNotice(turn, request.target, request.rest, capabilities);
    case 'keep':
      if (!vm) return void (await turn.reply(unknownVm(compute, request.target)));
      return keepRunning(turn, vm, request.rest, capabilities);
    default:
      await turn.reply(
        message(line("I don't know ", code(`vm ${request.subcommand}`), '. Try ', code('vm list'), ', ', code('vm status'), ' ', placeholder('name'), ', ', code('vm start'), ' ', placeholder('name'), ', ', code('vm stop'), ' ', placeholder('name'), ' or ', code('vm autostop'), ' ', placeholder('name'), ' ', placeholder('HH:MM'), '.')),
      );
  }
}

async function status(turn: Turn, vm: string | undefined, capabilities: Capabilities): Promise<void> {
  const { compute, vmOperations } = capabilities;
  // One paged list of the workspace's computes for all the compute instances, one read per VM.
  const statuses = vm ? [await compute.get(vm)] : await compute.getAll();
  const rows = await Promise.all(
    statuses.map(async (vmStatus) => ({ ...vmStatus, busy: await vmOperations.busy(vmStatus.name), costs: await vmCosts(vmStatus, capabilities) })),
  );
  await turn.reply(vmListDocument(rows, { single: vm !== undefined, backendName: compute.backendName }));
}

async function askToStop(turn: Turn, vm: string, { vmOperations, confirmations, compute }: Capabilities): Promise<void> {
  if (await vmOperations.nothingToDo(turn, 'deallocate', vm)) return;
  const pending = await confirmations.create({ vm, requesterKey: turn.caller.key, requesterName: turn.caller.name, conversationId: turn.conversation.conversationId });
  vmOperations.audit(turn, 'request', 'deallocate', vm, 'awaiting-confirmation');
  await turn.reply(
    stopQuestionDocument({
      machine: machineKindOf(compute, vm),
      name: vm,
      requestId: pending.requestId,
      minutes: Math.round(confirmations.ttlMs / 60_000),
      requesterName: pending.requesterName,
    }),
  );
}

function isComputeInstance(compute: ComputeManager, name: string): boolean {
  return machineKindOf(compute, name) === 'compute-instance';
}

/** The stop question answered, as it was asked: deallocating a VM, or stopping a compute instance. */
function stopAnswered(compute: ComputeManager, vm: string, outcome: Line): Card {
  return stopAnsweredDocument(machineKindOf(compute, vm), vm, outcome);
}

async function confirm(turn: Turn, requestId: string, { vmOperations, confirmations, compute }: Capabilities): Promise<void> {
  const result = await confirmations.take(requestId, turn.caller.key);
  if (!result.ok) {
    vmOperations.audit(turn, 'confirmation', 'deallocate', result.pending?.vm, 'refused', { reason: result.reason });
    const vm = result.pending?.vm;
    if (result.reason === 'not-requester') {
      // Someone else's click leaves the question for its requester.
      await turn.reply(message(line('Only ', data(result.pending?.requesterName ?? 'the person who asked'), ' can confirm stopping ', data(vm ?? ''), '. Ask for it yourself with ', code(`vm stop ${vm}`), '.')));
      return;
    }
    const answer =
      result.reason === 'expired'
        ? line('That confirmation has expired. Ask again with ', ...stopCommand(vm), '.')
        : line('I have no pending stop with that code: it was already confirmed or cancelled. Ask again with ', ...stopCommand(undefined), '.');
    await turn.replaceAnswered(message(answer));
    return;
  }
  vmOperations.audit(turn, 'confirmation', 'deallocate', result.pending.vm, 'confirmed');
  // Where the question cannot be replaced, the acknowledgement that follows says it was confirmed.
  await turn.replaceAnswered(stopAnswered(compute, result.pending.vm, line('Confirmed by ', data(turn.caller.name), '.')), 'skip');
  await vmOperations.run(turn, 'deallocate', result.pending.vm);
}

async function cancel(turn: Turn, requestId: string, { vmOperations, confirmations, compute }: Capabilities): Promise<void> {
  const result = await confirmations.take(requestId, turn.caller.key);
  if (!result.ok) {
    await turn.reply(message(line('There is nothing of yours to cancel with that code.')));
    return;
  }
  vmOperations.audit(turn, 'confirmation', 'deallocate', result.pending.vm, 'cancelled');
  await turn.replaceAnswered(stopAnswered(compute, result.pending.vm, line('OK, ', data(result.pending.vm), ' stays as it is.')));
}

function stopCommand(vm: string | undefined): Span[] {
  return vm ? [code(`vm stop ${vm}`)] : [code('vm stop'), data(' '), placeholder('name')];
}

/** An unknown name (or none) answered with the machines there are. */
function unknownVm(compute: ComputeManager, name: string): Card {
  return unknownMachineDocument(name, compute.vmNames, compute.computeInstanceNames);
}
