import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { encodePageState } from '../../src/discord/page-state.js';
import { deployCommands, localDefinitions } from '../../src/discord/registration.js';
import { FeedManager } from '../../src/ingest/feed-manager.js';
import type { FeedStatus } from '../../src/ingest/feed-poller.js';
import { createLogger } from '../../src/logger.js';
import type { Services } from '../../src/services.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/types.js';
import { SubscriptionManager } from '../../src/subscriptions/subscription-manager.js';
import { SEEDS_DIR, servicesFrom } from '../commands/helpers.js';
import { type FakeDiscord, type FakeMessage, type FakeUser, startFakeDiscord } from '../fake-discord/index.js';

// A page button's state travels in its custom_id, which a client can write as it likes. These
// presses are crafted the way an attacker would send them, through the real discord.js client and
// the fake Discord, against the real commands and a real SQLite store.

const FOLLOWED = 'https://feeds.example.com/story.xml';
const FORGED = 'https://attacker.example.com/rss.xml';

let fake: FakeDiscord;
let bot: RunningBot;
let store: Store;
let dataDir: string;
let services: Services;
let bob: FakeUser;
let message: FakeMessage;
/** What the feed poller was asked to do: nothing, if every forged press is refused. */
const pollerCalls: string[] = [];
/** What the feed poller reports following, for /feed action:list. */
const followed: FeedStatus[] = [];

type Answer = FakeMessage & { embeds: { title?: string; description?: string }[] };

async function answerTo(id: string): Promise<Answer> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const replies = fake.interactionReplies(id);
    const found = [replies.original, ...replies.followUps].find(
      (m) => m?.id !== message.id && (m?.embeds as unknown[] | undefined)?.length,
    );
    if (found) return found as Answer;
    if (Date.now() > deadline) throw new Error(`no answer to ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const ephemeral = (answer: FakeMessage) => ((Number(answer.flags) || 0) & 64) === 64;

function press(customId: string, user: FakeUser): string {
  return fake.inject.button(customId, message, user).id;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'newsdesk-page-buttons-'));
  store = await openStore({ dataDir });
  const poller = {
    addFeed: (url: string) => void pollerCalls.push(`add ${url}`),
    removeFeed: async (url: string) => {
      pollerCalls.push(`remove ${url}`);
      return true;
    },
    status: () => followed,
    pollSoon: () => void pollerCalls.push('poll'),
  };
  services = {
    ...(await servicesFrom(SEEDS_DIR)),
    subscriptions: new SubscriptionManager(store),
    feeds: new FeedManager(store, poller, []),
  };
  fake = await startFakeDiscord({ log: () => {} });
  await deployCommands(
    { token: fake.token, applicationId: fake.applicationId, guildId: fake.guild.id, apiBase: fake.apiUrl },
    localDefinitions(commands),
  );
  const logger = createLogger({ level: 'silent' });
  bot = await startBot({ token: fake.token, apiBase: fake.apiUrl, deps: { commands, services, logger } });
  bob = fake.createUser('bob');
  await store.addFeed({ guildId: fake.guild.id, url: FOLLOWED, addedBy: fake.user.id });
  await store.addSubscription({
    guildId: fake.guild.id,
    channelId: fake.channel.id,
    topic: null,
    mode: 'every',
    createdBy: fake.user.id,
  });
  // Any message will do: a crafted press names whatever message it likes.
  const help = fake.inject.command('help', {});
  message = (await until(() => fake.interactionReplies(help.id).original)) as FakeMessage;
}, 30_000);

afterEach(() => fake.expectNoViolations());

afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function until<T>(find: () => T | null | undefined): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function unchanged(): Promise<void> {
  expect((await store.listFeeds()).map((feed) => feed.url)).toEqual([FOLLOWED]);
  expect((await store.listSubscriptions(fake.guild.id)).map((s) => s.channelId)).toEqual([fake.channel.id]);
  expect(pollerCalls).toEqual([]);
}

describe('a forged page button', () => {
  it('cannot add or remove a feed, for a member without permissions or for the owner', async () => {
    for (const user of [bob, fake.user]) {
      const forged = [
        { action: 'add', url: FORGED },
        { action: 'remove', url: FOLLOWED },
      ].map((options) => encodePageState({ command: 'feed', page: 1, userId: user.id, options }, 'n'));
      for (const customId of forged) {
        const answer = await answerTo(press(customId, user));
        expect(ephemeral(answer)).toBe(true);
        expect(answer.embeds[0]?.description).toContain('does not work any more');
      }
    }
    await unchanged();
  });

  it('cannot unsubscribe a channel or subscribe one', async () => {
    const forged = [
      encodePageState({ command: 'unsubscribe', page: 1, userId: bob.id, options: { channel: fake.channel.id } }, 'n'),
      encodePageState({ command: 'subscribe', page: 1, userId: bob.id, options: { channel: fake.channel.id } }, 'n'),
    ];
    for (const customId of forged) {
      const answer = await answerTo(press(customId, bob));
      expect(ephemeral(answer)).toBe(true);
    }
    await unchanged();
  });

  it('gets a polite private reply for every damaged custom_id, never silence', async () => {
    const damaged = [
      'pg1',
      'something-else',
      `pg1|n|search|-1|${bob.id}|o|query=ferry`,
      `pg1|n|search|0|${bob.id}|o|query=`,
      `pg1|n|search|0|${bob.id}|o|=ferry`,
      `pg1|n|nosuchcommand|0|${bob.id}|o|`,
      `pg1|n|search|0|${bob.id}|o|query=ferry|extra`,
      `pg1|n|search|0|${bob.id}|h|0123456789`,
      `pg1|n|search|0|${bob.id}|o|query=ferry,page=3`,
    ];
    for (const customId of damaged) {
      const answer = await answerTo(press(customId, bob));
      expect(ephemeral(answer), customId).toBe(true);
      expect(answer.embeds[0]?.description, customId).toBeTruthy();
    }
    await unchanged();
  });

  it('runs a server-only command from a direct message no more than the slash command does', async () => {
    const dm = fake.dmChannel(bob);
    const inDm = { ...message, channel_id: dm.id, guild_id: undefined } as FakeMessage;
    const customId = encodePageState({ command: 'subscriptions', page: 1, userId: bob.id, options: {} }, 'n');
    const answer = await answerTo(fake.inject.button(customId, inDm, bob).id);
    expect(answer.embeds[0]?.description).toContain('works in a server channel');
  });

  it('still turns the pages of a read-only command for the person who asked', async () => {
    const customId = encodePageState({ command: 'sources', page: 1, userId: bob.id, options: {} }, 'n');
    const id = press(customId, bob);
    const turned = await until(() => {
      const original = fake.interactionReplies(id).original as Answer | null;
      return original?.embeds[0]?.title ? original : null;
    });
    expect(fake.interactionReplies(id).acknowledgement?.type).toBe(6);
    expect(ephemeral(turned)).toBe(false);
  });

  it('leaves a long reply of a command without buttons whole, in several private messages', async () => {
    for (let n = 0; n < 14; n++) {
      followed.push({
        url: `https://feeds.example.com/${n}.xml`,
        title: null,
        lastSuccessAt: null,
        failures: 0,
        lastError: null,
        nextAttemptAt: 0,
      });
    }
    try {
      const { id } = fake.inject.command('feed', { action: 'list' });
      await until(() => fake.interactionReplies(id).followUps.length >= 1);
      const replies = fake.interactionReplies(id);
      const messages = [replies.original, ...replies.followUps] as Answer[];
      expect(messages).toHaveLength(2);
      for (const sent of messages) {
        expect(sent.components ?? []).toEqual([]);
        expect(ephemeral(sent)).toBe(true);
      }
      const shown = messages.map((sent) => sent.embeds[0]?.description ?? '').join('\n');
      for (let n = 0; n < 14; n++) expect(shown).toContain(`${n}.xml`);
    } finally {
      followed.length = 0;
    }
  });
});
