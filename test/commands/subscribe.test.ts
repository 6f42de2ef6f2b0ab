import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { subscribe } from '../../commands/subscribe.js';
import { subscriptions } from '../../commands/subscriptions.js';
import { unsubscribe } from '../../commands/unsubscribe.js';
import { type CommandContext, type CommandDefinition, checkAccess, readOptions } from '../../src/command.js';
import { UserFacingError } from '../../src/errors.js';
import type { Reply } from '../../src/reply.js';
import type { Services } from '../../src/services.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { ChannelAccess, ChannelCheck } from '../../src/subscriptions/channel-access.js';
import { SubscriptionManager } from '../../src/subscriptions/subscription-manager.js';
import { SEEDS_DIR, servicesFrom } from './helpers.js';

const GUILD = '100000000000000001';
const NEWS = '200000000000000001';
const LOCKED = '200000000000000002';
const VOICE = '200000000000000003';

/** The channels a transport would describe; the Discord one is tested against the fake Discord. */
const channels: ChannelAccess = {
  async check(_guildId, channelId): Promise<ChannelCheck> {
    if (channelId === NEWS) return { channelId, label: '#news', kind: 'text', missing: [] };
    if (channelId === LOCKED)
      return { channelId, label: '#locked', kind: 'text', missing: ['Send Messages', 'Embed Links'] };
    if (channelId === VOICE)
      return {
        channelId,
        label: '#voice',
        kind: 'unsupported',
        missing: [],
        problem: 'a voice channel takes no posts.',
      };
    return {
      channelId,
      label: `<#${channelId}>`,
      kind: 'unsupported',
      missing: [],
      problem: 'I can’t see that channel.',
    };
  },
};

describe('/subscribe, /unsubscribe, /subscriptions', () => {
  let store: SqliteStore;
  let services: Services;
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-subscribe-'));
    store = await SqliteStore.open(join(dir, 'store.sqlite'));
    services = { ...(await servicesFrom(SEEDS_DIR)), subscriptions: new SubscriptionManager(store) };
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
    services,
    now: new Date('2025-08-10T12:00:00Z'),
    guildId: GUILD,
    channelId: NEWS,
    userId: '300000000000000001',
    memberPermissions: new Set(['Manage Channels']),
    channels,
    ...extra,
  });

  async function run(command: CommandDefinition, raw: Record<string, string>, extra: Partial<CommandContext> = {}) {
    const ctx = context(extra);
    checkAccess(command, ctx);
    return command.run(readOptions(command, raw), ctx) as Promise<Reply>;
  }

  it('subscribes the channel it is run in to every update, and says how to stop it', async () => {
    const reply = await run(subscribe, {});
    expect(reply.title).toBe('Subscribed #news');
    expect(reply.intro).toBe('#news gets every update to the story.');
    const [saved] = await store.listSubscriptions(GUILD);
    expect(saved).toMatchObject({ channelId: NEWS, mode: 'every', topic: null, paused: false });
    expect(reply.items[0]?.text).toContain(`/unsubscribe id:${saved?.id.slice(0, 8)}`);
  });

  it('takes a topic and a daily digest at a time in a zone', async () => {
    const reply = await run(subscribe, {
      topic: ' ferry ,  Karoline Leavitt ',
      time: '7:30',
      timezone: 'Europe/Paris',
    });
    expect(reply.intro).toBe(
      '#news gets a daily digest at 07:30 (Europe/Paris) of updates about “ferry, Karoline Leavitt”.',
    );
    const [saved] = await store.listSubscriptions(GUILD);
    expect(saved).toMatchObject({ mode: 'digest', digest: { time: '07:30', timeZone: 'Europe/Paris' } });
  });

  it('does not subscribe the same channel twice to the same thing', async () => {
    await run(subscribe, { topic: 'ferry' });
    const again = await run(subscribe, { topic: 'Ferry' });
    expect(again.title).toBe('#news is already subscribed');
    expect(await store.listSubscriptions(GUILD)).toHaveLength(1);
  });

  it('resumes a subscription paused by a failed delivery when subscribed again', async () => {
    await run(subscribe, {});
    const [saved] = await store.listSubscriptions(GUILD);
    await store.pauseSubscription(saved?.id ?? '', 'Newsdesk lost access to #news');
    expect((await run(subscriptions, {})).items[0]?.text).toContain('paused: Newsdesk lost access to #news');
    expect((await run(subscribe, {})).title).toBe('Resumed #news');
    expect((await store.listSubscriptions(GUILD))[0]?.paused).toBe(false);
  });

  it('names the permissions the bot lacks, or why a channel takes no posts', async () => {
    await expect(run(subscribe, { channel: LOCKED })).rejects.toThrow(
      "I can't post updates in #locked: I'm missing Send Messages and Embed Links there.",
    );
    await expect(run(subscribe, { channel: VOICE })).rejects.toThrow('a voice channel takes no posts.');
    expect(await store.listSubscriptions(GUILD)).toHaveLength(0);
  });

  it('is for members with Manage Channels, in a server', async () => {
    await expect(run(subscribe, {}, { memberPermissions: new Set() })).rejects.toThrow(
      'Only members with the Manage Channels permission can use /subscribe.',
    );
    await expect(run(unsubscribe, {}, { memberPermissions: new Set() })).rejects.toThrow(UserFacingError);
    await expect(run(subscribe, {}, { guildId: null })).rejects.toThrow('works in a server channel');
  });

  it('answers bad digest options politely', async () => {
    await expect(run(subscribe, { mode: 'daily digest' })).rejects.toThrow('A daily digest needs a time');
    await expect(run(subscribe, { time: '25:00' })).rejects.toThrow('24-hour time');
    await expect(run(subscribe, { time: '18:00', timezone: 'Mars/Olympus' })).rejects.toThrow('not a time zone');
    await expect(run(subscribe, { mode: 'every update', time: '18:00' })).rejects.toThrow('for a daily digest');
  });

  it('lists subscriptions with their state, and unsubscribes by id or by channel', async () => {
    await run(subscribe, { topic: 'ferry' });
    await run(subscribe, { time: '18:00' });
    const listed = await run(subscriptions, {});
    expect(listed.intro).toBe('2 in this server.');
    expect(listed.items).toHaveLength(2);
    expect(listed.items.map((item) => item.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^#news — \w{8}: every update about “ferry”; active; last delivery none yet$/),
        expect.stringMatching(/^#news — \w{8}: a daily digest at 18:00 \(UTC\) of updates to the story; active/),
      ]),
    );
    const [first] = await store.listSubscriptions(GUILD);
    const removed = await run(unsubscribe, { id: first?.id.slice(0, 8) ?? '' });
    expect(removed.title).toBe('Unsubscribed');
    expect(await store.listSubscriptions(GUILD)).toHaveLength(1);
    await expect(run(unsubscribe, { id: 'ffffffff' })).rejects.toThrow('No subscription of this server has the id');
    expect((await run(unsubscribe, {})).title).toBe('Unsubscribed');
    expect((await run(subscriptions, {})).intro).toContain('None yet');
  });

  it('checks each subscribed channel once when listing, keeping the list in order', async () => {
    await run(subscribe, { topic: 'ferry' });
    await store.addSubscription({ guildId: GUILD, channelId: LOCKED, mode: 'every', createdBy: 'bob' });
    await run(subscribe, { time: '18:00' });
    const checked: string[] = [];
    const counting: ChannelAccess = {
      check: (guildId, channelId) => {
        checked.push(channelId);
        return channels.check(guildId, channelId);
      },
    };
    const listed = await run(subscriptions, {}, { channels: counting });
    expect(checked.sort()).toEqual([NEWS, LOCKED].sort());
    const labels = listed.items.map((item) => item.text.split(' — ')[0]);
    const order = (await store.listSubscriptions(GUILD)).map((s) => (s.channelId === NEWS ? '#news' : '#locked'));
    expect(labels).toEqual(order);
    expect(listed.items.find((item) => item.text.startsWith('#locked'))?.text).toContain('⚠ missing Send Messages');
  });

  it('says plainly where subscriptions are not available', async () => {
    const { subscriptions: _, ...withoutStore } = services;
    await expect(run(subscriptions, {}, { services: withoutStore })).rejects.toThrow(
      'Subscriptions are not available here',
    );
  });
});
