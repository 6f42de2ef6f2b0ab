import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { MAX_EMBED_DESCRIPTION } from '../../src/discord/limits.js';
import { deployCommands, localDefinitions } from '../../src/discord/registration.js';
import { draftPayload } from '../../src/discord/stream-answer.js';
import { WRITING_MARKER } from '../../src/llm/model-text.js';
import { createLogger } from '../../src/logger.js';
import type { Services } from '../../src/services.js';
import { SEEDS_DIR, servicesFrom } from '../commands/helpers.js';
import { type FakeDiscord, type ReplyEvent, startFakeDiscord } from '../fake-discord/index.js';
import { FakeOpenAi, type RecordedRequest } from './fake-openai.js';
import { MODEL, modelServices } from './model-services.js';

// /ask streamed in Discord: the real discord.js client (through startBot) against the fake Discord,
// the real openai client against the local OpenAI-compatible server streaming in several chunks.

const QUESTION = 'when could the meeting happen?';

interface Embed {
  title?: string;
  description?: string;
  footer?: { text?: string };
}
interface Body {
  embeds?: Embed[];
  allowed_mentions?: { parse?: string[] };
}

let openai: FakeOpenAi;
let base: Services;
let fake: FakeDiscord;
let bot: RunningBot | undefined;

beforeAll(async () => {
  openai = await FakeOpenAi.start();
  base = await servicesFrom(SEEDS_DIR);
});

afterAll(async () => {
  await openai?.close();
});

beforeEach(async () => {
  openai.reset();
  fake = await startFakeDiscord({ log: () => {} });
  await deployCommands(
    { token: fake.token, applicationId: fake.applicationId, guildId: fake.guild.id, apiBase: fake.apiUrl },
    localDefinitions([ask]),
  );
  const logger = createLogger({ level: 'silent' });
  const services: Services = { ...base, llm: modelServices(openai, base, { timeoutMs: 2000, maxRetries: 0 }) };
  bot = await startBot({ token: fake.token, apiBase: fake.apiUrl, deps: { commands: [ask], services, logger } });
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  fake.expectNoViolations();
  await fake.stop();
  expect(openai.unexpected).toEqual([]);
});

/** The text of the passage numbered n in the prompt, to answer with something the articles say. */
function passageText(request: RecordedRequest, n: number): string {
  const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  const match = new RegExp(`<passage n="${n}"[^>]*>\\n([\\s\\S]*?)\\n</passage>`).exec(user);
  if (!match) throw new Error(`passage ${n} not in the prompt`);
  return match[1]!.trim();
}

/** Streams a supported sentence citing passage 1, then the start of another, in pieces of a few words. */
function streamedAnswer(request: RecordedRequest) {
  const content = `${passageText(request, 1)} [1] And`;
  const words = content.split(' ');
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += 3) chunks.push(`${i ? ' ' : ''}${words.slice(i, i + 3).join(' ')}`);
  return { content, chunks };
}

async function finished(id: string): Promise<ReplyEvent[]> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const { events } = fake.interactionReplies(id);
    const edits = events.filter((e) => e.kind === 'edit-original');
    const last = edits.at(-1)?.body as Body | undefined;
    if (last?.embeds?.[0] && last.embeds[0].footer?.text !== WRITING_MARKER) return edits;
    if (Date.now() > deadline) throw new Error(`no final answer to ${id}: ${JSON.stringify(events)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const footerOf = (event: ReplyEvent) => (event.body as Body).embeds?.[0]?.footer?.text;

describe('/ask streamed in Discord with a model configured', () => {
  it('shows the draft marked "writing…", then replaces it with the verified, cited answer', async () => {
    openai.reply(streamedAnswer);
    const { id } = fake.inject.command('ask', { question: QUESTION });
    const edits = await finished(id);

    const drafts = edits.filter((e) => footerOf(e) === WRITING_MARKER);
    expect(drafts.length).toBeGreaterThanOrEqual(1);
    expect((drafts[0]!.body as Body).embeds?.[0]?.title).toBe(QUESTION);
    expect(fake.interactionReplies(id).acknowledgement?.type).toBe(5);
    // The verified answer replaces the draft in the same message rather than following it.
    expect(fake.interactionReplies(id).followUps).toEqual([]);

    const final = edits.at(-1)!.body as Body;
    expect(final.embeds?.[0]?.footer?.text).toContain(`Answered by ${MODEL}`);
    expect(final.embeds?.[0]?.footer?.text).not.toContain(WRITING_MARKER);
    expect(final.embeds?.[0]?.description).toContain('[1]');
    for (const edit of edits) expect((edit.body as Body).allowed_mentions?.parse).toEqual([]);
    expect(openai.requests[0]?.body.stream).toBe(true);
  });

  it('never drafts a sentence the verification rejects, and answers with the extractive answer and its note', async () => {
    openai.reply({
      content: '@everyone The summit will be held on the Moon next Tuesday [1].',
      chunks: ['@everyone The summit will', ' be held on the Moon', ' next Tuesday [1].'],
    });
    const { id } = fake.inject.command('ask', { question: QUESTION });
    const edits = await finished(id);
    // A draft shows only checked sentences: this one never passes, so no draft is shown at all.
    expect(edits.filter((e) => footerOf(e) === WRITING_MARKER)).toEqual([]);
    for (const edit of edits) expect((edit.body as Body).allowed_mentions?.parse).toEqual([]);
    expect(JSON.stringify(edits.map((d) => d.body))).not.toContain('everyone');
    const final = JSON.stringify(edits.at(-1)!.body);
    expect(final).not.toContain('Moon');
    expect(final).not.toContain('Answered by');
  });
});

describe('the streamed draft', () => {
  it('is cut to the embed description limit and never pings anyone', () => {
    const payload = draftPayload(QUESTION, '*'.repeat(MAX_EMBED_DESCRIPTION * 2));
    expect(payload.embeds[0]?.description?.length).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
    expect(payload.embeds[0]?.footer?.text).toBe(WRITING_MARKER);
    expect(payload.allowedMentions.parse).toEqual([]);
  });
});
