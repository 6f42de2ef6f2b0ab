import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommandDefinition } from '../../src/command.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { deployCommands, localDefinitions } from '../../src/discord/registration.js';
import { UserFacingError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import type { Services } from '../../src/services.js';
import { SEEDS_DIR, servicesFrom } from '../commands/helpers.js';
import { type FakeDiscord, type FakeMessage, startFakeDiscord } from '../fake-discord/index.js';

// The router and its error policy, in process: the real discord.js client (through startBot)
// against the fake Discord, with commands written to fail in each way a command can.

const reply = (title: string) => ({ tone: 'answer' as const, title, items: [], citations: [] });

const testCommands: CommandDefinition[] = [
  { name: 'fine', description: 'Answers', options: [], run: () => reply('All good') },
  {
    name: 'refuse',
    description: 'Refuses',
    options: [],
    run: () => {
      throw new UserFacingError('No article matches that.');
    },
  },
  {
    name: 'crash',
    description: 'Has a bug',
    options: [],
    run: () => {
      throw new TypeError('cannot read properties of undefined');
    },
  },
  {
    name: 'slow',
    description: 'Takes a while',
    options: [],
    run: () => new Promise((resolve) => setTimeout(() => resolve(reply('Worth the wait')), 600)),
  },
];

let services: Services;
let fake: FakeDiscord;
let bot: RunningBot | undefined;
let logs: string[];

beforeAll(async () => {
  services = await servicesFrom(SEEDS_DIR);
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  fake.expectNoViolations();
  await fake.stop();
});

async function start(): Promise<void> {
  fake = await startFakeDiscord({ log: () => {} });
  await deployCommands(
    { token: fake.token, applicationId: fake.applicationId, guildId: fake.guild.id, apiBase: fake.apiUrl },
    localDefinitions(testCommands),
  );
  logs = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } });
  bot = await startBot({ token: fake.token, apiBase: fake.apiUrl, deps: { commands: testCommands, services, logger } });
}

type Answer = FakeMessage & { embeds: { title?: string; description?: string }[] };

async function answerTo(id: string): Promise<Answer> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const replies = fake.interactionReplies(id);
    const found = [replies.original, ...replies.followUps].find((m) => (m?.embeds as unknown[] | undefined)?.length);
    if (found) return found as Answer;
    if (Date.now() > deadline) throw new Error(`no answer to ${id}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const ephemeral = (message: FakeMessage) => ((Number(message.flags) || 0) & 64) === 64;

describe('the interaction router', () => {
  it('shows a refusal as written, only to the person who asked', async () => {
    await start();
    const answer = await answerTo(fake.inject.command('refuse').id);
    expect(ephemeral(answer)).toBe(true);
    expect(answer.embeds[0]?.description).toBe('No article matches that.');
  });

  it('apologises for a bug with an incident id and logs the full error under it', async () => {
    await start();
    const { id } = fake.inject.command('crash');
    const answer = await answerTo(id);
    expect(ephemeral(answer)).toBe(true);
    const incident = /report incident ([0-9a-f]{8})/.exec(answer.embeds[0]?.description ?? '')?.[1];
    expect(incident).toBeDefined();
    const logged = logs.map((line) => JSON.parse(line)).find((entry) => entry.incident === incident);
    expect(logged).toMatchObject({
      interactionId: id,
      command: 'crash',
      guildId: fake.guild.id,
      msg: 'interaction failed',
    });
    expect(logged.err.message).toBe('cannot read properties of undefined');
  });

  it('defers a slow command at once, then edits in the answer', async () => {
    await start();
    const { id } = fake.inject.command('slow');
    const answer = await answerTo(id);
    const replies = fake.interactionReplies(id);
    expect(replies.acknowledgement?.type).toBe(5);
    expect(replies.acknowledgement?.latencyMs).toBeLessThan(500);
    expect(answer.embeds[0]?.title).toBe('Worth the wait');
  });

  it('finishes a reply in flight before shutting down', async () => {
    await start();
    const { id } = fake.inject.command('slow');
    await fake.waitFor((r) => r.params.interaction_id === id);
    await bot?.stop();
    bot = undefined;
    expect((await answerTo(id)).embeds[0]?.title).toBe('Worth the wait');
  });

  it('answers an interaction for a command this build no longer has, politely', async () => {
    await start();
    const answer = await answerTo(fake.inject.command('gone').id);
    expect(ephemeral(answer)).toBe(true);
    expect(answer.embeds[0]?.description).toContain('/gone is not a Newsdesk command any more');
  });

  it('carries on when Discord keeps failing to take an acknowledgement', async () => {
    await start();
    let lostId = '';
    fake.failNext((r) => lostId !== '' && r.path.includes(lostId), { status: 500, times: 20 });
    const lost = fake.inject.command('fine');
    lostId = lost.id;
    await new Promise((resolve) => setTimeout(resolve, 3500));
    // The fake rightly flags the interaction that was never acknowledged; that is the point here.
    expect(fake.takeViolations().map((v) => v.rule)).toEqual(['interaction-ack-timeout']);
    expect(fake.interactionReplies(lost.id).acknowledgement).toBeNull();
    const next = fake.inject.command('fine');
    expect((await answerTo(next.id)).embeds[0]?.title).toBe('All good');
    expect(logs.some((line) => line.includes('could not answer the interaction'))).toBe(true);
  }, 15_000);
});
