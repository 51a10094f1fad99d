import type { ConversationHandle } from './ConversationHandle.js';
import type { StateStore } from './StateStore.js';

/** A conversation that gets a notice when a job of `experiment` ends (`jobs follow <experiment>`). */
export interface FollowedExperiment {
  experiment: string;
  conversation: ConversationHandle;
  followedBy: string;
  /** Epoch ms: jobs that ended before this are not news here. */
  followedAt: number;
}

const PREFIX = 'azureml-follows/';

/** Which conversations follow which experiments, in the state store (shared by every instance, kept across restarts). */
export class FollowedExperiments {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** False when this conversation already follows it. */
  async follow(experiment: string, conversation: ConversationHandle, followedBy: string): Promise<boolean> {
    const record: FollowedExperiment = { experiment, conversation, followedBy, followedAt: this.now() };
    return this.store.create(this.key(experiment, conversation.conversationId), record);
  }

  /** False when this conversation did not follow it. */
  unfollow(experiment: string, conversationId: string): Promise<boolean> {
    return this.store.delete(this.key(experiment, conversationId));
  }

  async inConversation(conversationId: string): Promise<FollowedExperiment[]> {
    return (await this.all()).filter((entry) => entry.conversation.conversationId === conversationId);
  }

  async followersOf(experiment: string): Promise<FollowedExperiment[]> {
    const records = await this.store.list<FollowedExperiment>(`${PREFIX}${encode(experiment)}/`);
    return records.map((record) => record.value);
  }

  async all(): Promise<FollowedExperiment[]> {
    return (await this.store.list<FollowedExperiment>(PREFIX)).map((record) => record.value);
  }

  private key(experiment: string, conversationId: string): string {
    return `${PREFIX}${encode(experiment)}/${encodeURIComponent(conversationId)}`;
  }
}

/** Experiment names are case-insensitive in the keys, so `jobs follow Train` and `train` are one. */
function encode(experiment: string): string {
  return encodeURIComponent(experiment.toLowerCase());
}
