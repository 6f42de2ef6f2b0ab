import { Counter, collectDefaultMetrics, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * How a command ended: answered, refused with a message for the user (a UserFacingError), or failed
 * with a bug. The same words as the Discord transport's `Outcome`, so `Metrics` is a `DiscordMetrics`.
 */
export type CommandOutcome = 'answered' | 'refused' | 'failed';

export interface Metrics {
  registry: Registry;
  commands: Counter<'command' | 'outcome'>;
  latency: Histogram<'command'>;
  errors: Counter<'where'>;
  articles: Gauge;
  /** Records one served command, context menu or question: outcome, latency, and an error when it failed. */
  served(command: string, outcome: CommandOutcome, seconds: number): void;
  /** Records an error outside any command (the gateway, a message handler), logged with an incident id. */
  failed(where: string): void;
}

export interface MetricsOptions {
  /** Read at every scrape, so the gauge is never stale. */
  countArticles?: () => number;
}

/**
 * Buckets in seconds: acknowledgements take milliseconds, answers on a large corpus up to seconds,
 * and Discord gives up on an unacknowledged interaction after 3.
 */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];
const PREFIX = 'newsdesk_';

/**
 * Newsdesk's metrics, registered on the registry given (never prom-client's global default, so
 * tests and several bots in one process do not collide), plus Node's default process metrics.
 */
export function createMetrics(registry: Registry, options: MetricsOptions = {}): Metrics {
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const { countArticles } = options;
  const commands = new Counter({
    name: `${PREFIX}commands_total`,
    help: 'Commands and questions served, by command and outcome (answered, refused, failed).',
    labelNames: ['command', 'outcome'] as const,
    registers,
  });
  const latency = new Histogram({
    name: `${PREFIX}command_duration_seconds`,
    help: 'Time from receiving a command or question to the final reply, by command.',
    labelNames: ['command'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: `${PREFIX}errors_total`,
    help: 'Errors logged with an incident id, by where they happened (a command, messages, gateway).',
    labelNames: ['where'] as const,
    registers,
  });
  const articles = new Gauge({
    name: `${PREFIX}articles`,
    help: 'Articles in the corpus.',
    registers,
    ...(countArticles
      ? {
          collect() {
            this.set(countArticles());
          },
        }
      : {}),
  });
  return {
    registry,
    commands,
    latency,
    errors,
    articles,
    served(command, outcome, seconds) {
      commands.inc({ command, outcome });
      latency.observe({ command }, seconds);
      if (outcome === 'failed') errors.inc({ where: command });
    },
    failed(where) {
      errors.inc({ where });
    },
  };
}
