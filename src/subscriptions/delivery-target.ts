import type { DeliveryTarget } from './outbox.js';
import type { Subscription } from './subscription.js';

/** Where a subscription's posts go: its channel, with the subscription to pause if posting there fails for good. */
export function targetOf(subscription: Subscription): DeliveryTarget {
  return { guildId: subscription.guildId, channelId: subscription.channelId, subscriptionId: subscription.id };
}
