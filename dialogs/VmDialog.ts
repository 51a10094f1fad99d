import type { TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { callerOf, type Caller } from '../bots/authorization.js';
import type { ParsedCommand } from '../bots/commandRouter.js';
import { renderVmConfirmBlocks, renderVmListBlocks } from '../cards/slack/vmBlocks.js';
import { renderVmConfirmCard, renderVmListCard } from '../cards/vmCard.js';
import { renderVmConfirmText, renderVmListText } from '../cards/vmText.js';
import { POWER_STATE_LABELS, type VmListView } from '../cards/vmView.js';
import { cardOrText } from '../channels/capabilities.js';
import { isSlackButtonTurn, replacingButtonMessage } from '../channels/slack/slackChannelData.js';
import { audit } from '../logging/audit.js';
import type { Logger } from '../logging/logger.js';
import { ACTION_TARGET, type ComputeManager, type VmAction } from '../services/compute/ComputeManager.js';
import type { PendingConfirmations } from './vm/PendingConfirmations.js';
import type { VmOperations } from './vm/VmOperations.js';

export const VM_DIALOG = 'vm';

export const VM_NOT_CONFIGURED =
  'Training VMs are not set up for this bot yet. An administrator sets AZURE_SUBSCRIPTION_ID and TRAINING_VMS ' +
  '(`resourceGroup/vmName`, comma-separated), gives the bot\'s identity the Virtual Machine Contributor role on those ' +
  'resource groups, and lists in VM_OPERATORS who may start and stop them.';

const USAGE = 'Try `vm list`, `vm status <name>`, `vm start <name>` or `vm stop <name>`.';

export interface VmDialogOptions {
  /** Undefined: not configured; every `vm` command says how to configure it. */
  compute?: ComputeManager;
  operations?: VmOperations;
  confirmations: PendingConfirmations;
  logger: Logger;
}

/** `vm list | status [name] | start <name> | stop <name>`, and the confirmation of a stop. */
export class VmDialog extends Dialog<ParsedCommand> {
  constructor(private readonly options: VmDialogOptions) {
    super(VM_DIALOG);
  }

  override async beginDialog(dc: DialogContext, command?: ParsedCommand): Promise<DialogTurnResult> {
    const [sub = 'list', name = ''] = (command?.argument ?? '').trim().split(/\s+/).filter(Boolean).map((word, index) => (index === 0 ? word.toLowerCase() : word));
    const context = dc.context;
    const { compute, operations } = this.options;
    if (!compute || !operations) {
      await context.sendActivity(VM_NOT_CONFIGURED);
      return dc.endDialog();
    }
    switch (sub) {
      case 'list':
      case 'status':
        await this.status(context, compute, operations, name);
        break;
      case 'start':
        await this.start(context, compute, operations, name);
        break;
      case 'stop':
      case 'deallocate':
        await this.askToStop(context, compute, operations, name);
        break;
      case 'confirm':
        await this.confirm(context, compute, operations, name);
        break;
      case 'cancel':
        await this.cancel(context, name);
        break;
      default:
        await context.sendActivity(`I don't know \`vm ${sub}\`. ${USAGE}`);
    }
    return dc.endDialog();
  }

  private async status(context: TurnContext, compute: ComputeManager, operations: VmOperations, name: string): Promise<void> {
    const names = name ? [this.resolve(compute, name)] : compute.vmNames;
    if (names[0] === undefined) return this.refuseUnknown(context, compute, name);
    const statuses = await Promise.all((names as string[]).map((vm) => compute.get(vm)));
    const view: VmListView = {
      title: name ? `Training VM ${names[0]}` : 'Training VMs',
      rows: statuses.map((status) => {
        const running = operations.get(status.name);
        return { ...status, busy: running ? `${running.action === 'start' ? 'starting' : 'deallocating'}, asked by ${running.requesterName}` : undefined };
      }),
      footer: `From ${compute.backendName}. Stopping a VM deallocates it, which ends compute billing.`,
    };
    await context.sendActivity(cardOrText(context.activity, renderVmListCard(view), renderVmListText(view), renderVmListBlocks(view)));
  }

  private async start(context: TurnContext, compute: ComputeManager, operations: VmOperations, name: string): Promise<void> {
    const vm = this.resolve(compute, name);
    if (!vm) return this.refuseUnknown(context, compute, name);
    await this.run(context, compute, operations, 'start', vm, callerOf(context.activity));
  }

  private async askToStop(context: TurnContext, compute: ComputeManager, operations: VmOperations, name: string): Promise<void> {
    const vm = this.resolve(compute, name);
    if (!vm) return this.refuseUnknown(context, compute, name);
    const caller = callerOf(context.activity);
    if (await this.nothingToDo(context, compute, operations, 'deallocate', vm)) return;
    const pending = this.options.confirmations.create({
      vm,
      requesterKey: caller.key,
      requesterName: caller.name ?? caller.userId,
      conversationId: context.activity.conversation.id,
    });
    this.audit(context, caller, 'request', vm, 'awaiting-confirmation');
    const view = { vm, requestId: pending.requestId, minutes: Math.round(this.options.confirmations.ttlMs / 60_000), requesterName: pending.requesterName };
    await context.sendActivity(cardOrText(context.activity, renderVmConfirmCard(view), renderVmConfirmText(view), renderVmConfirmBlocks(view)));
  }

  private async confirm(context: TurnContext, compute: ComputeManager, operations: VmOperations, requestId: string): Promise<void> {
    const caller = callerOf(context.activity);
    const result = this.options.confirmations.take(requestId, caller.key);
    if (!result.ok) {
      this.audit(context, caller, 'confirmation', result.pending?.vm, 'refused', result.reason);
      const messages = {
        unknown: 'I have no pending stop with that code: it was already confirmed or cancelled. Ask again with `vm stop <name>`.',
        expired: `That confirmation has expired. Ask again with \`vm stop ${result.pending?.vm ?? '<name>'}\`.`,
        'not-requester': `Only ${result.pending?.requesterName ?? 'the person who asked'} can confirm stopping ${result.pending?.vm}. Ask for it yourself with \`vm stop ${result.pending?.vm}\`.`,
      };
      // Someone else's click leaves the question for its requester; otherwise its buttons are dead now.
      await context.sendActivity(result.reason === 'not-requester' ? messages[result.reason] : replacingButtonMessage(context.activity, messages[result.reason]));
      return;
    }
    this.audit(context, caller, 'confirmation', result.pending.vm, 'confirmed');
    if (isSlackButtonTurn(context.activity)) {
      await context.sendActivity(replacingButtonMessage(context.activity, `**Deallocate ${result.pending.vm}?** Confirmed by ${caller.name ?? caller.userId}.`));
    }
    await this.run(context, compute, operations, 'deallocate', result.pending.vm, caller);
  }

  private async cancel(context: TurnContext, requestId: string): Promise<void> {
    const caller = callerOf(context.activity);
    const result = this.options.confirmations.take(requestId, caller.key);
    if (result.ok) this.audit(context, caller, 'confirmation', result.pending.vm, 'cancelled');
    await context.sendActivity(
      result.ok ? replacingButtonMessage(context.activity, `OK, ${result.pending.vm} stays as it is.`) : 'There is nothing of yours to cancel with that code.',
    );
  }

  /** Reserve the VM, check it is not already there, then hand it to the background operations. */
  private async run(context: TurnContext, compute: ComputeManager, operations: VmOperations, action: VmAction, vm: string, caller: Caller): Promise<void> {
    if (!operations.reserve(vm, action, caller)) {
      this.audit(context, caller, 'outcome', vm, 'busy', undefined, action);
      await this.sayBusy(context, operations, vm);
      return;
    }
    try {
      const powerState = await compute.powerState(vm);
      if (ACTION_TARGET[action].alreadyThere.includes(powerState)) {
        operations.release(vm);
        this.audit(context, caller, 'outcome', vm, 'already-done', undefined, action);
        await context.sendActivity(`${vm} is already ${POWER_STATE_LABELS[powerState]}; nothing to do.`);
        return;
      }
    } catch (error) {
      operations.release(vm);
      throw error;
    }
    await operations.launch(context, action, vm, caller);
  }

  /** True (and says why) when the bot already runs an operation on the VM or it is already in the asked state. */
  private async nothingToDo(context: TurnContext, compute: ComputeManager, operations: VmOperations, action: VmAction, vm: string): Promise<boolean> {
    if (operations.get(vm)) {
      await this.sayBusy(context, operations, vm);
      this.audit(context, callerOf(context.activity), 'outcome', vm, 'busy', undefined, action);
      return true;
    }
    const powerState = await compute.powerState(vm);
    if (!ACTION_TARGET[action].alreadyThere.includes(powerState)) return false;
    this.audit(context, callerOf(context.activity), 'outcome', vm, 'already-done', undefined, action);
    await context.sendActivity(`${vm} is already ${POWER_STATE_LABELS[powerState]}; nothing to do.`);
    return true;
  }

  private async sayBusy(context: TurnContext, operations: VmOperations, vm: string): Promise<void> {
    const running = operations.get(vm);
    const doing = running?.action === 'deallocate' ? 'deallocating' : 'starting';
    await context.sendActivity(`I am already ${doing} ${vm} (asked by ${running?.requesterName ?? 'someone'}); I'll post here when it is done.`);
  }

  private resolve(compute: ComputeManager, name: string): string | undefined {
    return name ? compute.resolve(name) : undefined;
  }

  private async refuseUnknown(context: TurnContext, compute: ComputeManager, name: string): Promise<void> {
    const list = compute.vmNames.map((vm) => `\`${vm}\``).join(', ');
    await context.sendActivity(name ? `I don't manage a VM called \`${name}\`. The training VMs are: ${list}.` : `Which VM? The training VMs are: ${list}.`);
  }

  private audit(context: TurnContext, caller: Caller, event: 'request' | 'confirmation' | 'outcome', vm: string | undefined, result: string, reason?: string, action: VmAction = 'deallocate'): void {
    audit(this.options.logger, {
      event,
      action: action === 'start' ? 'vm start' : 'vm stop',
      vm,
      user: caller.userId,
      userName: caller.name,
      channel: caller.channelId,
      conversation: context.activity.conversation.id,
      result,
      reason,
    });
  }
}
