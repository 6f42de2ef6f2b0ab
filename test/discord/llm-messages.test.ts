import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import type { RecordedRequest as DiscordRequest } from '../fake-discord/index.js';
import { FakeOpenAi, passageNumber, type RecordedRequest } from '../llm/fake-openai.js';
import { citingEveryPassage, damStory, inspectionLog } from '../llm/fixtures.js';
import { type ModelBot, startModelBot, textOf } from '../llm/model-bot.js';
import { servicesWithModel } from '../llm/model-desk.js';
import { MODEL } from '../llm/model-services.js';
import { floodStory } from '../llm/summary-fixtures.js';

// Free-form questions (a mention, a DM, a reply to the bot) answered by the model: the real
// discord.js client against the fake Discord, the real openai client against the local server.

let openai: FakeOpenAi;
let running: ModelBot;

beforeAll(async () => {
  openai = await FakeOpenAi.start();
});
afterAll(() => openai.close());
beforeEach(async () => {
  openai.reset();
  running = await startModelBot(servicesWithModel([...floodStory, damStory, inspectionLog], openai), [ask]);
});
afterEach(async () => {
  await running.stop();
  expect(openai.unexpected).toEqual([]);
  expect(openai.pending).toBe(0);
});

const botMessage = (after: number) => (r: DiscordRequest) =>
  r.seq > after && r.method === 'POST' && r.route === 'POST /channels/:channel_id/messages';

/** Sends a message and waits for `replies` answers from the bot; returns their bodies and ids. */
async function say(input: Parameters<ModelBot['fake']['inject']['message']>[0], replies = 1) {
  const { fake } = running;
  const after = fake.requests.at(-1)?.seq ?? 0;
  const question = fake.inject.message(input);
  await fake.waitFor(() => fake.requests.filter(botMessage(after)).length >= replies);
  const sent = fake.requests.filter(botMessage(after));
  return {
    question,
    sent,
    ids: sent.map((r) => (r.response as { id: string }).id),
    text: sent.map((r) => textOf(r.body)),
  };
}

const citing = (snippet: string, sentence: string) => (request: RecordedRequest) => ({
  content: `${sentence} [${passageNumber(request, snippet)}].`,
});

describe('a free-form question with a model configured', () => {
  it('is answered by the model, verified and cited, in a reply that pings nobody', async () => {
    openai.reply(citing('return home', 'Residents of the east bank were allowed to return home on Friday'));
    const { sent, text, question } = await say({
      content: 'when could residents go home?',
      mentions: [running.fake.bot],
    });
    expect(text[0]).toContain('when could residents go home?');
    expect(text[0]).toContain('Residents of the east bank were allowed to return home on Friday. [1]');
    expect(text[0]).toContain(`Answered by ${MODEL}`);
    expect(sent[0]!.body).toMatchObject({
      allowed_mentions: { parse: [] },
      message_reference: { message_id: question.id },
    });
    expect(openai.requests[0]!.body.messages[1]!.content).toContain('Question: when could residents go home?');
  });

  it('falls back to the extractive answer with a one-line note when the model fails', async () => {
    openai.reply({ status: 500 }, { status: 500 });
    const { text } = await say({ content: 'when could residents go home?', dm: true });
    expect(text[0]).toContain(`${MODEL} could not be reached, so this answer comes straight from the articles.`);
    expect(text[0]).toContain('return home on Friday');
    expect(text[0]).not.toContain('Answered by');
  });

  it('asks the model the self-contained form of a follow-up in a reply chain', async () => {
    openai.reply(citing('peaked at 4.2 metres', 'The river Alder peaked at 4.2 metres on Tuesday'));
    const first = await say({ content: 'how high did the river Alder peak?', mentions: [running.fake.bot] });
    openai.reply(citing('Tom Baptiste', 'Engineer Tom Baptiste said he had never seen the water this high'));
    const follow = await say({
      content: 'and what did Baptiste say?',
      referencedMessageId: first.ids[0]!,
      mentions: [running.fake.bot],
    });
    const asked = openai.requests[1]!.body.messages[1]!.content;
    expect(asked).toMatch(/Question: .*Baptiste/);
    expect(follow.text[0]).toContain('and what did Baptiste say?');
    expect(follow.text[0]).toContain(`Answered by ${MODEL}`);
  });

  it('continues an answer longer than one embed in further replies, each within Discord’s limits', async () => {
    openai.reply(citingEveryPassage);
    const question = { content: 'what did the Harlow dam inspection log record?', mentions: [running.fake.bot] };
    const first = await say(question, 2);
    const pages = Number(/Page 1 of (\d+)/.exec(first.text[0]!)?.[1]);
    expect(pages).toBeGreaterThan(1);
    await running.fake.waitFor(() => running.fake.requests.filter(botMessage(0)).length >= pages);
    const sent = running.fake.requests.filter(botMessage(0));
    const text = sent.map((r) => textOf(r.body));
    expect(text.map((t) => /Page (\d+) of/.exec(t)?.[1])).toEqual(
      Array.from({ length: pages }, (_, i) => String(i + 1)),
    );
    expect(text.join('\n')).toContain('sluice gate 14');
    // Each part replies to the question, without page buttons: the whole answer is already there.
    for (const request of sent) {
      expect(request.body).toMatchObject({ message_reference: { message_id: first.question.id } });
      expect((request.body as { components?: unknown[] }).components ?? []).toEqual([]);
    }
  });
});
