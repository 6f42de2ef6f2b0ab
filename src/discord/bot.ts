import { type Client, Events, type Interaction, type Message } from 'discord.js';
import { createDiscordChannelAccess } from './channel-access.js';
import { createClient } from './client.js';
import type { DiscordDeps } from './deps.js';
import { InFlight } from './in-flight.js';
import { type ContextMenuHandler, createRouter } from './router.js';

/** How long shutdown waits for replies already being written. Discord allows 15 minutes, users less. */
export const SHUTDOWN_GRACE_MS = 10_000;

export interface BotOptions {
  token: string;
  apiBase: string;
  /** This process is one shard of several (see client.ts). */
  shardedByManager?: boolean;
  deps: DiscordDeps;
  contextMenus?: Readonly<Record<string, ContextMenuHandler>>;
  /** Free-form questions (mentions, DMs, replies to the bot's answers). */
  onMessage?: (message: Message) => Promise<void>;
}

export interface RunningBot {
  client: Client;
  /** The gateway is connected (for /healthz). */
  connected(): boolean;
  /** Stops taking new work, finishes what is in flight, and closes the gateway. */
  stop(): Promise<void>;
}

/** Logs in and serves until stopped. Nothing Discord does (errors, disconnects) ends the process. */
export async function startBot(options: BotOptions): Promise<RunningBot> {
  const log = options.deps.logger.child({ module: 'bot' });
  const client = createClient({ apiBase: options.apiBase, shardedByManager: options.shardedByManager });
  // /subscribe asks whether the bot can post in a channel; only the logged-in client can tell.
  const deps = { channels: createDiscordChannelAccess(client), ...options.deps };
  const route = createRouter(deps, { contextMenus: options.contextMenus });
  const inFlight = new InFlight();
  let accepting = true;

  const onInteraction = (interaction: Interaction) => {
    if (!accepting) return;
    void inFlight.track(route(interaction));
  };
  const onMessage = (message: Message) => {
    if (!accepting || !options.onMessage) return;
    void inFlight.track(
      options.onMessage(message).catch((err: unknown) => log.error({ err, messageId: message.id }, 'message failed')),
    );
  };
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.MessageCreate, onMessage);
  client.on(Events.Error, (err) => log.error({ err }, 'client error'));
  client.on(Events.Warn, (message) => log.warn({ detail: message }, 'client warning'));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ code: event.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
  client.rest.on('rateLimited', (info) =>
    log.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, 'rate limited by Discord'),
  );
  client.once(Events.ClientReady, (ready) =>
    log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'logged in to Discord'),
  );

  await client.login(options.token);

  return {
    client,
    connected: () => client.isReady(),
    async stop() {
      accepting = false;
      client.off(Events.InteractionCreate, onInteraction);
      client.off(Events.MessageCreate, onMessage);
      if (inFlight.size) log.info({ inFlight: inFlight.size }, 'finishing replies in flight');
      const finished = await inFlight.drain(SHUTDOWN_GRACE_MS);
      if (!finished) log.warn({ inFlight: inFlight.size }, 'gave up waiting for replies in flight');
      await client.destroy();
    },
  };
}
