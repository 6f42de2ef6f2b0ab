import { existsSync } from 'node:fs';
import { createInflate } from 'node:zlib';
import {
  ChannelType,
  type ChatInputCommandInteraction,
  Client,
  DiscordAPIError,
  GatewayIntentBits as Intents,
  type Interaction,
  type Message,
  Partials,
  REST,
  Routes,
  TextChannel,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type FakeDiscord, startFakeDiscord } from './fake-discord/index.js';
import { DEFAULT_SPEC_PATH } from './fake-discord/spec-validator.js';

// These tests drive the real discord.js Client against the fake: nothing of discord.js is mocked.
// The fake is handed to discord.js through `rest.api`; the gateway URL then comes from the fake's
// GET /gateway/bot, exactly as with Discord.

const NO_MENTIONS = { parse: [] };
const started: { fake?: FakeDiscord; client?: Client } = {};

afterEach(async () => {
  await started.client?.destroy();
  await started.fake?.stop();
  started.client = undefined;
  started.fake = undefined;
});

async function connect(intents: number[] = [Intents.Guilds], partials: Partials[] = []) {
  const fake = await startFakeDiscord({ log: () => {} });
  started.fake = fake;
  const client = new Client({ intents, partials, rest: { api: fake.apiUrl } });
  started.client = client;
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(fake.token);
  await ready;
  return { fake, client };
}

/** Resolves with the next interaction discord.js emits, after running `handle` on it. */
function nextInteraction(client: Client, handle: (interaction: Interaction) => Promise<unknown>) {
  return new Promise<{ interaction: Interaction; error?: unknown }>((resolve) => {
    client.once('interactionCreate', (interaction) => {
      handle(interaction).then(
        () => resolve({ interaction }),
        (error: unknown) => resolve({ interaction, error }),
      );
    });
  });
}

const isCallback = (id: string) => (r: { route: string | null; params: Record<string, string> }) =>
  r.route === 'POST /interactions/:interaction_id/:interaction_token/callback' && r.params.interaction_id === id;

describe('fake Discord with the real discord.js client', () => {
  it('logs in through REST and the gateway and becomes ready with the configured guild', async () => {
    const { fake, client } = await connect([Intents.Guilds, Intents.GuildMessages]);

    expect(client.user?.id).toBe(fake.bot.id);
    expect(client.application?.id).toBe(fake.applicationId);
    expect(client.guilds.cache.get(fake.guild.id)?.name).toBe(fake.guild.name);
    expect(client.channels.cache.get(fake.channel.id)).toBeInstanceOf(TextChannel);
    expect(fake.intents).toBe(Intents.Guilds | Intents.GuildMessages);
    const gateway = fake.requests.find((r) => r.route === 'GET /gateway/bot');
    expect(gateway?.headers.authorization).toBe(`Bot ${fake.token}`);
    fake.expectNoViolations();
  });

  it('delivers an injected slash command and records a reply sent with mentions disabled', async () => {
    const { fake, client } = await connect();
    const handled = nextInteraction(client, async (interaction) => {
      const command = interaction as ChatInputCommandInteraction;
      await command.reply({
        content: `You asked: ${command.options.getString('question')}`,
        allowedMentions: NO_MENTIONS,
      });
    });

    const { id } = fake.inject.command('ask', { question: 'who resigned?' });
    const { interaction, error } = await handled;
    await fake.waitFor(isCallback(id));

    expect(error).toBeUndefined();
    expect(interaction.isChatInputCommand() && interaction.commandName).toBe('ask');
    const replies = fake.interactionReplies(id);
    expect(replies.acknowledgement?.type).toBe(4);
    expect(replies.original?.content).toBe('You asked: who resigned?');
    fake.expectNoViolations();
  });

  it('flags a reply sent without allowed_mentions', async () => {
    const { fake, client } = await connect();
    const handled = nextInteraction(client, (interaction) =>
      (interaction as ChatInputCommandInteraction).reply('hello'),
    );

    const { id } = fake.inject.command('ask', { question: 'x' });
    await handled;
    await fake.waitFor(isCallback(id));

    expect(fake.takeViolations().map((v) => v.rule)).toEqual(['allowed-mentions']);
  });

  it('flags and rejects an embed longer than Discord allows', async () => {
    const { fake, client } = await connect();
    const handled = nextInteraction(client, (interaction) =>
      (interaction as ChatInputCommandInteraction).reply({
        embeds: [{ title: 'Timeline', description: 'x'.repeat(4097) }],
        allowedMentions: NO_MENTIONS,
      }),
    );

    fake.inject.command('timeline');
    const { error } = await handled;

    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    // The OpenAPI schema (when present) reports the same body as `openapi-schema`.
    expect(fake.takeViolations()).toContainEqual(
      expect.objectContaining({ rule: 'message-limits', message: 'embeds[0].description length is 4097 (max 4096)' }),
    );
  });

  it('flags an interaction acknowledged after the 3-second deadline', async () => {
    const { fake, client } = await connect();
    const handled = nextInteraction(client, async (interaction) => {
      await new Promise((resolve) => setTimeout(resolve, 3200));
      await (interaction as ChatInputCommandInteraction).deferReply();
    });

    const { id } = fake.inject.command('summary');
    const { error } = await handled;

    // Past the deadline Discord forgets the interaction: 10062 Unknown interaction.
    expect((error as DiscordAPIError).code).toBe(10062);
    expect(fake.takeViolations()).toEqual([
      expect.objectContaining({ rule: 'interaction-ack-timeout', interactionId: id }),
    ]);
  });

  it('lets discord.js wait out a 429 and retry the channel message', async () => {
    const { fake, client } = await connect();
    fake.failNext('POST /channels/:channel_id/messages', { status: 429, retryAfter: 0.2 });

    const channel = client.channels.cache.get(fake.channel.id) as TextChannel;
    const sent = await channel.send({ content: 'Breaking: update', allowedMentions: NO_MENTIONS });

    const posts = fake.requests.filter((r) => r.route === 'POST /channels/:channel_id/messages');
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[0]?.response).toMatchObject({ retry_after: 0.2, global: false });
    expect(sent.content).toBe('Breaking: update');
    fake.expectNoViolations();
  });

  it('surfaces a 500 once discord.js has used up its retries', async () => {
    const { fake, client } = await connect();
    // @discordjs/rest retries a 5xx three times by default, so four failures reach the caller.
    fake.failNext('POST /channels/:channel_id/messages', { status: 500, times: 4 });

    const channel = client.channels.cache.get(fake.channel.id) as TextChannel;
    const sending = channel.send({ content: 'x', allowedMentions: NO_MENTIONS });

    await expect(sending).rejects.toMatchObject({ status: 500 });
    expect(fake.requests.filter((r) => r.status === 500)).toHaveLength(4);
  });

  it('surfaces a 403 Missing Permissions', async () => {
    const { fake, client } = await connect();
    fake.failNext('POST /channels/:channel_id/messages', { status: 403, code: 50013 });

    const channel = client.channels.cache.get(fake.channel.id) as TextChannel;

    await expect(channel.send({ content: 'x', allowedMentions: NO_MENTIONS })).rejects.toMatchObject({ code: 50013 });
  });

  it('records bulk command registration and counts overwrites so an unchanged deploy can skip', async () => {
    const { fake, client } = await connect();
    const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);
    const route = Routes.applicationGuildCommands(fake.applicationId, fake.guild.id);
    const definitions = [
      {
        name: 'quotes',
        description: 'Verbatim quotes by a person',
        options: [
          { type: 3, name: 'person', description: 'Who said it', required: true },
          { type: 4, name: 'limit', description: 'How many', required: false },
        ],
      },
    ];
    const deploy = async () => {
      const current = (await rest.get(route)) as { name: string; description: string }[];
      const same = JSON.stringify(current.map((c) => c.name)) === JSON.stringify(definitions.map((d) => d.name));
      if (!same) await rest.put(route, { body: definitions });
    };

    await deploy();
    await deploy();

    expect(fake.commands.putCount(fake.guild.id)).toBe(1);
    expect(fake.commands.list(fake.guild.id).map((c) => c.name)).toEqual(['quotes']);

    // Options of a registered command arrive with their declared types.
    const handled = nextInteraction(client, async (interaction) => {
      const command = interaction as ChatInputCommandInteraction;
      await command.reply({ content: `${command.options.getInteger('limit')}`, allowedMentions: NO_MENTIONS });
    });
    const { id } = fake.inject.command('quotes', { person: 'Mayor', limit: 3 });
    const { interaction } = await handled;
    await fake.waitFor(isCallback(id));
    expect((interaction as ChatInputCommandInteraction).commandId).toBe(fake.commands.list(fake.guild.id)[0]?.id);
    expect(fake.interactionReplies(id).original?.content).toBe('3');
    fake.expectNoViolations();
  });

  it('rejects a command definition that breaks Discord naming rules', async () => {
    const { fake } = await connect();
    const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);

    const put = rest.put(Routes.applicationCommands(fake.applicationId), {
      body: [{ name: 'Ask', description: 'Upper case is not allowed' }],
    });

    await expect(put).rejects.toMatchObject({ code: 50035 });
    expect(fake.takeViolations().map((v) => v.rule)).toContain('command-limits');
  });

  it('records a deferred reply, its edit and a follow-up, then a button press on the reply', async () => {
    const { fake, client } = await connect();
    const handled = nextInteraction(client, async (interaction) => {
      const command = interaction as ChatInputCommandInteraction;
      await command.deferReply();
      await command.editReply({
        content: 'Summary ready',
        components: [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'more', label: 'More' }] }],
        allowedMentions: NO_MENTIONS,
      });
      await command.followUp({ content: 'Sources: 3 articles', allowedMentions: NO_MENTIONS });
    });

    const { id } = fake.inject.command('summary');
    await handled;

    const replies = fake.interactionReplies(id);
    expect(replies.acknowledgement?.type).toBe(5);
    expect(replies.events.map((e) => e.kind)).toEqual(['ack', 'edit-original', 'follow-up']);
    expect(replies.original?.content).toBe('Summary ready');
    expect(replies.followUps.map((m) => m.content)).toEqual(['Sources: 3 articles']);

    const pressed = nextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      await interaction.update({
        content: `Pressed ${interaction.customId}`,
        components: [],
        allowedMentions: NO_MENTIONS,
      });
    });
    const original = replies.original;
    if (!original) throw new Error('no original reply');
    const button = fake.inject.button('more', original);
    expect((await pressed).error).toBeUndefined();
    expect(fake.interactionReplies(button.id).original?.content).toBe('Pressed more');
    fake.expectNoViolations();
  });

  it('delivers a message context menu command with its target message', async () => {
    const { fake, client } = await connect();
    const target = fake.inject.message({ content: '"We will rebuild," the mayor said.' });
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isMessageContextMenuCommand()) throw new Error('expected a message context menu');
      await interaction.reply({ content: `Saved: ${interaction.targetMessage.content}`, allowedMentions: NO_MENTIONS });
    });

    const { id } = fake.inject.messageContextMenu('Save quote', target);
    expect((await handled).error).toBeUndefined();

    expect(fake.interactionReplies(id).original?.content).toBe('Saved: "We will rebuild," the mayor said.');
    fake.expectNoViolations();
  });

  it('answers autocomplete and checks the choices', async () => {
    const { fake, client } = await connect();
    const handled = nextInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      const typed = interaction.options.getFocused();
      await interaction.respond([{ name: `${typed}son`, value: `${typed}son` }]);
    });

    const { id } = fake.inject.autocomplete('quotes', { person: 'Ander' }, 'person');
    expect((await handled).error).toBeUndefined();

    expect(fake.interactionReplies(id).acknowledgement).toMatchObject({
      type: 8,
      data: { choices: [{ name: 'Anderson', value: 'Anderson' }] },
    });
    fake.expectNoViolations();
  });

  // Without the privileged MESSAGE_CONTENT intent Discord blanks `content` unless the message mentions
  // the bot (or is a DM), so a mention is how Newsdesk is addressed in a channel.
  it('delivers a message mentioning the bot with its content, and blanks content otherwise', async () => {
    const { fake, client } = await connect([Intents.Guilds, Intents.GuildMessages]);
    const received: Message[] = [];
    const twoMessages = new Promise<void>((resolve) =>
      client.on('messageCreate', (message) => {
        received.push(message);
        if (received.length === 2) resolve();
      }),
    );

    fake.inject.message({ content: 'what changed today?', mentions: [fake.bot] });
    fake.inject.message({ content: 'just chatting' });
    await twoMessages;

    expect(received[0]?.content).toBe(`<@${fake.bot.id}> what changed today?`);
    expect(received[0]?.mentions.users.has(fake.bot.id)).toBe(true);
    expect(received[1]?.content).toBe('');
  });

  it('delivers a DM to a bot with the DirectMessages intent and the Channel partial', async () => {
    const { fake, client } = await connect([Intents.Guilds, Intents.DirectMessages], [Partials.Channel]);
    const received = new Promise<Message>((resolve) => client.once('messageCreate', resolve));

    fake.inject.message({ content: 'hello bot', dm: true });
    const message = await received;

    expect(message.content).toBe('hello bot');
    expect(message.channel.type).toBe(ChannelType.DM);
    if (!message.channel.isSendable()) throw new Error('the DM channel should be sendable');
    await message.channel.send({ content: 'hello alice', allowedMentions: NO_MENTIONS });
    const answer = fake.requests.find((r) => r.route === 'POST /channels/:channel_id/messages');
    expect(answer).toMatchObject({ status: 200, params: { channel_id: fake.dmChannel(fake.user).id } });
    fake.expectNoViolations();
  });

  // discord.js asks for zlib-stream only when the optional zlib-sync package is installed (it is not
  // here), so this speaks to the gateway directly the way such a client would.
  it('speaks zlib-stream transport compression to a client that asks for it', async () => {
    const fake = await startFakeDiscord({ log: () => {} });
    started.fake = fake;
    const socket = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const inflate = createInflate();
    const payloads: { op: number; t?: string }[] = [];
    let text = '';
    inflate.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      try {
        payloads.push(JSON.parse(text));
        text = '';
      } catch {
        // A payload can span several inflated chunks.
      }
    });
    socket.on('message', (data: Buffer) => inflate.write(data));
    const guildCreate = new Promise<void>((resolve) =>
      inflate.on('data', () => payloads.some((p) => p.t === 'GUILD_CREATE') && resolve()),
    );
    socket.on('open', () =>
      socket.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {} } })),
    );

    await guildCreate;
    socket.close();

    expect(payloads.map((p) => p.t ?? p.op)).toEqual([10, 'READY', 'GUILD_CREATE']);
  });

  it.skipIf(!existsSync(DEFAULT_SPEC_PATH))('flags a body the Discord OpenAPI schema rejects', async () => {
    const { fake } = await connect();
    const rest = new REST({ api: fake.apiUrl }).setToken(fake.token);

    await rest.post(Routes.channelMessages(fake.channel.id), {
      body: { content: 'x', tts: 'yes', allowed_mentions: NO_MENTIONS },
    });

    expect(fake.takeViolations()).toEqual([expect.objectContaining({ rule: 'openapi-schema' })]);
  });
});
