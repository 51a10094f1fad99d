import type { Caller } from './Caller.js';
import type { ConversationHandle } from './ConversationHandle.js';
import type { Logger } from '../logging/logger.js';
import type { VmAction } from '../services/compute/ComputeManager.js';
import { holdLease, type HeldLease } from './heldLease.js';
import type { StateStore } from './StateStore.js';

/** A long VM operation, as every instance sees it: enough to finish it and tell the right conversation. */
export interface OperationInFlight {
  /** Unique per operation: its lease and its "reported" claim are named after it. */
  id: string;
  vm: string;
  action: VmAction;
  requester: Caller;
  /** Where the outcome is posted. */
  conversation: ConversationHandle;
  startedAt: number;
  /** The acknowledgement's message id: where the channel can, it is rewritten with the outcome. */
  ackId?: string;
  /** The poller's saved state, once Azure accepted the request: what another instance resumes from. */
  resumeState?: string;
  /** The W3C traceparent of the turn that asked (telemetry on): the outcome's span links to it, on any instance. */
  traceparent?: string;
}

/** A "reported" claim outlives any operation by far; then it goes. */
const REPORTED_KEPT_MS = 24 * 60 * 60_000;

/**
 * The long VM operations the bot has under way: at most one per VM (claimed in the state store), each followed by
 * the one instance holding its lease, and reported once (the first to claim `reported/<id>` posts the outcome).
 */
export class OperationsInFlight {
  constructor(
    private readonly store: StateStore,
    private readonly logger: Logger,
  ) {}

  async get(vm: string): Promise<OperationInFlight | undefined> {
    const found = (await this.store.get<unknown>(key(vm)))?.value;
    return isOperation(found) ? found : undefined;
  }

  /** Claims the VM for one operation; false when one is already running. Atomic: two turns cannot both win. */
  reserve(operation: OperationInFlight): Promise<boolean> {
    return this.store.create(key(operation.vm), operation);
  }

  /** Adds what the operation learnt (its resume state, its acknowledgement) to its record, if it is still the VM's. */
  async note(operation: OperationInFlight, change: Pick<Partial<OperationInFlight>, 'ackId' | 'resumeState'>): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const record = await this.store.get<OperationInFlight>(key(operation.vm));
      if (record?.value.id !== operation.id) return;
      if (await this.store.replace(key(operation.vm), { ...record.value, ...change }, record.etag)) return;
    }
  }

  /** Ends the operation's claim on its VM (only this operation's: never a later one). */
  async release(operation: Pick<OperationInFlight, 'id' | 'vm'>): Promise<void> {
    const record = await this.store.get<OperationInFlight>(key(operation.vm));
    if (record?.value.id === operation.id) await this.store.delete(key(operation.vm), record.etag);
  }

  /** Every operation some instance started and none has finished. */
  async unfinished(): Promise<OperationInFlight[]> {
    const records = await this.store.list<unknown>(PREFIX);
    const operations = records.map((record) => record.value).filter(isOperation);
    if (operations.length < records.length) this.logger.warn('ignored operation records of an unknown shape', { count: records.length - operations.length });
    return operations;
  }

  /** The right to follow an operation; undefined while another instance holds it. */
  follow(operation: Pick<OperationInFlight, 'id'>, leaseMs: number): Promise<HeldLease | undefined> {
    return holdLease(this.store, `operations/${operation.id}`, leaseMs, this.logger);
  }

  /** True for the one caller that may post the operation's outcome. */
  claimReport(operation: Pick<OperationInFlight, 'id'>): Promise<boolean> {
    return this.store.create(`reported/${operation.id}`, true, { ttlMs: REPORTED_KEPT_MS });
  }
}

const PREFIX = 'operations/vm/';

function key(vm: string): string {
  return `${PREFIX}${vm.toLowerCase()}`;
}

/** A record another version wrote, or a foreign one, is left alone rather than trusted. */
function isOperation(value: unknown): value is OperationInFlight {
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  const requester = record.requester as Record<string, unknown> | undefined;
  const conversation = record.conversation as Record<string, unknown> | undefined;
  return (
    typeof record.id === 'string' &&
    typeof record.vm === 'string' &&
    (record.action === 'start' || record.action === 'deallocate') &&
    typeof record.startedAt === 'number' &&
    typeof requester?.key === 'string' &&
    typeof requester.name === 'string' &&
    typeof conversation?.channel === 'string' &&
    typeof conversation.conversationId === 'string' &&
    typeof conversation.reference === 'object' &&
    (record.ackId === undefined || typeof record.ackId === 'string') &&
    (record.resumeState === undefined || typeof record.resumeState === 'string')
  );
}
