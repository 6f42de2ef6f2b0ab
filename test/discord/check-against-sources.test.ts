import { Client, GatewayIntentBits as Intents } from 'discord.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.js';
import {
  CHECK_AGAINST_SOURCES,
  checkAgainstSourcesDefinition,
  handleCheckAgainstSources,
  textOf,
} from '../../src/discord/check-against-sources.js';
import type { DiscordDeps } from '../../src/discord/deps.js';
import { SEEDS_DIR, servicesFrom } from '../commands/helpers.js';
import { type FakeDiscord, startFakeDiscord } from '../fake-discord/index.js';

let fake: FakeDiscord;
let client: Client;

beforeAll(async () => {
  fake = await startFakeDiscord({ log: () => {} });
  const deps: DiscordDeps = { commands, services: await servicesFrom(SEEDS_DIR), logger: pino({ level: 'silent' }) };
  client = new Client({ intents: [Intents.Guilds], rest: { api: fake.apiUrl } });
  client.on('interactionCreate', (interaction) => {
    if (interaction.isMessageContextMenuCommand()) void handleCheckAgainstSources(interaction, deps);
  });
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(fake.token);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.stop();
});

type Embed = { title: string; description?: string; fields?: { value: string }[] };
type Sent = { embeds?: Embed[]; flags?: number };

async function check(content: string) {
  const target = fake.inject.message({ content });
  const { id: interactionId } = fake.inject.messageContextMenu(CHECK_AGAINST_SOURCES, target);
  const original = () => fake.interactionReplies(interactionId).original as unknown as Sent | null;
  await vi.waitFor(() => expect(original()?.embeds?.length).toBeTruthy(), { timeout: 10_000 });
  return { acknowledgement: fake.interactionReplies(interactionId).acknowledgement, sent: original()! };
}

describe('the "Check against sources" menu', () => {
  it('is a message command for servers and DMs', () => {
    expect(checkAgainstSourcesDefinition).toMatchObject({ type: 3, name: 'Check against sources', contexts: [0, 1] });
  });

  it('defers ephemerally, then marks each claim with its verdict and citations', async () => {
    const replies = await check(
      'Witkoff visited Moscow. Leavitt said when the meeting would take place. Xi visited Paris.',
    );
    expect(replies.acknowledgement).toMatchObject({ type: 5 });
    const embed = replies.sent.embeds![0]!;
    expect(embed.description).toContain('Supported: “Witkoff visited Moscow.”');
    expect(embed.description).toContain('Contradicted: “Leavitt said when the meeting would take place.”');
    expect(embed.description).toContain('Not covered: “Xi visited Paris.”');
    expect(embed.fields?.[0]?.value).toContain('[1]');
    expect(replies.sent.flags! & 64).toBe(64);
    fake.expectNoViolations();
  });

  it('says politely when a message has nothing to check', async () => {
    const replies = await check('lol, anyone here?');
    expect(replies.sent.embeds![0]!.title).toBe('Nothing to check');
    expect(replies.sent.flags! & 64).toBe(64);
  });
});

describe('textOf', () => {
  it('drops mentions, emoji and links, and reads embeds when there is no text', () => {
    expect(textOf({ content: '<@123> says 5 <:ok:456> https://x.y/1 ships', embeds: [] })).toMatch(/^says 5\s+ships$/);
    expect(textOf({ content: '', embeds: [{ title: 'T', description: 'D' }] as never })).toBe('T\n\nD');
  });
});
