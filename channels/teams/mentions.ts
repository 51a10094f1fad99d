import { TurnContext, type Activity } from 'botbuilder';

/**
 * The message text without the bot's @mention. Teams channel messages carry `<at>labmate</at>` in the text
 * and a mention entity naming the bot; botbuilder removes the tagged text, and we tidy the spacing Teams adds.
 */
export function textWithoutMention(activity: Partial<Activity>): string {
  const text = activity.recipient ? TurnContext.removeRecipientMention(activity) : activity.text;
  return (text ?? '').replace(/&nbsp;|\u00a0/g, ' ').trim();
}
