/**
 * What a transport can tell the subscription commands about a channel before they accept it, so a
 * subscription is never created for a channel the bot could not post in. The Discord adapter
 * computes the bot's own permissions there (roles and overwrites); the console's one channel is
 * always writable. Kept free of Discord so `/subscribe` stays a platform-neutral command.
 */
export type ChannelKind = 'text' | 'announcement' | 'thread' | 'forum' | 'console' | 'unsupported';

export interface ChannelCheck {
  channelId: string;
  /** How the channel is shown to people, e.g. `#news`. */
  label: string;
  kind: ChannelKind;
  /**
   * Permissions the bot lacks there, by their names in Discord's UI ("View Channel", "Send
   * Messages", "Embed Links", "Send Messages in Threads", "Create Posts"); empty when it can post.
   */
  missing: string[];
  /** Set when the channel cannot take posts at all (unknown, not in this server, a voice channel…). */
  problem?: string;
}

export interface ChannelAccess {
  /** Checks a channel of `guildId` the bot would post updates to. Never throws for a bad channel. */
  check(guildId: string, channelId: string): Promise<ChannelCheck>;
}

/** The bot can post there: the channel exists, is a kind that takes posts, and nothing is missing. */
export function canPost(check: ChannelCheck): boolean {
  return !check.problem && check.kind !== 'unsupported' && check.missing.length === 0;
}
