/** Who sent a message, as the channel vouches for them. Plain JSON: operation records keep it. */
export interface Caller {
  /** `channel/userId`: unique across channels, and how VM_OPERATORS names people. */
  key: string;
  /** The channel's own id for the person (Teams: the Entra object id; Slack: U0123). */
  userId: string;
  /** The channel's name for the person, or their id when it gives none. */
  name: string;
  channel: string;
  /**
   * The channel vouches for the id: it came through the channel's own authentication (a Bot Framework token for a
   * Teams or Slack user, a signed Slack request), or the bot runs locally with no authentication at all. Ids a
   * client picks for itself (Direct Line, Web Chat, the Emulator against an authenticated bot) are not vouched for.
   */
  verified: boolean;
}
