import { TurnContext, type Activity } from 'botbuilder';
import type { Channel } from '../channels/Channel.js';
import type { AttachmentImages, MessageImages } from '../channels/attachments/AttachmentImages.js';
import type { Caller, ConversationHandle, ConversationSettings, ProactiveTurn, Turn } from '../commands/Turn.js';
import type { ResultDocument } from '../documents/document.js';
import type { ConversationSettingsStore, StoredConversation } from '../state/ConversationSettingsStore.js';
import { withNote, type AutoTranslation } from './AutoTranslation.js';

/** What every turn (and every proactive post) replies with. */
export interface ReplyServices {
  settings: ConversationSettingsStore;
  autoTranslation: AutoTranslation;
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
    private readonly services: ReplyServices & { images?: AttachmentImages },
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

  async reply(document: ResultDocument): Promise<string | undefined> {
    const sent = await this.context.sendActivity(await this.render(document));
    return sent?.id;
  }

  async replaceAnswered(document: ResultDocument, otherwise: 'reply' | 'skip' = 'reply'): Promise<void> {
    const reply = await this.render(document);
    if (!(await this.channel.replaceAnswered(this.context, reply)) && otherwise === 'reply') await this.context.sendActivity(reply);
  }

  async update(messageId: string, document: ResultDocument): Promise<void> {
    await this.channel.update(this.context, messageId, await this.render(document));
  }

  async images(): Promise<MessageImages> {
    if (!this.services.images) return { images: [], skipped: [], maxPerMessage: 0 };
    return this.services.images.fetch(this.channel.imageReferences(this.context), this.activity.serviceUrl, this.channel.fileHosts);
  }

  async settings(): Promise<ConversationSettings> {
    const { autoTranslation, labelling } = await this.storedSettings();
    return { autoTranslation, labelling };
  }

  async updateSettings(change: Partial<ConversationSettings>): Promise<void> {
    const next = await this.services.settings.update(this.conversationKey, change);
    this.stored = Promise.resolve(next);
  }

  /** Whether the bot was already welcomed here; marks it welcomed. */
  async welcomeOnce(): Promise<boolean> {
    if ((await this.storedSettings()).welcomed) return false;
    const next = await this.services.settings.update(this.conversationKey, { welcomed: true });
    this.stored = Promise.resolve(next);
    return true;
  }

  private get conversationKey(): string {
    return `${this.activity.channelId}/${this.activity.conversation.id}`;
  }

  private storedSettings(): Promise<StoredConversation> {
    this.stored ??= this.services.settings.get(this.conversationKey);
    return this.stored;
  }

  private async render(document: ResultDocument): Promise<Partial<Activity>> {
    let reply = document;
    for (const note of this.pendingNotes.splice(0)) reply = withNote(reply, note);
    const language = (await this.storedSettings()).autoTranslation;
    if (language) reply = await this.services.autoTranslation.translateReply(reply, language);
    return this.channel.render(reply, this.activity);
  }
}
