import { listed } from '../src/citations.js';
import { type CommandContext, type CommandDefinition, stringOption } from '../src/command.js';
import { UserFacingError } from '../src/errors.js';
import type { Reply } from '../src/reply.js';
import { type ChannelCheck, canPost } from '../src/subscriptions/channel-access.js';
import { describeSubscription, requireSubscriptions } from '../src/subscriptions/describe-subscription.js';
import { isTimeZone } from '../src/subscriptions/new-subscription.js';
import type { DeliveryMode, DigestSchedule, Subscription } from '../src/subscriptions/subscription.js';

const DIGEST_TIME = /^([01]?\d|2[0-3])[:.h]([0-5]\d)$/;
export const MAX_TOPIC_LENGTH = 200;

export const subscribe: CommandDefinition = {
  name: 'subscribe',
  description: 'Post the story’s new and updated articles in a channel, as they come or as a daily digest',
  guildOnly: true,
  requires: 'Manage Channels',
  options: [
    { name: 'channel', description: 'Where to post (default: this channel)', type: 'channel' },
    {
      name: 'topic',
      description: 'Only updates naming these words or people, comma-separated',
      type: 'string',
      autocomplete: 'topic',
      maxLength: MAX_TOPIC_LENGTH,
    },
    {
      name: 'mode',
      description: 'Every update as it comes (default), or one daily digest',
      type: 'string',
      choices: [
        { name: 'every update', value: 'every' },
        { name: 'daily digest', value: 'digest' },
      ],
    },
    { name: 'time', description: 'Digest time, 24-hour HH:MM, like 18:30', type: 'string', maxLength: 5 },
    {
      name: 'timezone',
      description: 'Digest time zone, like Europe/Paris (default UTC)',
      type: 'string',
      autocomplete: 'timezone',
      maxLength: 64,
    },
  ],
  async run(options, context) {
    const subscriptions = requireSubscriptions(context);
    const guildId = context.guildId as string;
    const channelId = stringOption(options, 'channel') ?? context.channelId;
    if (!channelId) throw new UserFacingError('Which channel? Give channel: the channel to post updates in.');
    const digest = readDigest(
      stringOption(options, 'mode'),
      stringOption(options, 'time'),
      stringOption(options, 'timezone'),
    );
    const check = await checkChannel(context, guildId, channelId);

    const outcome = await subscriptions.subscribe({
      guildId,
      channelId,
      topic: stringOption(options, 'topic') ?? null,
      mode: digest ? 'digest' : 'every',
      digest,
      userId: context.userId ?? 'console',
    });
    if (outcome.kind === 'limit') {
      throw new UserFacingError(
        `This server already has ${outcome.limit} subscriptions, the most Newsdesk keeps; /unsubscribe one first.`,
      );
    }
    return confirmation(outcome.kind, outcome.subscription, check.label);
  },
};

/** A digest schedule when the person asked for one (mode, or a time given), null for every update. */
function readDigest(
  mode: string | undefined,
  time: string | undefined,
  timeZone: string | undefined,
): DigestSchedule | null {
  const wanted: DeliveryMode = mode === 'digest' || (mode === undefined && time !== undefined) ? 'digest' : 'every';
  if (wanted === 'every') {
    if (time || timeZone)
      throw new UserFacingError('time and timezone are for a daily digest; add mode: daily digest, or leave them out.');
    return null;
  }
  if (!time) throw new UserFacingError('A daily digest needs a time: give time: as HH:MM, like 18:30.');
  const match = DIGEST_TIME.exec(time);
  if (!match) throw new UserFacingError(`time should be a 24-hour time written HH:MM, like 18:30 (got "${time}").`);
  const zone = timeZone ?? 'UTC';
  if (!isTimeZone(zone)) {
    throw new UserFacingError(`"${zone}" is not a time zone I know; give one like Europe/Paris or America/New_York.`);
  }
  return { time: `${match[1]?.padStart(2, '0')}:${match[2]}`, timeZone: zone };
}

/** Refuses a channel the bot could not post in, naming exactly what is missing. */
async function checkChannel(context: CommandContext, guildId: string, channelId: string): Promise<ChannelCheck> {
  if (!context.channels) throw new UserFacingError('Subscriptions are not available here.');
  const check = await context.channels.check(guildId, channelId);
  if (check.problem) throw new UserFacingError(`I can't post updates in ${check.label}: ${check.problem}`);
  if (!canPost(check)) {
    throw new UserFacingError(
      `I can't post updates in ${check.label}: I'm missing ${listed(check.missing)} there. ` +
        'Give Newsdesk those permissions in the channel’s settings (Edit Channel → Permissions), then subscribe again.',
    );
  }
  return check;
}

function confirmation(kind: 'created' | 'resumed' | 'exists', subscription: Subscription, label: string): Reply {
  const short = subscription.id.slice(0, 8);
  const title = {
    created: `Subscribed ${label}`,
    resumed: `Resumed ${label}`,
    exists: `${label} is already subscribed`,
  }[kind];
  return {
    tone: 'info',
    title,
    intro: `${label} gets ${describeSubscription(subscription)}.`,
    items: [
      {
        text: `Subscription ${short}: /unsubscribe id:${short} stops it; /subscriptions lists this server’s.`,
        cites: [],
      },
    ],
    citations: [],
  };
}
