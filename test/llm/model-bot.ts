import { afterEach, beforeEach } from 'vitest';
import type { Article } from '../../src/articles/types.js';
import type { CommandDefinition } from '../../src/command.js';
import { ConversationStore } from '../../src/conversations/conversation-store.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { contextMenuDefinitions, contextMenuHandlers } from '../../src/discord/context-menus.js';
import { handleMessage } from '../../src/discord/messages.js';
import { deployCommands, localDefinitions } from '../../src/discord/registration.js';
import { createLogger } from '../../src/logger.js';
import type { Services } from '../../src/services.js';
import { type FakeDiscord, startFakeDiscord } from '../fake-discord/index.js';
import { FakeOpenAi } from './fake-openai.js';
import { servicesWithModel } from './model-desk.js';

export interface ModelBot {
  fake: FakeDiscord;
  bot: RunningBot;
  /** Stops the bot, fails the test on any Discord rule broken meanwhile, and stops the fake. */
  stop(): Promise<void>;
}

/**
 * The bot wired as `runDiscord` wires it (commands, the context menu, free-form messages), with
 * the real discord.js client logged in to the fake Discord, the commands deployed to its guild.
 */
export async function startModelBot(services: Services, commands: readonly CommandDefinition[]): Promise<ModelBot> {
  const fake = await startFakeDiscord({ log: () => {} });
  await deployCommands(
    { token: fake.token, applicationId: fake.applicationId, guildId: fake.guild.id, apiBase: fake.apiUrl },
    localDefinitions(commands, contextMenuDefinitions),
  );
  const logger = createLogger({ level: 'silent' });
  const deps = { commands, services, logger, conversations: new ConversationStore() };
  const bot = await startBot({
    token: fake.token,
    apiBase: fake.apiUrl,
    deps,
    contextMenus: contextMenuHandlers,
    onMessage: (message) => handleMessage(message, deps),
  });
  return {
    fake,
    bot,
    async stop() {
      await bot.stop();
      fake.expectNoViolations();
      await fake.stop();
    },
  };
}

/** A test file's fake model server, and the bot started afresh for each of its tests. */
export interface ModelBotFixture {
  openai: FakeOpenAi;
  running: ModelBot;
}

/**
 * Registers the hooks every model-in-Discord test file needs: one fake model server for the file;
 * for each test a bot over `articles` serving `commands`, stopped afterwards, failing the test on a
 * Discord rule broken, a model request nobody scripted, or one left unanswered.
 */
export function useModelBot(articles: readonly Article[], commands: readonly CommandDefinition[]): ModelBotFixture {
  // Registered first, so its checks run after the bot below has stopped (after-hooks run in reverse).
  const fixture = { openai: FakeOpenAi.forTestFile() } as ModelBotFixture;
  beforeEach(async () => {
    fixture.running = await startModelBot(servicesWithModel(articles, fixture.openai), commands);
  });
  afterEach(async () => {
    await fixture.running.stop();
  });
  return fixture;
}

export interface EmbedBody {
  title?: string;
  description?: string;
  footer?: { text?: string };
  fields?: { name: string; value: string }[];
}

export interface MessageBody {
  embeds?: EmbedBody[];
  allowed_mentions?: { parse?: string[] };
  flags?: number;
}

/** All the text of a message body's embeds, for assertions about what a person reads. */
export function textOf(body: unknown): string {
  return ((body as MessageBody).embeds ?? [])
    .flatMap((embed) => [
      embed.title,
      embed.description,
      ...(embed.fields ?? []).map((f) => f.value),
      embed.footer?.text,
    ])
    .filter(Boolean)
    .join('\n');
}
