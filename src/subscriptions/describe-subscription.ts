import type { CommandContext } from '../command.js';
import { UserFacingError } from '../errors.js';
import type { Subscription } from './subscription.js';
import type { SubscriptionManager } from './subscription-manager.js';

/** "every update to the story", "a daily digest at 18:30 (Europe/Paris) of updates about “ferry”". */
export function describeSubscription(subscription: Pick<Subscription, 'mode' | 'digest' | 'topic'>): string {
  const what =
    subscription.mode === 'digest' && subscription.digest
      ? `a daily digest at ${subscription.digest.time} (${subscription.digest.timeZone}) of updates`
      : 'every update';
  return subscription.topic ? `${what} about “${subscription.topic}”` : `${what} to the story`;
}

/** The subscription service, or a polite refusal where this Newsdesk keeps no subscriptions. */
export function requireSubscriptions(context: CommandContext): SubscriptionManager {
  const manager = context.services.subscriptions;
  // Only for /subscribe, /unsubscribe and /subscriptions, which are guildOnly: `checkAccess` has
  // already refused them outside a server.
  if (!manager) {
    throw new UserFacingError('Subscriptions are not available here: they need a server channel to post in.');
  }
  return manager;
}
