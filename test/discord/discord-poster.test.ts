import type { Client } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from '../../src/discord/client.js';
import { createDiscordPoster } from '../../src/discord/discord-poster.js';
import type { Reply } from '../../src/reply.js';
import { idempotencyKey } from '../../src/store/idempotency-key.js';
import { PostError, type Poster } from '../../src/subscriptions/poster.js';
import {
  ChannelKind,
  type FakeDiscord,
  type FakeDiscordOptions,
  Permission,
  startFakeDiscord,
} from '../fake-discord/index.js';
import { loginTo } from '../fake-discord/login.js';

// The poster as the bot uses it: the project's discord.js client logged in to the fake Discord.

const POST = 'POST /channels/:channel_id/messages';
const START_THREAD = 'POST /channels/:channel_id/threads';

const UPDATE: Reply = {
  tone: 'info',
  title: 'Ferry strike ends after nine days',
  intro: 'Harbour Gazette · 2025-08-12',
  items: [{ text: '“This protects every crew member, @everyone,” said Maria Lopez.', cites: [1] }],
  citations: [
    {
      n: 1,
      articleId: 'ferry',
      title: 'Ferry strike ends after nine days',
      date: '2025-08-12',
      source: 'Harbour Gazette',
      url: null,
    },
  ],
};

const running: { fake?: FakeDiscord; client?: Client } = {};

afterEach(async () => {
  await running.client?.destroy();
  await running.fake?.stop();
  running.client = undefined;
  running.fake = undefined;
});

async function connect(options: FakeDiscordOptions = {}): Promise<{ fake: FakeDiscord; poster: Poster }> {
  const fake = await startFakeDiscord({ log: () => {}, ...options });
  running.fake = fake;
  const client = createClient({ apiBase: fake.apiUrl });
  running.client = client;
  await loginTo(fake, client);
  return { fake, poster: createDiscordPoster(client) };
}

async function failure(posting: Promise<unknown>): Promise<PostError> {
  const error = await posting.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(PostError);
  return error as PostError;
}

const key = (channelId: string, update = 'seeds:ferry.md:v1') => idempotencyKey(update, channelId);

/** The posts (threads) in a forum, as the fake Discord has them. */
const postsIn = (fake: FakeDiscord, forumId: string) => fake.guild.threads.filter((t) => t.parent_id === forumId);

/** Waits until THREAD_CREATE for the forum's posts reached the client, as it has by the outbox's next try. */
async function threadsCached(fake: FakeDiscord, forumId: string): Promise<void> {
  await vi.waitFor(() => {
    for (const thread of postsIn(fake, forumId)) expect(running.client?.channels.cache.has(thread.id)).toBe(true);
  });
}

describe('the Discord poster', () => {
  it('posts the update as an embed with mentions disabled and its key as an enforced nonce', async () => {
    const { fake, poster } = await connect();

    const { messageId } = await poster.post(fake.channel.id, UPDATE, key(fake.channel.id));

    const [message] = fake.messagesIn(fake.channel.id);
    expect(message?.id).toBe(messageId);
    const request = fake.requests.find((r) => r.route === POST);
    expect(request?.body).toMatchObject({
      allowed_mentions: { parse: [] },
      nonce: key(fake.channel.id),
      enforce_nonce: true,
      embeds: [{ title: UPDATE.title }],
    });
    expect(JSON.stringify(request?.body)).toContain('Maria Lopez');
    fake.expectNoViolations();
  });

  it('sending the same key twice leaves one message and returns its id both times', async () => {
    const { fake, poster } = await connect();

    const first = await poster.post(fake.channel.id, UPDATE, key(fake.channel.id));
    const again = await poster.post(fake.channel.id, UPDATE, key(fake.channel.id));

    expect(again.messageId).toBe(first.messageId);
    expect(fake.messagesIn(fake.channel.id)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.route === POST)).toHaveLength(2);
  });

  it('recognises a resend after Discord created the message but its answer was lost', async () => {
    const { fake, poster } = await connect();
    fake.failNext(POST, { status: 500, afterHandling: true });

    const lost = await failure(poster.post(fake.channel.id, UPDATE, key(fake.channel.id)));
    expect(lost.kind).toBe('transient');
    const { messageId } = await poster.post(fake.channel.id, UPDATE, key(fake.channel.id));

    expect(fake.messagesIn(fake.channel.id).map((m) => m.id)).toEqual([messageId]);
  });

  it('fails for good, saying so, when the channel was deleted', async () => {
    const { fake, poster } = await connect();
    const doomed = fake.createChannel('doomed');
    fake.deleteChannel(doomed.id);

    const error = await failure(poster.post(doomed.id, UPDATE, key(doomed.id)));

    expect(error).toMatchObject({ kind: 'permanent', message: 'the channel was deleted' });
  });

  it.each([
    ['View Channel', Permission.ViewChannel, 'Newsdesk lost access to #news: Missing Access'],
    ['Send Messages', Permission.SendMessages, 'Newsdesk lost access to #news: Missing Permissions'],
    ['Embed Links', Permission.EmbedLinks, 'Newsdesk lost access to #news: Missing Permissions'],
  ])('fails for good when the bot loses %s in the channel', async (_name, permission, reason) => {
    const { fake, poster } = await connect();
    const news = fake.guild.channels.find((c) => c.name === 'news')!;
    fake.denyBot(news.id, permission);

    const error = await failure(poster.post(news.id, UPDATE, key(news.id)));

    expect(error).toMatchObject({ kind: 'permanent', message: reason });
    expect(fake.messagesIn(news.id)).toHaveLength(0);
  });

  it('hands a 429 back with Discord’s wait instead of waiting, and delivers once it has passed', async () => {
    const { fake, poster } = await connect();
    fake.failNext(POST, { status: 429, retryAfter: 0.2 });

    const limited = await failure(poster.post(fake.channel.id, UPDATE, key(fake.channel.id)));
    expect(limited.kind).toBe('rate_limited');
    expect(limited.retryAfterMs).toBeGreaterThanOrEqual(200);
    await new Promise((resolve) => setTimeout(resolve, limited.retryAfterMs));
    await poster.post(fake.channel.id, UPDATE, key(fake.channel.id));

    expect(fake.messagesIn(fake.channel.id)).toHaveLength(1);
    expect(fake.rateLimited.injected).toBe(1);
  });

  it('waits out a global 429 inside discord.js, since it holds every channel alike', async () => {
    const { fake, poster } = await connect();
    fake.failNext(POST, { status: 429, retryAfter: 0.1, global: true });

    await poster.post(fake.channel.id, UPDATE, key(fake.channel.id));

    expect(fake.messagesIn(fake.channel.id)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.route === POST).map((r) => r.status)).toEqual([429, 200]);
  });

  it('does not post into a channel whose bucket Discord said is empty: the 6th post in 5 s is handed back', async () => {
    const { fake, poster } = await connect({ channelMessageLimit: true });

    for (let n = 1; n <= 5; n++) await poster.post(fake.channel.id, UPDATE, key(fake.channel.id, `update-${n}`));
    const sixth = await failure(poster.post(fake.channel.id, UPDATE, key(fake.channel.id, 'update-6')));

    expect(sixth.kind).toBe('rate_limited');
    expect(sixth.retryAfterMs).toBeGreaterThan(0);
    expect(fake.messagesIn(fake.channel.id)).toHaveLength(5);
    // discord.js knew from the bucket headers: the sixth request was never sent.
    expect(fake.requests.filter((r) => r.route === POST)).toHaveLength(5);
    expect(fake.rateLimited.channel).toBe(0);
  });

  it('reports a 500 as transient, and delivers exactly once on the next attempt', async () => {
    const { fake, poster } = await connect();
    fake.failNext(POST, { status: 500 });

    const error = await failure(poster.post(fake.channel.id, UPDATE, key(fake.channel.id)));
    expect(error.kind).toBe('transient');
    await poster.post(fake.channel.id, UPDATE, key(fake.channel.id));

    expect(fake.messagesIn(fake.channel.id)).toHaveLength(1);
  });

  it('reports an unreachable Discord as transient', async () => {
    const { fake, poster } = await connect();
    await fake.stop();
    running.fake = undefined;

    const error = await failure(poster.post(fake.channel.id, UPDATE, key(fake.channel.id)));

    expect(error.kind).toBe('transient');
  });

  it('reports a refused token as transient, not as the channel’s fault', async () => {
    const { fake, poster } = await connect();
    running.client!.token = 'not-the-token';

    const error = await failure(poster.post(fake.channel.id, UPDATE, key(fake.channel.id)));

    expect(error.kind).toBe('transient');
    fake.takeViolations();
  });

  it('starts a forum post named after the update, its first message the update', async () => {
    const { fake, poster } = await connect();
    const forum = fake.createChannel('story-forum', { type: ChannelKind.Forum });
    const long = { ...UPDATE, title: `${'Ferry strike '.repeat(10)}ends` };

    const { messageId } = await poster.post(forum.id, long, key(forum.id));

    const request = fake.requests.find((r) => r.route === 'POST /channels/:channel_id/threads');
    const thread = request?.response as { id: string; name: string; parent_id: string };
    expect(thread.parent_id).toBe(forum.id);
    expect(thread.name).toHaveLength(100);
    expect(thread.name.endsWith('…')).toBe(true);
    expect(messageId).toBe(thread.id);
    const [first] = fake.messagesIn(thread.id);
    expect(first?.embeds).toMatchObject([{ title: long.title }]);
    fake.expectNoViolations();
  });

  it('posts in a thread, reopening it when it was archived', async () => {
    const { fake, poster } = await connect();
    const thread = fake.createThread(fake.channel.id, 'ferry updates', { archived: true });

    await poster.post(thread.id, UPDATE, key(thread.id));

    expect(fake.messagesIn(thread.id)).toHaveLength(1);
    expect(thread.thread_metadata?.archived).toBe(false);
  });

  it('fails for good in an archived, locked thread', async () => {
    const { fake, poster } = await connect();
    const thread = fake.createThread(fake.channel.id, 'closed story', { archived: true, locked: true });

    const error = await failure(poster.post(thread.id, UPDATE, key(thread.id)));

    expect(error).toMatchObject({ kind: 'permanent', message: '#closed story is an archived, locked thread' });
  });
  describe('a forum post, which Discord takes without a nonce', () => {
    it('is not started twice when the answer was lost: the retry finds it and returns its id', async () => {
      const { fake, poster } = await connect();
      const forum = fake.createChannel('story-forum', { type: ChannelKind.Forum });
      fake.failNext(START_THREAD, { status: 500, afterHandling: true });

      const lost = await failure(poster.post(forum.id, UPDATE, key(forum.id)));
      expect(lost.kind).toBe('transient');
      await threadsCached(fake, forum.id);
      const { messageId } = await poster.post(forum.id, UPDATE, key(forum.id));

      const posts = postsIn(fake, forum.id);
      expect(posts.map((t) => t.id)).toEqual([messageId]);
      expect(fake.messagesIn(messageId)).toHaveLength(1);
      expect(fake.requests.filter((r) => r.route === START_THREAD)).toHaveLength(1);
      fake.expectNoViolations();
    });

    it('is not started twice after a restart: the new client knows the post from GUILD_CREATE', async () => {
      const { fake, poster } = await connect();
      const forum = fake.createChannel('story-forum', { type: ChannelKind.Forum });
      // Posted, then the process died before the outbox marked the row sent.
      const first = await poster.post(forum.id, UPDATE, key(forum.id));
      await running.client?.destroy();

      const restarted = createClient({ apiBase: fake.apiUrl });
      running.client = restarted;
      await loginTo(fake, restarted);
      const again = await createDiscordPoster(restarted).post(forum.id, UPDATE, key(forum.id));

      expect(again.messageId).toBe(first.messageId);
      expect(postsIn(fake, forum.id)).toHaveLength(1);
      expect(fake.requests.filter((r) => r.route === START_THREAD)).toHaveLength(1);
      fake.expectNoViolations();
    });

    it('still posts a different update, and the same headline from another article', async () => {
      const { fake, poster } = await connect();
      const forum = fake.createChannel('story-forum', { type: ChannelKind.Forum });
      const updated = { ...UPDATE, title: `Updated: ${UPDATE.title}` };
      const otherOutlet: Reply = {
        ...UPDATE,
        intro: 'Coastal Herald · 2025-08-12',
        citations: UPDATE.citations.map((c) => ({ ...c, articleId: 'ferry-herald', source: 'Coastal Herald' })),
      };

      const first = await poster.post(forum.id, UPDATE, key(forum.id));
      await threadsCached(fake, forum.id);
      const second = await poster.post(forum.id, updated, key(forum.id, 'seeds:ferry.md:v2'));
      await threadsCached(fake, forum.id);
      const third = await poster.post(forum.id, otherOutlet, key(forum.id, 'seeds:ferry-herald.md:v1'));

      expect(new Set([first.messageId, second.messageId, third.messageId]).size).toBe(3);
      expect(postsIn(fake, forum.id).map((t) => t.name)).toEqual([UPDATE.title, updated.title, UPDATE.title]);
      fake.expectNoViolations();
    });

    it('is not taken for a same-named post someone else started', async () => {
      const { fake, poster } = await connect();
      const forum = fake.createChannel('story-forum', { type: ChannelKind.Forum });
      const theirs = fake.createThread(forum.id, UPDATE.title);
      await threadsCached(fake, forum.id);

      const { messageId } = await poster.post(forum.id, UPDATE, key(forum.id));

      expect(messageId).not.toBe(theirs.id);
      expect(postsIn(fake, forum.id)).toHaveLength(2);
    });
  });
});
