/* The try-out page: one conversation with labmate per browser. What the bot says arrives on a server-sent event
 * stream (replies, rewritten cards, messages it posts later); what the person does is posted as an activity. */
import { renderMessage } from './render.js';

const ID_KEY = 'labmate-tryout-id';
const id = localStorage.getItem(ID_KEY) ?? crypto.randomUUID();
localStorage.setItem(ID_KEY, id);

const $ = (selector) => document.querySelector(selector);
const messages = $('#messages');
const status = $('#status');
const composer = $('#composer');
const textInput = $('#text');
const imageInput = $('#image');
const chosen = $('#chosen');
/** The bot's messages on the page, by id, so that a rewritten one is replaced where it is. */
const shown = new Map();
let pending = 0;
let image;

$('#who').textContent = `tryout/${id}`;
const settings = await fetch('/tryout/api/settings').then((response) => response.json()).catch(() => ({ maxImageBytes: 4 * 1024 * 1024 }));

function scrollDown() {
  messages.scrollTop = messages.scrollHeight;
}

function showStatus(text, kind = 'info') {
  status.textContent = text;
  status.className = kind;
}

function showBotMessage(messageId, message) {
  const element = renderMessage(message, (action) => pressed(action, messageId));
  element.dataset.messageId = messageId;
  const earlier = shown.get(messageId);
  if (earlier) earlier.replaceWith(element);
  else messages.append(element);
  shown.set(messageId, element);
  scrollDown();
}

function showOwnMessage(text, picture) {
  const element = document.createElement('div');
  element.className = 'bubble me';
  if (picture) {
    const img = document.createElement('img');
    img.src = picture.contentUrl;
    img.alt = picture.name;
    element.append(img);
  }
  if (text) {
    const words = document.createElement('div');
    words.textContent = text;
    element.append(words);
  }
  messages.append(element);
  scrollDown();
}

/** Posts an activity; while turns run, says that labmate is typing; a refusal is shown under the messages. */
async function post(activity) {
  pending++;
  showStatus('labmate is typing…');
  try {
    const response = await fetch('/tryout/api/activities', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, locale: navigator.language, ...activity }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
    return body;
  } catch (error) {
    showStatus(`Not sent: ${error.message}`, 'error');
    return undefined;
  } finally {
    pending--;
    if (pending === 0 && status.className !== 'error') showStatus('');
  }
}

/** A card's button: Action.Submit sends its `{ command }` as the person's message; Action.Execute is an invoke. */
async function pressed(action, messageId) {
  if (action instanceof AdaptiveCards.OpenUrlAction) {
    if (/^https?:/i.test(action.url ?? '')) window.open(action.url, '_blank', 'noopener,noreferrer');
    return;
  }
  const command = action.data?.command;
  if (typeof command !== 'string') return;
  if (action instanceof AdaptiveCards.ExecuteAction) {
    const answer = await post({ type: 'invoke', action: { verb: action.verb, data: { command } }, replyToId: messageId });
    // Teams shows an invoke's message response briefly; a refusal says why here.
    if (typeof answer?.value === 'string' && answer.value !== 'OK') showStatus(answer.value, 'error');
    return;
  }
  showOwnMessage(command);
  await post({ type: 'message', value: { command }, replyToId: messageId });
}

composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = textInput.value.trim();
  if (!text && !image) return;
  const attachments = image ? [image] : undefined;
  showOwnMessage(text, image);
  textInput.value = '';
  chooseImage(undefined);
  await post({ type: 'message', text, attachments });
});

function chooseImage(picture) {
  image = picture;
  imageInput.value = '';
  chosen.textContent = picture ? picture.name : '';
}

imageInput.addEventListener('change', () => {
  const file = imageInput.files?.[0];
  if (!file) return;
  if (file.size > settings.maxImageBytes) {
    showStatus(`${file.name} is larger than ${(settings.maxImageBytes / 1048576).toFixed(1)} MB, the most labmate takes.`, 'error');
    chooseImage(undefined);
    return;
  }
  const reader = new FileReader();
  reader.onload = () => chooseImage({ contentType: file.type || 'image/png', name: file.name, contentUrl: reader.result });
  reader.readAsDataURL(file);
});

const events = new EventSource(`/tryout/api/events?id=${encodeURIComponent(id)}`);
for (const type of ['message', 'update']) {
  events.addEventListener(type, (event) => {
    const { messageId, message } = JSON.parse(event.data);
    showBotMessage(messageId, message);
  });
}
let opened = false;
events.addEventListener('open', () => {
  if (status.className === 'offline') showStatus('');
  // The first time only: the bot says hello once per conversation, as when it is added to a chat in Teams.
  if (!opened) void post({ type: 'conversationUpdate' });
  opened = true;
});
events.addEventListener('error', () => showStatus('Reconnecting to labmate…', 'offline'));
textInput.focus();
