import { describe, expect, it, vi } from 'vitest';
import { summary } from '../../commands/summary.js';
import { textOf, useModelBot } from '../llm/model-bot.js';
import { MODEL } from '../llm/model-services.js';
import { copyingModel, floodStory, promptSentences } from '../llm/summary-fixtures.js';

// /summary with a model, through the real discord.js client against the fake Discord and the real
// openai client against the local OpenAI-compatible server.

const model = useModelBot(floodStory, [summary]);

async function summaryOf(options: Record<string, string> = {}): Promise<string> {
  const { id } = model.running.fake.inject.command('summary', options);
  await vi.waitFor(() => expect(textOf(model.running.fake.interactionReplies(id).original)).toBeTruthy(), {
    timeout: 8000,
  });
  const replies = model.running.fake.interactionReplies(id);
  expect(replies.acknowledgement?.type).toBe(5);
  return textOf(replies.original);
}

describe('/summary with a model configured', () => {
  it('shows the model’s summary, each sentence cited, naming the model', async () => {
    model.openai.reply(copyingModel('The floods were caused by a burst dam [2].'));
    const text = await summaryOf({ length: 'short' });
    expect(text).toContain('Summary of the story so far');
    expect(text).toContain(`written by ${MODEL}`);
    expect(text).toContain(`Summarised by ${MODEL}`);
    expect(text).toMatch(/Heavy rain pushed the river Alder over its banks in Millford on Monday\.? \[1\]/);
    expect(text).not.toContain('burst dam');
    expect(model.openai.requests[0]!.body.messages[0]!.content).toContain('at most 3 sentences');
  });

  it('summarises only the articles from the `since` day on', async () => {
    model.openai.reply(copyingModel());
    const text = await summaryOf({ since: '2025-04-10' });
    expect(text).toContain('Summary since 2025-04-10');
    expect(text).toContain('From 2 articles');
    const read = promptSentences(model.openai.requests[0]!).map((s) => s.text);
    expect(read).toContain('Water levels in Millford began to fall on Thursday.');
    expect(read.join(' ')).not.toContain('Heavy rain');
    expect(text).not.toContain('Heavy rain');
  });

  it('falls back to the extractive summary with a one-line note when the model fails', async () => {
    model.openai.reply({ status: 500 }, { status: 500 });
    const text = await summaryOf();
    expect(text).toContain(`${MODEL} could not be reached, so this summary comes straight from the articles.`);
    expect(text).toContain('every sentence is quoted from the articles as written');
    expect(text).not.toContain('Summarised by');
  });
});
