import type { DeliveryTarget, Subscription } from '../store/types.js';

/** Where a subscription's posts go: its channel, with the subscription to pause if posting there fails for good. */
export function targetOf(subscription: Subscription): DeliveryTarget {
  return { guildId: subscription.guildId, channelId: subscription.channelId, subscriptionId: subscription.id };
}
