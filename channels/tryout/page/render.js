/* Renders the bot's messages as Teams does: Adaptive Cards through the official renderer with a Teams-like host
 * config, Markdown (in TextBlocks and text messages) through markdown-it with raw HTML off. */
import { teamsHostConfig } from './teamsHostConfig.js';

const CARD = 'application/vnd.microsoft.card.adaptive';
const markdown = window.markdownit({ html: false, linkify: false });
const hostConfig = new AdaptiveCards.HostConfig(teamsHostConfig);

AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown.render(text);
  result.didProcess = true;
};

/** A bot message; `onAction(action)` runs when one of its card's buttons is pressed. */
export function renderMessage(message, onAction) {
  const element = document.createElement('div');
  element.className = 'bubble bot';
  if (message.text) {
    const text = document.createElement('div');
    text.className = 'text';
    // markdown-it escapes any HTML in the text (html: false); links open elsewhere.
    text.innerHTML = markdown.render(message.text);
    for (const link of text.querySelectorAll('a')) Object.assign(link, { target: '_blank', rel: 'noopener noreferrer' });
    element.append(text);
  }
  for (const attachment of message.attachments ?? []) {
    if (attachment.contentType === CARD) element.append(renderCard(attachment.content, onAction));
  }
  return element;
}

function renderCard(content, onAction) {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.onExecuteAction = onAction;
  try {
    card.parse(content);
    const rendered = card.render();
    if (rendered) return rendered;
  } catch (error) {
    console.error('could not render a card', error, content);
  }
  const fallback = document.createElement('p');
  fallback.className = 'fallback';
  fallback.textContent = content?.fallbackText ?? 'This card could not be shown.';
  return fallback;
}
