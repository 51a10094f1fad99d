import type { ConversationHandle } from './ConversationHandle.js';
import type { StateStore } from './StateStore.js';

/** Who set a VM's auto-stop, where, and to what: shutdown notices go to that conversation. */
interface AutoStopOwner {
  conversation: ConversationHandle;
  setByName: string;
  time: string;
  timeZone: string;
}

/** Where someone last asked labmate to start a VM: idle reminders go there. */
interface StartRequest {
  conversation: ConversationHandle;
  requesterName: string;
  at: number;
}

/**
 * The conversations that care about a VM, in the state store so that any instance (the one receiving Azure's
 * notice, the one holding the sweep's lease) posts to the right place.
 */
export class VmConversations {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  async autoStopSetIn(vm: string, owner: AutoStopOwner): Promise<void> {
    await this.store.put(autoStopKey(vm), owner);
  }

  async autoStopRemoved(vm: string): Promise<void> {
    await this.store.delete(autoStopKey(vm));
  }

  async autoStopOwner(vm: string): Promise<AutoStopOwner | undefined> {
    return (await this.store.get<AutoStopOwner>(autoStopKey(vm)))?.value;
  }

  async startRequestedIn(vm: string, conversation: ConversationHandle, requesterName: string): Promise<void> {
    await this.store.put<StartRequest>(startKey(vm), { conversation, requesterName, at: this.now() });
  }

  /** Where to remind about a VM: where it was last started, else where its auto-stop was set. */
  async forReminder(vm: string): Promise<ConversationHandle | undefined> {
    const started = (await this.store.get<StartRequest>(startKey(vm)))?.value;
    return started?.conversation ?? (await this.autoStopOwner(vm))?.conversation;
  }
}

/** One record per VM and kind, whatever the capitalisation the VM was named with. */
function autoStopKey(vm: string): string {
  return `autostop/${vm.toLowerCase()}`;
}

function startKey(vm: string): string {
  return `vm-starts/${vm.toLowerCase()}`;
}
