import type { TryoutConfig } from '../../config/index.js';
import type { ChannelRegistration } from '../Channel.js';
import { mountTryoutApi } from './apiRoutes.js';
import { Conversations } from './Conversations.js';
import { mountPageFiles } from './pageFiles.js';
import { TryoutAdapter } from './TryoutAdapter.js';
import { tryoutChannel } from './tryoutChannel.js';

interface TryoutOptions {
  config: TryoutConfig;
  /** IMAGE_MAX_BYTES, which the page's uploads are held to like any other channel's images. */
  maxImageBytes: number;
}

/** The try-out page at `/` (when TRYOUT_PAGE is on): a chat in the browser that shows replies as Teams does. */
export function tryout({ config, maxImageBytes }: TryoutOptions): ChannelRegistration {
  if (!config.enabled) return { channels: [], mount: () => undefined };
  const conversations = new Conversations();
  const adapter = new TryoutAdapter(conversations);
  return {
    channels: [tryoutChannel(adapter, config.trustsIds)],
    mount: (server, receiver) => {
      mountPageFiles(server, config.loopbackOnly);
      mountTryoutApi(server, { adapter, conversations, receiver, maxImageBytes, loopbackOnly: config.loopbackOnly });
    },
  };
}
