import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference } from 'botbuilder';

/**
 * A botbuilder adapter for a channel labmate receives itself (the direct Slack app, the try-out page) rather than
 * through the Bot Framework: proactive turns (a finished VM operation...) need no Bot Framework identity, so both of
 * botbuilder's ways to continue a conversation run the turn at once.
 */
export abstract class DirectChannelAdapter extends BotAdapter {
  /** A proactive turn in a conversation the bot has seen. */
  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, this.proactiveActivity(activity)), logic);
  }

  /** Same as continueConversation: there is no app id or claims to check. */
  override async continueConversationAsync(
    _botAppIdOrClaims: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: ((context: TurnContext) => Promise<void>) | string,
    maybeLogic?: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('continueConversationAsync needs the turn logic');
    await this.continueConversation(reference, logic);
  }

  /** A proactive turn's activity as this channel marks its own turns; as it is by default. */
  protected proactiveActivity(activity: Partial<Activity>): Partial<Activity> {
    return activity;
  }
}
