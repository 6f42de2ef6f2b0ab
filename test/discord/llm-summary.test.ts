import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { summary } from '../../commands/summary.js';
import { FakeOpenAi } from '../llm/fake-openai.js';
import { type ModelBot, startModelBot, textOf } from '../llm/model-bot.js';
import { servicesWithModel } from '../llm/model-desk.js';
import { MODEL } from '../llm/model-services.js';
import { copyingModel, floodStory, promptSentences } from '../llm/summary-fixtures.js';

// /summary with a model, through the real discord.js client against the fake Discord and the real
// openai client against the local OpenAI-compatible server.

let openai: FakeOpenAi;
let running: ModelBot;

beforeAll(async () => {
  openai = await FakeOpenAi.start();
});
afterAll(() => openai.close());
beforeEach(async () => {
  openai.reset();
  running = await startModelBot(servicesWithModel(floodStory, openai), [summary]);
});
afterEach(async () => {
  await running.stop();
  expect(openai.unexpected).toEqual([]);
  expect(openai.pending).toBe(0);
});

async function summaryOf(options: Record<string, string> = {}): Promise<string> {
  const { id } = running.fake.inject.command('summary', options);
  await vi.waitFor(() => expect(textOf(running.fake.interactionReplies(id).original)).toBeTruthy(), {
    timeout: 8000,
  });
  const replies = running.fake.interactionReplies(id);
  expect(replies.acknowledgement?.type).toBe(5);
  return textOf(replies.original);
}

describe('/summary with a model configured', () => {
  it('shows the model’s summary, each sentence cited, naming the model', async () => {
    openai.reply(copyingModel('The floods were caused by a burst dam [2].'));
    const text = await summaryOf({ length: 'short' });
    expect(text).toContain('Summary of the story so far');
    expect(text).toContain(`written by ${MODEL}`);
    expect(text).toContain(`Summarised by ${MODEL}`);
    expect(text).toMatch(/Heavy rain pushed the river Alder over its banks in Millford on Monday\.? \[1\]/);
    expect(text).not.toContain('burst dam');
    expect(openai.requests[0]!.body.messages[0]!.content).toContain('at most 3 sentences');
  });

  it('summarises only the articles from the `since` day on', async () => {
    openai.reply(copyingModel());
    const text = await summaryOf({ since: '2025-04-10' });
    expect(text).toContain('Summary since 2025-04-10');
    expect(text).toContain('From 2 articles');
    const read = promptSentences(openai.requests[0]!).map((s) => s.text);
    expect(read).toContain('Water levels in Millford began to fall on Thursday.');
    expect(read.join(' ')).not.toContain('Heavy rain');
    expect(text).not.toContain('Heavy rain');
  });

  it('falls back to the extractive summary with a one-line note when the model fails', async () => {
    openai.reply({ status: 500 }, { status: 500 });
    const text = await summaryOf();
    expect(text).toContain(`${MODEL} could not be reached, so this summary comes straight from the articles.`);
    expect(text).toContain('every sentence is quoted from the articles as written');
    expect(text).not.toContain('Summarised by');
  });
});
