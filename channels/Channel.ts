import type { Activity, BotAdapter, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { Caller } from '../state/Caller.js';
import type { Card } from '../cards/Card.js';
import type { Logger } from '../logging/logger.js';
import type { ImageReference } from './attachments/imageAttachments.js';

/**
 * Everything that differs between the places people talk to labmate, behind one interface: how a reply is
 * rendered, who the sender is, where a message's files come from, how an answered button is replaced, and which
 * adapter reaches its conversations later. The bot itself never asks which channel it is talking to.
 */
export interface Channel {
  /**
   * labmate's name for this channel: a stable id (saved with conversation handles, so proactive posts find their
   * channel again) and for logs. It is not the Bot Framework `channelId` that callers' keys and VM_OPERATORS use:
   * `teams` receives `msteams`, `slack-app` and `slack-botservice` receive `slack`, `webchat` receives
   * `emulator`, `webchat` and `directline`, `botframework` any other, `tryout` receives `tryout` (config/compute.ts
   * refuses `teams/…` and the Slack names in VM_OPERATORS, naming the id meant).
   */
  readonly name: string;
  /** True for this channel's activities. */
  owns(activity: Activity): boolean;
  /** The adapter that continues this channel's conversations outside a turn. */
  readonly adapter: BotAdapter;
  /** A document as this channel's clients show it (an Adaptive Card, Block Kit, Markdown...). */
  render(document: Card, incoming: Activity): Partial<Activity>;
  /** Whether replies show pictures (image thumbnails); when not, nobody makes them. */
  showsPictures(incoming: Activity): boolean;
  /** The sender, with the id VM_OPERATORS names them by. */
  caller(activity: Activity): Caller;
  /** The message text a command is read from (a mention of the bot removed). */
  commandText(activity: Activity): string;
  /** The images a message carries, each with the token its download may carry. */
  imageReferences(context: TurnContext): ImageReference[];
  /** Where this channel serves files, besides the conversation's service host (host entries, see DownloadPolicy). */
  readonly fileHosts: readonly string[];
  /** Sends `reply` in place of the message whose button was pressed; false when the channel cannot (then it is sent as a reply). */
  replaceAnswered(context: TurnContext, reply: Partial<Activity>): Promise<boolean>;
  /** Rewrites a message sent earlier; false when the channel cannot. */
  update(context: TurnContext, messageId: string, reply: Partial<Activity>): Promise<boolean>;
}

/**
 * How a channel whose messages can be rewritten by id (Teams, the try-out page) replaces them: a pressed button
 * names the message it sits on as replyToId. A typed message's replyToId is the post of the thread it was typed in
 * (Teams channels), which may be anyone's: it is never rewritten; the answer is a reply.
 */
export const REWRITES_BY_ID: Pick<Channel, 'replaceAnswered' | 'update'> = {
  replaceAnswered: async (context, reply) => {
    const id = context.activity.replyToId;
    if (!id || !isButtonPress(context.activity)) return false;
    await context.updateActivity({ ...reply, id });
    return true;
  },
  update: async (context, id, reply) => {
    await context.updateActivity({ ...reply, id });
    return true;
  },
};

/** What a channel folder gives the composition root: its channels, and the HTTP routes that receive their messages. */
export interface ChannelRegistration {
  channels: Channel[];
  mount(server: restify.Server, receiver: TurnReceiver): void;
}

/** How a channel's route hands a turn to the bot, and what it needs to know while doing so. */
export interface TurnReceiver {
  /** Runs the bot on one turn. */
  run(context: TurnContext): Promise<void>;
  /** Waits (bounded) until the bot can take turns; false when it did not get ready in time. */
  ready(): Promise<boolean>;
  /** Tracks work so shutdown can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
  logger: Logger;
}

/** Finds the channel of an activity: the first that owns it, else the fallback (plain Markdown). */
export class ChannelRegistry {
  constructor(
    private readonly channels: readonly Channel[],
    private readonly fallback: Channel,
  ) {}

  for(activity: Activity): Channel {
    return this.channels.find((channel) => channel.owns(activity)) ?? this.fallback;
  }

  /** Every channel's adapter, once (the Bot Framework's clients share one). */
  adapters(): BotAdapter[] {
    return [...new Set([...this.channels, this.fallback].map((channel) => channel.adapter))];
  }

  /** The channel a conversation handle was made by. */
  named(name: string): Channel {
    return this.channels.find((channel) => channel.name === name) ?? this.fallback;
  }
}

/** An Action.Execute invoke, or an Action.Submit whose value is the button's `{ command }`. */
function isButtonPress(activity: Activity): boolean {
  if (activity.type === 'invoke') return true;
  const value = activity.value as { command?: unknown } | undefined;
  return typeof value?.command === 'string';
}
