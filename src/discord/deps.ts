import type { CommandDefinition } from '../command.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';
import type { ChannelAccess } from '../subscriptions/channel-access.js';

/** How an interaction or message ended, for metrics: answered, refused (a UserFacingError) or failed (a bug). */
export type Outcome = 'answered' | 'refused' | 'failed';

/**
 * What the Discord transport reports for /metrics. An interface so the transport does not depend
 * on the metrics library; src/health implements it with prom-client.
 */
export interface DiscordMetrics {
  /** One command, context menu or free-form question served, with how long it took. */
  served(command: string, outcome: Outcome, seconds: number): void;
}

/**
 * Everything Discord handlers need, built once in src/index.ts and handed down: the same commands
 * and services the console gets, so both transports give identical answers.
 */
export interface DiscordDeps {
  commands: readonly CommandDefinition[];
  services: Services;
  logger: Logger;
  metrics?: DiscordMetrics;
  /** The clock commands see; a parameter so tests can fix it. */
  now?: () => Date;
  /** Checks the bot's access to a channel before a subscription to it is accepted. */
  channels?: ChannelAccess;
}
