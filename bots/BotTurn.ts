import { TurnContext, type Activity } from 'botbuilder';
import type { Channel } from '../channels/Channel.js';
import type { AttachmentImages } from '../channels/attachments/AttachmentImages.js';
import type { MessageImages } from '../services/imageClassifier/postedImages.js';
import type { ConversationSettings, ProactiveTurn, Turn } from '../dialogs/Turn.js';
import type { Caller } from '../state/Caller.js';
import type { ConversationHandle } from '../state/ConversationHandle.js';
import type { Card } from '../cards/Card.js';
import { isServiceError } from '../services/errors.js';
import type { ConversationSettingsStore, StoredConversation } from '../state/ConversationSettingsStore.js';
import { isDeadlineExceeded, seconds, withDeadline } from '../services/deadline.js';
import { ServiceError } from '../services/errors.js';
import { withNote, type AutoTranslation } from './AutoTranslation.js';

/** A turn's conversation settings, once asked for, shared by every BotTurn of that TurnContext. */
const SETTINGS = Symbol('labmate.conversationSettings');

/**
 * Claims the activity's id in its conversation (channels redeliver: it acts once, whichever instance gets it) and
 * keeps the settings that claim found for the turn: one storage round trip before the turn starts, and none after
 * for the settings (see ConversationSettingsStore). False for a redelivery. An activity without an id reads its
 * settings when it needs them.
 */
export async function claimActivity(context: TurnContext, settings: ConversationSettingsStore): Promise<boolean> {
  const { id } = context.activity;
  if (!id) return true;
  const claimed = await settings.claim(conversationKeyOf(context.activity), id);
  if (!claimed) return false;
  context.turnState.set(SETTINGS, Promise.resolve(claimed));
  return true;
}

/** What every turn (and every proactive post) works with: its settings, its replies' translation, its images. */
export interface TurnServices {
  settings: ConversationSettingsStore;
  autoTranslation: AutoTranslation;
  images: AttachmentImages;
  /** How long sending one message to the channel may take (the Bot Connector or Slack can hang). */
  channelTimeoutMs: number;
}

/**
 * A turn as handlers see it, over botbuilder's TurnContext and the channel the message came through: replies are
 * documents, translated when the conversation asked for it, rendered by the channel, and sent.
 */
export class BotTurn implements Turn, ProactiveTurn {
  private stored?: Promise<StoredConversation>;
  private pendingNotes: string[] = [];
  private callerValue?: Caller;
  /** Kept apart from the context, which botbuilder revokes when the turn ends: who asked and where stay readable. */
  readonly activity: Activity;

  constructor(
    readonly context: TurnContext,
    readonly channel: Channel,
    private readonly services: TurnServices,
  ) {
    this.activity = context.activity;
  }

  get caller(): Caller {
    this.callerValue ??= this.channel.caller(this.activity);
    return this.callerValue;
  }

  get conversation(): ConversationHandle {
    const reference = TurnContext.getConversationReference(this.activity);
    // Without the activity id, a later post is a new message to the conversation, not a reply to this one.
    delete reference.activityId;
    return { channel: this.channel.name, conversationId: this.activity.conversation.id, reference: reference as Record<string, unknown> };
  }

  get locale(): string | undefined {
    return this.activity.locale;
  }

  get showsPictures(): boolean {
    return this.channel.showsPictures(this.activity);
  }

  /** A note for the first reply of this turn (the message could not be translated...). */
  addNote(note: string): void {
    this.pendingNotes.push(note);
  }

  async reply(document: Card): Promise<string | undefined> {
    const reply = await this.render(document);
    const sent = await this.toChannel(() => this.context.sendActivity(reply));
    return sent?.id;
  }

  async replaceAnswered(document: Card, otherwise: 'reply' | 'skip' = 'reply'): Promise<void> {
    const reply = await this.render(document);
    const replaced = await this.toChannel(() => this.channel.replaceAnswered(this.context, reply));
    if (!replaced && otherwise === 'reply') await this.toChannel(() => this.context.sendActivity(reply));
  }

  async update(messageId: string, document: Card): Promise<void> {
    const reply = await this.render(document);
    await this.toChannel(() => this.channel.update(this.context, messageId, reply));
  }

  /** One send to the channel, under its deadline: a connector that never answers does not hold the turn forever. */
  private async toChannel<T>(send: () => Promise<T>): Promise<T> {
    const timeoutMs = this.services.channelTimeoutMs;
    try {
      return await withDeadline(timeoutMs, send);
    } catch (error) {
      if (!isDeadlineExceeded(error)) throw error;
      throw new ServiceError('unavailable', `The chat service did not take my answer within ${seconds(timeoutMs)}.`, { cause: error });
    }
  }

  async images(): Promise<MessageImages> {
    return this.services.images.fetch(this.channel.imageReferences(this.context), this.activity.serviceUrl, this.channel.fileHosts);
  }

  async settings(): Promise<ConversationSettings> {
    const { autoTranslation, labelling } = await this.storedSettings();
    return { autoTranslation, labelling };
  }

  async updateSettings(change: Partial<ConversationSettings>): Promise<void> {
    this.remember(await this.services.settings.update(this.conversationKey, change));
  }

  /** Whether the person of this turn has a multi-turn flow open here (ConversationFlows reads its state only then). */
  async hasOpenFlow(): Promise<boolean> {
    return (await this.storedSettings()).openFlows?.includes(this.person) ?? false;
  }

  /** Notes that the person of this turn has a flow open here, or no longer has. */
  async markFlow(open: boolean): Promise<void> {
    const person = this.person;
    const settings = await this.services.settings.update(this.conversationKey, (current) => {
      const others = (current.openFlows ?? []).filter((id) => id !== person);
      return { openFlows: open ? [...others, person] : others.length > 0 ? others : undefined };
    });
    this.remember(settings);
  }

  private get person(): string {
    return this.activity.from?.id ?? '';
  }

  /** Whether the bot was already welcomed here; marks it welcomed. */
  async welcomeOnce(): Promise<boolean> {
    if ((await this.storedSettings()).welcomed) return false;
    this.remember(await this.services.settings.update(this.conversationKey, { welcomed: true }));
    return true;
  }

  private get conversationKey(): string {
    return conversationKeyOf(this.activity);
  }

  private storedSettings(): Promise<StoredConversation> {
    this.stored ??= (this.context.turnState.get(SETTINGS) as Promise<StoredConversation> | undefined) ?? this.services.settings.get(this.conversationKey);
    return this.stored;
  }

  private remember(settings: StoredConversation): void {
    this.stored = Promise.resolve(settings);
    this.context.turnState.set(SETTINGS, this.stored);
  }

  private async render(document: Card): Promise<Partial<Activity>> {
    let reply = document;
    for (const note of this.pendingNotes.splice(0)) reply = withNote(reply, note);
    // A reply goes out untranslated rather than not at all when the settings cannot be read (the state storage
    // is down: the turn's own error, reported once, says so).
    const stored = await this.storedSettings().catch((error: unknown) => {
      if (isServiceError(error)) return undefined;
      throw error;
    });
    const language = stored?.autoTranslation;
    if (language) reply = await this.services.autoTranslation.translateReply(reply, language);
    return this.channel.render(reply, this.activity);
  }
}

function conversationKeyOf(activity: Activity): string {
  return `${activity.channelId}/${activity.conversation.id}`;
}
