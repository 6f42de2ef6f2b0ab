import { plural, utcStamp } from '../src/citations.js';
import type { CommandDefinition } from '../src/command.js';
import { canPost } from '../src/subscriptions/channel-access.js';
import { describeSubscription, requireSubscriptions } from '../src/subscriptions/describe-subscription.js';
import { formatInZone, nextSlot } from '../src/subscriptions/digest-schedule.js';
import type { Subscription } from '../src/subscriptions/subscription.js';

export const subscriptions: CommandDefinition = {
  name: 'subscriptions',
  paginable: true,
  description: 'This server’s subscriptions: where, what, last delivery and last failure',
  guildOnly: true,
  ephemeral: true,
  options: [],
  async run(_options, context) {
    const manager = requireSubscriptions(context);
    const guildId = context.guildId as string;
    const list = await manager.list(guildId);
    const pending = await manager.pendingCount(guildId);
    // Checked live, so a permission taken away since shows here before the next post fails: each
    // channel once, however many subscriptions it has, and all of them at once.
    const { channels } = context;
    const channelIds = [...new Set(list.map((subscription) => subscription.channelId))];
    const checks = new Map(
      await Promise.all(
        channelIds.map(async (channelId) => [channelId, await channels?.check(guildId, channelId)] as const),
      ),
    );
    // A store that cannot be written still lists what it holds, but nothing is delivered meanwhile.
    const halted = manager.storeProblem() !== null;
    const items = [];
    for (const subscription of list) {
      const check = checks.get(subscription.channelId);
      const label = check?.label ?? `<#${subscription.channelId}>`;
      const warning = check && !canPost(check) ? ` ⚠ ${check.problem ?? `missing ${check.missing.join(', ')}`}` : '';
      items.push({ text: `${label} — ${line(subscription, context.now, halted)}${warning}`, cites: [] });
    }
    return {
      tone: 'info',
      title: 'Subscriptions',
      intro: `${halted ? `⚠ ${HALTED} ` : ''}${
        list.length
          ? `${list.length} in this server${pending ? `; ${plural(pending, 'post')} waiting to go out` : ''}.`
          : 'None yet. /subscribe posts the story’s updates in a channel.'
      }`,
      items,
      citations: [],
    };
  },
};

export const HALTED =
  'Updates are not being posted now: Newsdesk cannot write to its database. Its operator has been told; posts resume once it is fixed.';

function line(subscription: Subscription, now: Date, halted: boolean): string {
  const parts = [`${subscription.id.slice(0, 8)}: ${describeSubscription(subscription)}`];
  parts.push(
    subscription.paused
      ? `paused: ${subscription.pausedReason ?? 'delivery failed'} (fix it, then /subscribe again to resume)`
      : halted
        ? 'not delivering (database problem)'
        : 'active',
  );
  if (subscription.mode === 'digest' && subscription.digest && !subscription.paused) {
    parts.push(`next digest ${formatInZone(nextSlot(subscription.digest, now), subscription.digest.timeZone)}`);
  }
  parts.push(`last delivery ${subscription.lastDeliveryAt ? utcStamp(subscription.lastDeliveryAt) : 'none yet'}`);
  if (subscription.lastFailure) {
    parts.push(`last failure ${utcStamp(subscription.lastFailure.at)}: ${subscription.lastFailure.reason}`);
  }
  return parts.join('; ');
}
