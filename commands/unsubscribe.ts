import { type CommandDefinition, stringOption } from '../src/command.js';
import { UserFacingError } from '../src/errors.js';
import { describeSubscription, requireSubscriptions } from '../src/subscriptions/describe-subscription.js';

export const unsubscribe: CommandDefinition = {
  name: 'unsubscribe',
  description: 'Stop posting updates: one subscription by id, or every subscription of a channel',
  guildOnly: true,
  requires: 'Manage Channels',
  options: [
    {
      name: 'id',
      description: 'The subscription’s id (or its first 8 characters), from /subscriptions',
      type: 'string',
      maxLength: 36,
    },
    { name: 'channel', description: 'Every subscription of this channel (default: this channel)', type: 'channel' },
  ],
  async run(options, context) {
    const subscriptions = requireSubscriptions(context);
    const guildId = context.guildId as string;
    const id = stringOption(options, 'id');
    const channelId = stringOption(options, 'channel') ?? context.channelId ?? undefined;
    if (id && stringOption(options, 'channel')) throw new UserFacingError('Give id or channel, not both.');
    if (!id && !channelId) throw new UserFacingError('Give id: a subscription’s id from /subscriptions.');
    const removed = await subscriptions.unsubscribe(guildId, id ? { id } : { channelId: channelId as string });
    if (removed.length === 0) {
      throw new UserFacingError(
        id
          ? `No subscription of this server has the id "${id}"; /subscriptions lists them with their ids.`
          : 'That channel has no subscriptions; /subscriptions lists this server’s.',
      );
    }
    return {
      tone: 'info',
      title: removed.length === 1 ? 'Unsubscribed' : `Unsubscribed ${removed.length} subscriptions`,
      intro: 'Posts not yet sent for them are dropped.',
      items: removed.map((subscription) => ({
        text: `${subscription.id.slice(0, 8)}: ${describeSubscription(subscription)}, in <#${subscription.channelId}>`,
        cites: [],
      })),
      citations: [],
    };
  },
};
