import { Client, GatewayIntentBits, Partials } from 'discord.js';
import { NO_MENTIONS } from './render.js';

/**
 * The fewest intents that work. Guilds: slash commands, buttons and the context menu arrive as
 * interactions and need only this. GuildMessages and DirectMessages: mentions, DMs and replies to
 * the bot's answers arrive as messages. MessageContent is privileged and is not requested: Discord
 * still sends the content of messages that mention the bot, of replies to it, and of DMs.
 * https://discord.com/developers/docs/events/gateway#message-content-intent
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

export interface ClientOptions {
  /** REST base (DISCORD_API_BASE): Discord, or a REST proxy in front of it. */
  apiBase: string;
  /**
   * Spawned by the ShardingManager: discord.js then reads its shard ids from SHARDS and
   * SHARD_COUNT in the environment. Otherwise the one process is shard 0 of 1 (see
   * `hideShardCountFromDiscordJs` in config.ts for why SHARD_COUNT must not reach discord.js).
   */
  shardedByManager?: boolean;
}

/**
 * A discord.js client for Newsdesk. DM channels are not cached before their first message, so they
 * arrive as partials (https://discordjs.guide/popular-topics/partials). Mentions are off by
 * default too, as a second guard behind the payloads' own allowed_mentions.
 */
export function createClient(options: ClientOptions): Client {
  return new Client({
    intents: INTENTS,
    partials: [Partials.Channel],
    rest: { api: options.apiBase },
    allowedMentions: NO_MENTIONS,
    ...(options.shardedByManager ? {} : { shards: [0], shardCount: 1 }),
  });
}
