import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE } from '../../src/store/open-store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import {
  type FakeChannel,
  type FakeDiscord,
  type FakeMessage,
  Permission,
  startFakeDiscord,
} from '../fake-discord/index.js';
import { startFeedServer } from '../ingest/feed-server.js';
import { type BotProcess, startBotProcess, until } from '../support/bot-process.js';
import { ROOT, runScript } from '../support/run-script.js';

// Subscriptions as people use them: the bot as `npm start` runs it (a child process, real discord.js)
// against the fake Discord, a real seeds folder it watches and a real SQLite file under DATA_DIR.

const POST = 'POST /channels/:channel_id/messages';

let fake: FakeDiscord;
let seedsDir: string;
let dataDir: string;
const bots: BotProcess[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord({ log: () => {} });
  seedsDir = await mkdtemp(join(tmpdir(), 'newsdesk-sub-seeds-'));
  dataDir = await mkdtemp(join(tmpdir(), 'newsdesk-sub-data-'));
  await cp(join(ROOT, 'seeds'), seedsDir, { recursive: true });
  const deployed = await runScript('src/discord/deploy.ts', [], env());
  expect(deployed.code).toBe(0);
}, 60_000);

afterAll(async () => {
  for (const bot of bots) await bot.kill();
  await fake?.stop();
  await rm(seedsDir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(() => fake.expectNoViolations());

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiUrl,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_GUILD_ID: fake.guild.id,
    SEEDS_DIR: seedsDir,
    DATA_DIR: dataDir,
    DELIVERY_INTERVAL_MS: '200',
    LOG_LEVEL: 'info',
    // The feed test server is on 127.0.0.1, refused unless allowed, as a self-hoster would.
    FEED_ALLOWED_HOSTS: '127.0.0.1',
    ...extra,
  };
}

async function startBot(extra: Record<string, string> = {}): Promise<BotProcess> {
  const bot = await startBotProcess(env(extra));
  bots.push(bot);
  return bot;
}

interface Embed {
  title?: string;
  description?: string;
}

/** The messages the bot posted in a channel (not interaction replies), each once however often it was resent. */
function postsIn(channel: FakeChannel): FakeMessage[] {
  const byId = new Map<string, FakeMessage>();
  for (const request of fake.requests) {
    if (request.route !== POST || request.status !== 200 || request.params.channel_id !== channel.id) continue;
    const message = request.response as FakeMessage;
    byId.set(message.id, message);
  }
  return [...byId.values()];
}

function embedOf(message: FakeMessage | null | undefined): Embed {
  return ((message?.embeds as Embed[] | undefined) ?? [])[0] ?? {};
}

function titlesIn(channel: FakeChannel): string[] {
  return postsIn(channel).map((message) => (message.embeds as Embed[] | undefined)?.[0]?.title ?? '');
}

/** The reply to a slash command, once it has an embed. */
async function answer(name: string, options: Record<string, unknown>): Promise<Embed> {
  const { id } = fake.inject.command(name, options as never);
  const message = await until(() => {
    const replies = fake.interactionReplies(id);
    return [replies.original, ...replies.followUps].find((m) => (m?.embeds as Embed[] | undefined)?.length);
  }, `the answer to /${name}`);
  return embedOf(message);
}

/** A channel where the bot may post but not embed: Newsdesk's posts are embeds. */
function noEmbeds(): FakeChannel {
  const channel = fake.createChannel('no-embeds');
  fake.denyBot(channel.id, Permission.EmbedLinks);
  return channel;
}

function article(title: string, date: string, paragraphs: string[]): string {
  return `---\ntitle: ${title}\ndate: ${date}\nsource: Test Wire\n---\n\n${paragraphs.join('\n\n')}\n`;
}

const FERRY = 'Island ferry adds evening crossings after summit talks';
const FERRY_BODY = [
  'The island ferry will add two evening crossings each weekday from next month, its operator said on Friday.',
  '“We expect the summit crowds to double our evening traffic,” said operator spokeswoman Maria Lopez.',
  'Tickets for the new crossings go on sale on Monday.',
];

describe('a channel subscribed to the story', () => {
  let bot: BotProcess;
  let news: FakeChannel;

  beforeAll(async () => {
    news = fake.createChannel('story-news');
    bot = await startBot();
  }, 60_000);

  afterAll(async () => {
    await bot.stop();
  });

  it('subscribes, gets a new article as a post, and an edited one as an update, not a new story', async () => {
    const subscribed = await answer('subscribe', { channel: news.id });
    expect(subscribed.title).toMatch(/^Subscribed /);

    const file = join(seedsDir, 'ferry.md');
    await writeFile(file, article(FERRY, '2025-08-08', FERRY_BODY));
    await until(() => titlesIn(news).includes(FERRY), 'the post of the new article');
    const [post] = postsIn(news);
    const embed = embedOf(post);
    expect(embed?.description ?? '').toContain('Maria Lopez');

    await writeFile(
      file,
      article(FERRY, '2025-08-08', [
        ...FERRY_BODY,
        'The operator later said a third crossing would be added on Fridays.',
      ]),
    );
    await until(() => titlesIn(news).includes(`Updated: ${FERRY}`), 'the update post');
    const update = postsIn(news).at(-1);
    expect(embedOf(update)?.description).toContain('a third crossing would be added on Fridays');
    expect(postsIn(news)).toHaveLength(2);

    const listed = await answer('subscriptions', {});
    expect(listed.description ?? '').toMatch(/last delivery \d{4}-\d\d-\d\d/);
  }, 60_000);

  it('does not post again after a restart, and posts what arrived while it was down', async () => {
    await bot.stop();
    await writeFile(
      join(seedsDir, 'bridge.md'),
      article('Harbour bridge reopens as summit guests arrive', '2025-08-09', [
        'The harbour bridge reopened to traffic on Saturday after six weeks of repairs to its deck.',
      ]),
    );
    bot = await startBot();
    await until(() => titlesIn(news).includes('Harbour bridge reopens as summit guests arrive'), 'the missed article');
    await bot.waitForLog('caught up with the store');
    expect(postsIn(news)).toHaveLength(3);
  }, 60_000);

  it('follows a feed an admin adds with /feed, and posts its new items', async () => {
    const server = await startFeedServer();
    try {
      const paragraphs = [
        'Negotiators will meet at the lakeside lodge on Thursday, the organisers said in a statement on Sunday.',
        '“Everything is ready for the talks,” said lodge manager Peter Olsen.',
      ];
      server.routes.set('/rss', {
        body: `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Lake Wire</title><link>https://lake.example/</link><description>News</description>
<item><guid>lodge</guid><title>Lodge named as venue for summit talks</title><link>${server.url('/lodge')}</link>
<pubDate>Sun, 10 Aug 2025 09:30:00 GMT</pubDate><description>Short teaser.</description>
<content:encoded><![CDATA[${paragraphs.map((p) => `<p>${p}</p>`).join('')}]]></content:encoded></item>
</channel></rss>`,
        etag: '"v1"',
      });
      const added = await answer('feed', { action: 'add', url: server.url('/rss') });
      expect(added.description).toMatch(/^Added\./);
      await until(() => titlesIn(news).includes('Lodge named as venue for summit talks'), 'the feed item post', 20_000);
      const listed = await answer('feed', { action: 'list' });
      expect(listed.description).toContain('Newsdesk follows 1');
    } finally {
      await server.close();
    }
  }, 60_000);

  it('still answers from a feed item after a restart, when the feed no longer carries it', async () => {
    const server = await startFeedServer();
    const channel = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel>
<title>Island Wire</title><link>https://island.example/</link><description>News</description>${items}</channel></rss>`;
    const item = (guid: string, title: string, text: string) =>
      `<item><guid>${guid}</guid><title>${title}</title><link>${server.url(`/${guid}`)}</link>
<pubDate>Mon, 11 Aug 2025 07:00:00 GMT</pubDate><description>${text}</description></item>`;
    const LIGHTHOUSE = 'Lighthouse to host the summit press centre';
    const FERRIES = 'Extra ferries for summit week';
    try {
      server.routes.set('/window', {
        body: channel(
          item(
            'lighthouse',
            LIGHTHOUSE,
            'Keeper Ingrid Halvorsen will open the old lighthouse on Skerry Point to reporters on Wednesday.',
          ),
        ),
        etag: '"v1"',
      });
      await answer('feed', { action: 'add', url: server.url('/window') });
      await until(() => titlesIn(news).includes(LIGHTHOUSE), 'the lighthouse item post', 20_000);

      // While the bot is down the feed's window moves on: only a newer item is left in it.
      await bot.stop();
      server.routes.set('/window', {
        body: channel(item('ferries', FERRIES, 'Two extra ferries will sail each evening of summit week.')),
        etag: '"v2"',
      });
      bot = await startBot();
      await until(() => titlesIn(news).includes(FERRIES), 'the newer item post', 20_000);
      const found = await answer('search', { query: 'Ingrid Halvorsen lighthouse' });
      expect(found.description).toContain('Ingrid Halvorsen');
      expect(titlesIn(news).filter((title) => title === LIGHTHOUSE)).toHaveLength(1);
    } finally {
      await server.close();
    }
  }, 90_000);

  it('refuses a channel the bot cannot post in, saying what is missing', async () => {
    const refusal = await answer('subscribe', { channel: noEmbeds().id });
    expect(refusal.description).toMatch(/I'm missing Embed Links there/);
  }, 30_000);
});

describe('a burst of deliveries interrupted by kill -9', () => {
  const CHANNELS = 30;
  let slow: FakeDiscord;
  let burstSeeds: string;
  let burstData: string;

  beforeAll(async () => {
    // Discord's global limit, lowered so the burst lasts long enough to be interrupted.
    slow = await startFakeDiscord({ log: () => {}, globalRequestsPerSecond: 10, channelMessageLimit: true });
    burstSeeds = await mkdtemp(join(tmpdir(), 'newsdesk-burst-seeds-'));
    burstData = await mkdtemp(join(tmpdir(), 'newsdesk-burst-data-'));
    await cp(join(ROOT, 'seeds'), burstSeeds, { recursive: true });
  });

  afterAll(async () => {
    slow.expectNoViolations();
    await slow?.stop();
    await rm(burstSeeds, { recursive: true, force: true });
    await rm(burstData, { recursive: true, force: true });
  });

  it('delivers each update to every channel exactly once across the crash, through 429s and 500s', async () => {
    const burstEnv = {
      DISCORD_TOKEN: slow.token,
      DISCORD_API_BASE: slow.apiUrl,
      SEEDS_DIR: burstSeeds,
      DATA_DIR: burstData,
      DELIVERY_INTERVAL_MS: '200',
      LOG_LEVEL: 'info',
    };
    const first = await startBotProcess(burstEnv);
    bots.push(first);
    await first.waitForLog('caught up with the store');
    // Thirty channels subscribe (straight into the bot's SQLite file, which the bot shares).
    const channels = Array.from({ length: CHANNELS }, (_, i) => slow.createChannel(`burst-${i + 1}`));
    const store = await SqliteStore.open(join(burstData, SQLITE_FILE));
    for (const channel of channels) {
      await store.addSubscription({
        guildId: slow.guild.id,
        channelId: channel.id,
        mode: 'every',
        createdBy: slow.user.id,
      });
    }
    await store.close();
    slow.failNext('POST /channels/:channel_id/messages', { status: 500, times: 2 });
    slow.failNext('POST /channels/:channel_id/messages', { status: 429, retryAfter: 0.3, times: 2 });

    await writeFile(join(burstSeeds, 'ferry.md'), article(FERRY, '2025-08-08', FERRY_BODY));
    const delivered = () => channels.filter((channel) => slow.messagesIn(channel.id).length > 0).length;
    await until(() => delivered() >= 5, 'the first deliveries', 20_000);
    await first.kill();
    expect(delivered()).toBeLessThan(CHANNELS);

    const second = await startBotProcess(burstEnv);
    bots.push(second);
    await until(() => delivered() === CHANNELS, 'every channel’s post after the restart', 60_000);
    // Anything sent twice would have arrived by now: the restarted worker has drained the outbox.
    await second.waitForLog(/"msg":"delivered"/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const channel of channels) {
      expect(slow.messagesIn(channel.id).map((message) => (message.embeds as Embed[])[0]?.title)).toEqual([FERRY]);
    }
    await second.stop();
  }, 120_000);
});
