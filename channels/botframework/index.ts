import type { Telemetry } from '../../services/telemetry/Telemetry.js';
import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { BotIdentityConfig } from '../../config/index.js';
import type { Logger } from '../../logging/logger.js';
import type { Channel, ChannelRegistration } from '../Channel.js';
import { BotFrameworkAdapter } from './BotFrameworkAdapter.js';
import { otherBotFrameworkChannel, webChatChannel } from './botFrameworkChannel.js';
import { mountMessagesRoute } from './messagesRoute.js';
import { quietTokenErrors } from './quietTokenErrors.js';
import { TokenGate } from './TokenGate.js';

/**
 * The public cloud's settings (botframework-connector's AuthenticationConstants): botbuilder takes every one of them
 * as given once any is, so moving the metadata URLs means naming the rest.
 */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  CallerId: 'urn:botframework:azure',
  ValidateAuthority: true,
} satisfies ConfigurationBotFrameworkAuthenticationOptions;

/** Where signing keys are published; tests point them at a local server. */
export type OpenIdMetadataUrls = Pick<ConfigurationBotFrameworkAuthenticationOptions, 'ToBotFromChannelOpenIdMetadataUrl' | 'ToBotFromEmulatorOpenIdMetadataUrl'>;

interface BotFrameworkRegistration extends ChannelRegistration {
  /** The adapter every client of /api/messages is continued through (other channel folders build on it). */
  adapter: BotFrameworkAdapter;
  /** For any Bot Framework client no channel claims: Markdown text. */
  fallback: Channel;
}

/** The Bot Framework endpoint (/api/messages, JWT-checked when MicrosoftAppId is set) and its generic clients. */
export function botFramework(identity: BotIdentityConfig, logger: Logger, metadata: OpenIdMetadataUrls = {}, sendTimeoutMs = 10_000, telemetry?: Telemetry): BotFrameworkRegistration {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: identity.appType,
    MicrosoftAppTenantId: identity.tenantId,
    ...(Object.keys(metadata).length > 0 ? { ...PUBLIC_CLOUD, ...metadata } : {}),
  } satisfies ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new BotFrameworkAdapter(auth, { timeoutMs: sendTimeoutMs, logger, telemetry });
  const gate = new TokenGate(auth, identity.appId, logger);
  quietTokenErrors();
  return {
    adapter,
    channels: [webChatChannel(adapter, { authenticated: identity.appId !== '' })],
    fallback: otherBotFrameworkChannel(adapter),
    mount: (server, receiver) => mountMessagesRoute(server, adapter, gate, receiver),
  };
}
