import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { BotIdentityConfig } from '../../config/index.js';
import type { Channel, ChannelRegistration } from '../Channel.js';
import { otherBotFrameworkChannel, webChatChannel } from './botFrameworkChannel.js';
import { mountMessagesRoute } from './messagesRoute.js';

export interface BotFrameworkRegistration extends ChannelRegistration {
  /** The adapter every client of /api/messages is continued through (other channel folders build on it). */
  adapter: CloudAdapter;
  /** For any Bot Framework client no channel claims: Markdown text. */
  fallback: Channel;
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
  return {
    adapter,
    channels: [webChatChannel(adapter)],
    fallback: otherBotFrameworkChannel(adapter),
    mount: (server, receiver) => mountMessagesRoute(server, adapter, receiver),
  };
}
