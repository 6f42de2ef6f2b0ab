import { Client, GatewayIntentBits as Intents, Partials } from 'discord.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import { ConversationStore } from '../../src/conversations/conversation-store.js';
import { handleMessage, type MessageDeps, stripMention } from '../../src/discord/messages.js';
import { SEEDS_DIR, servicesFrom } from '../commands/helpers.js';
import { type FakeDiscord, type RecordedRequest, startFakeDiscord } from '../fake-discord/index.js';

// The real discord.js client, logged in to the project's fake Discord, with handleMessage wired to
// messageCreate as the transport wires it.
let fake: FakeDiscord;
let client: Client;
let deps: MessageDeps;
const served: string[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord({ log: () => {} });
  deps = {
    commands,
    services: await servicesFrom(SEEDS_DIR),
    logger: pino({ level: process.env.TEST_LOG ?? 'silent' }),
    conversations: new ConversationStore(),
    metrics: { served: (command, outcome) => served.push(`${command}:${outcome}`) },
  };
  client = new Client({
    intents: [Intents.Guilds, Intents.GuildMessages, Intents.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: fake.apiUrl },
  });
  client.on('messageCreate', (message) => void handleMessage(message, deps));
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(fake.token);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.stop();
});

const isBotMessage = (after: number) => (r: RecordedRequest) =>
  r.seq > after && r.method === 'POST' && r.route === 'POST /channels/:channel_id/messages';
const lastSeq = () => fake.requests.at(-1)?.seq ?? 0;
type Body = {
  embeds: { title: string; description?: string }[];
  allowed_mentions: unknown;
  message_reference?: unknown;
};

async function ask(input: Parameters<FakeDiscord['inject']['message']>[0]) {
  const after = lastSeq();
  const question = fake.inject.message(input);
  const request = await fake.waitFor(isBotMessage(after));
  return { question, request, body: request.body as Body, answer: request.response as { id: string } };
}

describe('handleMessage', () => {
  it('answers a mention like /ask, as a reply that pings nobody', async () => {
    const { body, question } = await ask({ content: 'when could the meeting happen?', mentions: [fake.bot] });
    expect(body.embeds[0]?.description ?? '').not.toContain('Sorry');
    expect(body.embeds[0]?.title).toBe('when could the meeting happen?');
    expect(body.embeds[0]?.description).toMatch(/within a week|as soon as next week/);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.message_reference).toMatchObject({ message_id: question.id });
    expect(fake.requests.some((r) => r.route === 'POST /channels/:channel_id/typing')).toBe(true);
  });

  it('answers in a DM without a mention', async () => {
    const { body } = await ask({ content: 'what did Rubio say?', dm: true });
    expect(body.embeds[0]?.description).toContain('Rubio');
  });

  it('answers a reply to its answer in the context of the chain', async () => {
    const first = await ask({ content: 'what did Trump say about territory?', mentions: [fake.bot] });
    const follow = await ask({
      content: 'and what did Rubio say?',
      referencedMessageId: first.answer.id,
      mentions: [fake.bot],
    });
    expect(follow.body.embeds[0]?.title).toBe('and what did Rubio say?');
    expect(follow.body.embeds[0]?.description).toContain('Rubio');
  });

  it('ignores messages that neither mention it nor reply to it', async () => {
    const before = lastSeq();
    fake.inject.message({ content: 'when could the meeting happen?' });
    const other = fake.inject.message({ content: 'what did Rubio say?', mentions: [fake.bot] });
    const request = await fake.waitFor(isBotMessage(before));
    expect((request.body as Body).message_reference).toMatchObject({ message_id: other.id });
  });

  it("ignores a reply to someone else's message", async () => {
    const before = lastSeq();
    const someone = fake.inject.message({ content: 'the meeting is next week' });
    const reply = fake.inject.message({ content: 'really?', referencedMessageId: someone.id });
    const other = fake.inject.message({ content: 'what did Rubio say?', mentions: [fake.bot] });
    const request = await fake.waitFor(isBotMessage(before));
    expect((request.body as Body).message_reference).toMatchObject({ message_id: other.id });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const answered = fake.requests.filter(isBotMessage(before)).map((r) => (r.body as Body).message_reference);
    expect(answered).not.toContainEqual(expect.objectContaining({ message_id: reply.id }));
  });

  it('points to how to ask when the mention has no question', async () => {
    const { body } = await ask({ content: '', mentions: [fake.bot] });
    expect(body.embeds[0]?.description).toMatch(/mention me with a question/);
    await vi.waitFor(() => expect(served).toContain('message:refused'), { timeout: 10_000 });
  });
});

describe('stripMention', () => {
  it('removes both mention forms of the bot and keeps other text', () => {
    expect(stripMention('<@42> when is it? <@!42>', '42')).toBe('when is it?');
    expect(stripMention('ask <@7> too', '42')).toBe('ask <@7> too');
  });
});
