import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { BotIdentityConfig } from '../../config/index.js';
import type { Channel, ChannelRegistration } from '../Channel.js';
import { otherBotFrameworkChannel, webChatChannel, type BotFrameworkTrust } from './botFrameworkChannel.js';
import { mountMessagesRoute } from './messagesRoute.js';

export interface BotFrameworkRegistration extends ChannelRegistration {
  /** The adapter every client of /api/messages is continued through (other channel folders build on it). */
  adapter: CloudAdapter;
  /** For any Bot Framework client no channel claims: Markdown text. */
  fallback: Channel;
  /** How far /api/messages vouches for senders; other channel folders on it need it too. */
  trust: BotFrameworkTrust;
}

/** The Bot Framework endpoint (/api/messages, JWT-checked when MicrosoftAppId is set) and its generic clients. */
export function botFramework(identity: BotIdentityConfig): BotFrameworkRegistration {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: identity.appType,
    MicrosoftAppTenantId: identity.tenantId,
  } satisfies ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  const trust = { authenticated: identity.appId !== '' };
  return {
    adapter,
    trust,
    channels: [webChatChannel(adapter, trust)],
    fallback: otherBotFrameworkChannel(adapter, trust),
    mount: (server, receiver) => mountMessagesRoute(server, adapter, receiver),
  };
}
