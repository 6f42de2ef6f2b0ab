import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDiscordChannelAccess } from '../../src/discord/channel-access.js';
import { createClient } from '../../src/discord/client.js';
import { type ChannelAccess, canPost } from '../../src/subscriptions/channel-access.js';
import {
  ChannelKind,
  type FakeChannel,
  type FakeDiscord,
  Permission,
  startFakeDiscord,
} from '../fake-discord/index.js';
import { loginTo } from '../fake-discord/login.js';

// What /subscribe learns about a channel, from the project's discord.js client logged in to the fake
// Discord. Every channel is made before login, so it reaches the client in GUILD_CREATE as on Discord.

let fake: FakeDiscord;
let client: Client;
let access: ChannelAccess;
const channel: Record<string, FakeChannel> = {};

/** A channel of `type` in which the bot is denied `denied` (nothing when 0n). */
function make(name: string, type: number = ChannelKind.Text, denied = 0n): FakeChannel {
  const made = fake.createChannel(name, { type });
  if (denied) fake.denyBot(made.id, denied);
  channel[name] = made;
  return made;
}

function thread(name: string, parent: FakeChannel, options: { archived?: boolean; locked?: boolean } = {}) {
  const made = fake.createThread(parent.id, name, options);
  channel[name] = made;
  return made;
}

beforeAll(async () => {
  fake = await startFakeDiscord({ log: () => {} });
  make('updates');
  make('announcements', ChannelKind.Announcement);
  make('forum', ChannelKind.Forum);
  make('voice', ChannelKind.Voice);
  make('category', ChannelKind.Category);
  make('hidden', ChannelKind.Text, Permission.ViewChannel);
  make('mute', ChannelKind.Text, Permission.SendMessages);
  make('plain', ChannelKind.Text, Permission.EmbedLinks);
  make('mute-plain', ChannelKind.Text, Permission.SendMessages | Permission.EmbedLinks);
  make('announcements-mute', ChannelKind.Announcement, Permission.SendMessages);
  make('forum-no-posts', ChannelKind.Forum, Permission.SendMessages);
  make('forum-plain', ChannelKind.Forum, Permission.EmbedLinks);
  thread('ferry thread', channel.updates!);
  thread('quiet thread', make('threads-muted', ChannelKind.Text, Permission.SendMessagesInThreads));
  thread('forum post', channel.forum!);
  thread('closed thread', channel.updates!, { archived: true, locked: true });
  thread('archived thread', channel.updates!, { archived: true });
  client = createClient({ apiBase: fake.apiUrl });
  await loginTo(fake, client);
  access = createDiscordChannelAccess(client);
});

afterAll(async () => {
  await client?.destroy();
  await fake?.stop();
});

const check = (name: string) => access.check(fake.guild.id, channel[name]!.id);

describe('checking a channel before subscribing it', () => {
  it.each([
    ['updates', 'text'],
    ['announcements', 'announcement'],
    ['forum', 'forum'],
    ['ferry thread', 'thread'],
    ['forum post', 'thread'],
    ['archived thread', 'thread'],
  ])('finds nothing missing in #%s (%s)', async (name, kind) => {
    const result = await check(name);

    expect(result).toEqual({ channelId: channel[name]!.id, label: `#${name}`, kind, missing: [] });
    expect(canPost(result)).toBe(true);
  });

  it.each([
    ['hidden', ['View Channel']],
    ['mute', ['Send Messages']],
    ['plain', ['Embed Links']],
    ['mute-plain', ['Send Messages', 'Embed Links']],
    ['announcements-mute', ['Send Messages']],
    ['forum-no-posts', ['Create Posts']],
    ['forum-plain', ['Embed Links']],
    ['quiet thread', ['Send Messages in Threads']],
  ])('names what is missing in #%s: %j', async (name, missing) => {
    const result = await check(name);

    expect(result.missing).toEqual(missing);
    expect(result.problem).toBeUndefined();
    expect(canPost(result)).toBe(false);
  });

  it('sees a permission taken away after login', async () => {
    const later = fake.createChannel('later');
    await vi.waitFor(() => expect(client.channels.cache.has(later.id)).toBe(true), { timeout: 10_000 });
    fake.denyBot(later.id, Permission.EmbedLinks);

    await vi.waitFor(async () =>
      expect((await access.check(fake.guild.id, later.id)).missing).toEqual(['Embed Links']),
    );
  });

  it.each([
    ['voice', /voice channel/],
    ['category', /category/],
    ['closed thread', /archived and locked/],
  ])('refuses #%s, saying why', async (name, why) => {
    const result = await check(name);

    expect(result.problem).toMatch(why);
    expect(canPost(result)).toBe(false);
  });

  it('refuses a channel that does not exist, or no longer does', async () => {
    const gone = fake.createChannel('gone');
    await vi.waitFor(() => expect(client.channels.cache.has(gone.id)).toBe(true), { timeout: 10_000 });
    fake.deleteChannel(gone.id);
    await vi.waitFor(() => expect(client.channels.cache.has(gone.id)).toBe(false), { timeout: 10_000 });

    for (const id of [gone.id, '123456789012345678']) {
      const result = await access.check(fake.guild.id, id);
      expect(result).toMatchObject({ label: `<#${id}>`, kind: 'unsupported', problem: expect.stringMatching(/exist/) });
    }
  });

  it('refuses a channel of another server, and a DM', async () => {
    const other = await access.check('999999999999999999', channel.updates!.id);
    expect(other.problem).toMatch(/another server/);

    const dm = await access.check(fake.guild.id, fake.dmChannel(fake.user).id);
    expect(dm.problem).toMatch(/direct message/);
  });
});
