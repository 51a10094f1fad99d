import type { Activity } from 'botbuilder';
import { TRYOUT_CHANNEL } from '../../config/tryout.js';
import { imageAttachments } from '../attachments/imageAttachments.js';
import { callerFrom, cardReply } from '../botframework/botFrameworkChannel.js';
import { REWRITES_BY_ID, type Channel } from '../Channel.js';
import type { TryoutAdapter } from './TryoutAdapter.js';

/**
 * The try-out page, shown as Teams shows things: Adaptive Cards (schema 1.5, pictures included), answered cards
 * replaced in place. People are `tryout/<the browser's id>`, an id the page makes up, so it counts only where
 * `trustsIds` (labmate on this machine without authentication); their images come inside the message as data: URLs.
 */
export function tryoutChannel(adapter: TryoutAdapter, trustsIds: boolean): Channel {
  return {
    name: TRYOUT_CHANNEL,
    adapter,
    owns: (activity: Activity) => activity.channelId === TRYOUT_CHANNEL,
    render: (document) => cardReply(document),
    showsPictures: () => true,
    caller: (activity) => callerFrom(activity, trustsIds),
    commandText: (activity) => (activity.text ?? '').trim(),
    imageReferences: (context) => imageAttachments(context.activity.attachments),
    fileHosts: [],
    // The page sends the id of the card whose button was pressed as replyToId, as Teams does.
    ...REWRITES_BY_ID,
  };
}
