import { afterEach, describe, expect, it } from 'vitest';
import { ChannelKind, type FakeDiscord, type FakeDiscordOptions, Permission, startFakeDiscord } from './index.js';

// The fake's channel kinds, nonces and rate limits, spoken to over plain HTTP so every status and
// header is visible. discord.js against the same rules: test/discord/discord-poster.test.ts.

let fake: FakeDiscord | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  fake = await startFakeDiscord({ log: () => {}, ...options });
  return fake;
}

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${fake!.apiUrl}/v10${path}`, {
    method,
    headers: { Authorization: `Bot ${fake!.token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const message = (extra: Record<string, unknown> = {}) => ({
  embeds: [{ title: 'Ferry strike ends' }],
  allowed_mentions: { parse: [] },
  ...extra,
});

describe('the fake Discord’s channels', () => {
  it('returns the message already created for a nonce sent again with enforce_nonce', async () => {
    const { channel } = await start();
    const first = await call('POST', `/channels/${channel.id}/messages`, message({ nonce: 'n1', enforce_nonce: true }));
    const again = await call('POST', `/channels/${channel.id}/messages`, message({ nonce: 'n1', enforce_nonce: true }));
    const unenforced = await call('POST', `/channels/${channel.id}/messages`, message({ nonce: 'n1' }));

    expect([first.status, again.status, unenforced.status]).toEqual([200, 200, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(unenforced.body.id).not.toBe(first.body.id);
    expect(fake!.messagesIn(channel.id)).toHaveLength(2);
  });

  it('refuses a nonce longer than 25 characters', async () => {
    const { channel } = await start({ specPath: null });
    const result = await call('POST', `/channels/${channel.id}/messages`, message({ nonce: 'x'.repeat(26) }));

    expect(result.status).toBe(400);
    expect(fake!.takeViolations().map((v) => v.message)).toEqual(['nonce length is 26 (max 25)']);
  });

  it('takes posts, not messages, in a forum', async () => {
    await start();
    const forum = fake!.createChannel('forum', { type: ChannelKind.Forum });

    const refused = await call('POST', `/channels/${forum.id}/messages`, message());
    const post = await call('POST', `/channels/${forum.id}/threads`, { name: 'Ferry', message: message() });

    expect(refused.body.code).toBe(50008);
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({
      type: ChannelKind.PublicThread,
      parent_id: forum.id,
      message: { id: post.body.id },
    });
    fake!.expectNoViolations();
  });

  it('answers 404 Unknown Channel once a channel is deleted, and 403 once the bot may not see it', async () => {
    await start();
    const gone = fake!.createChannel('gone');
    const hidden = fake!.createChannel('hidden');
    fake!.deleteChannel(gone.id);
    fake!.denyBot(hidden.id, Permission.ViewChannel);

    expect((await call('GET', `/channels/${gone.id}`)).body.code).toBe(10003);
    expect((await call('POST', `/channels/${hidden.id}/messages`, message())).body.code).toBe(50001);
  });

  it('resolves a channel option with the invoking member’s permissions there', async () => {
    await start();
    const news = fake!.guild.channels.find((c) => c.name === 'news')!;
    fake!.setOverwrite(news.id, { id: fake!.guild.id, type: 0, allow: '0', deny: Permission.SendMessages.toString() });

    const bob = fake!.createUser('bob'); // not the owner, who may do anything
    const { payload } = fake!.inject.command('subscribe', { channel: news }, { user: bob });

    const resolved = (payload.data as { resolved: { channels: Record<string, { permissions: string; name: string }> } })
      .resolved.channels[news.id];
    expect(resolved?.name).toBe('news');
    expect(BigInt(resolved!.permissions) & Permission.SendMessages).toBe(0n);
    expect(BigInt(resolved!.permissions) & Permission.ViewChannel).toBe(Permission.ViewChannel);
  });
});

describe('the fake Discord’s rate limits (opt-in)', () => {
  it('sends bucket headers on every message post and answers the sixth in 5 s with a 429', async () => {
    const { channel } = await start({ channelMessageLimit: true });
    const results = [];
    for (let n = 0; n < 6; n++) results.push(await call('POST', `/channels/${channel.id}/messages`, message()));

    expect(results.map((r) => r.headers.get('x-ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0', '0']);
    expect(results.every((r) => r.headers.get('x-ratelimit-bucket'))).toBe(true);
    expect(results.at(-1)).toMatchObject({ status: 429, body: { global: false } });
    expect(fake!.rateLimited).toEqual({ global: 0, channel: 1, injected: 0 });
  });

  it('answers requests over the global limit with a global 429', async () => {
    await start({ globalRequestsPerSecond: 3 });
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push(await call('GET', '/users/@me'));

    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(statuses[3]?.headers.get('x-ratelimit-global')).toBe('true');
    expect(statuses[3]?.body).toMatchObject({ global: true, retry_after: expect.any(Number) });
    expect(fake!.rateLimited.global).toBe(1);
  });
});
