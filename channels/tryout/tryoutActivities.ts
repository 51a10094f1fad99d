import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity, type Attachment } from 'botbuilder';
import { TRYOUT_CHANNEL } from '../../config/tryout.js';

/** The id a browser makes for itself (crypto.randomUUID); it names the person and their conversation. */
export const PAGE_ID = /^[A-Za-z0-9-]{8,64}$/;
/** The id of a message the page was sent, which a pressed button names (replyToId). */
const MESSAGE_ID = /^[A-Za-z0-9.-]{1,64}$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

const BOT = { id: 'labmate', name: 'labmate' };

type PageRequest = { ok: true; activity: Partial<Activity> } | { ok: false; message: string };

/**
 * What the page posts, checked field by field and turned into the activity a Bot Framework client would send: a
 * typed message (with images as data: URLs), a button's `{ command }` (Action.Submit) or Action.Execute (an
 * invoke), or the page opening (conversationUpdate, so the bot says hello once). Anything else is refused.
 */
export function activityFromPage(body: Record<string, unknown>): PageRequest {
  const { id: pageId, type } = body;
  if (typeof pageId !== 'string' || !PAGE_ID.test(pageId)) return refuse('id must be the page\'s own id (8-64 letters, digits or -)');
  // A chat of one: the page's person is "you" ("Confirmed by you."); logs name them by their id.
  const person = { id: pageId, name: 'you' };
  const locale = typeof body.locale === 'string' && LOCALE.test(body.locale) ? body.locale : undefined;
  const base: Partial<Activity> = {
    id: randomUUID(),
    channelId: TRYOUT_CHANNEL,
    conversation: { id: pageId, conversationType: 'personal', isGroup: false, name: '' },
    from: person,
    recipient: BOT,
    timestamp: new Date(),
    ...(locale ? { locale } : {}),
  };
  const replyToId = typeof body.replyToId === 'string' && MESSAGE_ID.test(body.replyToId) ? body.replyToId : undefined;

  if (type === 'conversationUpdate') {
    return { ok: true, activity: { ...base, type: ActivityTypes.ConversationUpdate, membersAdded: [person, BOT] } };
  }
  if (type === 'invoke') {
    const action = body.action as { verb?: unknown; data?: unknown } | undefined;
    const command = commandOf(action?.data);
    if (typeof action?.verb !== 'string' || command === undefined) return refuse('an invoke needs action.verb and action.data.command');
    return {
      ok: true,
      activity: {
        ...base,
        type: ActivityTypes.Invoke,
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: action.verb, data: { command } }, trigger: 'manual' },
        ...(replyToId ? { replyToId } : {}),
      },
    };
  }
  if (type !== 'message') return refuse('type must be message, invoke or conversationUpdate');

  const text = body.text === undefined ? '' : body.text;
  if (typeof text !== 'string') return refuse('text must be a string');
  const attachments = imagesOf(body.attachments);
  if (!attachments) return refuse('attachments must be images as data: URLs ({ contentType: "image/...", name, contentUrl: "data:..." })');
  const command = body.value === undefined ? undefined : commandOf(body.value);
  if (body.value !== undefined && command === undefined) return refuse('value must be a button\'s { command }');
  return {
    ok: true,
    activity: {
      ...base,
      type: ActivityTypes.Message,
      text,
      ...(command !== undefined ? { value: { command } } : {}),
      ...(attachments.length ? { attachments } : {}),
      ...(replyToId ? { replyToId } : {}),
    },
  };
}

function commandOf(data: unknown): string | undefined {
  const command = (data as { command?: unknown } | undefined)?.command;
  return typeof command === 'string' ? command : undefined;
}

/** Images as data: URLs only: the page reads the file itself, so nothing is ever fetched on its behalf. */
function imagesOf(value: unknown): Attachment[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 10) return undefined;
  const images: Attachment[] = [];
  for (const item of value as Array<Record<string, unknown> | null>) {
    const { contentType, contentUrl, name } = item ?? {};
    if (typeof contentType !== 'string' || !/^image\/[\w.+-]+$/.test(contentType)) return undefined;
    if (typeof contentUrl !== 'string' || !contentUrl.startsWith('data:')) return undefined;
    if (name !== undefined && (typeof name !== 'string' || name.length > 200)) return undefined;
    images.push({ contentType, contentUrl, ...(name ? { name } : {}) });
  }
  return images;
}

function refuse(message: string): PageRequest {
  return { ok: false, message };
}
