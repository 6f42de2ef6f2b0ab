import type { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
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
});
