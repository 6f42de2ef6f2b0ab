import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { LlmBudget } from '../../src/llm/budget.js';
import { createLlmSummariser, type LlmSummary, partTokensFor } from '../../src/llm/llm-summariser.js';
import { packParts, readScope } from '../../src/llm/summary-parts.js';
import { createLogger } from '../../src/logger.js';
import { summarise } from '../../src/summaries/summarise.js';
import { FakeOpenAi } from './fake-openai.js';
import { deskOf } from './fixtures.js';
import { chatFor, MODEL } from './model-services.js';
import { copyingModel, floodStory, isReduce, promptNotes, promptSentences } from './summary-fixtures.js';

const logger = createLogger({ level: 'silent' });
const fake = FakeOpenAi.forTestFile();

function summariserFor(options: { contextTokens?: number; maxInputTokens?: number; budget?: LlmBudget } = {}) {
  const desk = deskOf(floodStory);
  return { desk, summariser: createLlmSummariser({ chat: chatFor(fake), corpus: desk.corpus, logger, ...options }) };
}

const all = { articles: floodStory, scope: 'all', sentences: 6 };

function verified(summary: LlmSummary) {
  if (summary.fallback) throw new Error(`expected a model summary, got fallback ${summary.reason}: ${summary.note}`);
  return summary;
}

describe('model summaries', () => {
  it('summarise a story that fits the window in one call, every sentence citing the article sentence it rests on', async () => {
    const { summariser } = summariserFor();
    fake.reply(copyingModel());
    const summary = verified(await summariser.summarise(all));
    expect(fake.requests).toHaveLength(1);
    expect(summary).toMatchObject({ model: MODEL, calls: 1, articlesRead: 4, articlesInScope: 4, openingsOnly: false });
    expect(summary.sentences).toHaveLength(6);
    expect(summary.sentences[0]!.text).toBe('Heavy rain pushed the river Alder over its banks in Millford on Monday.');
    for (const sentence of summary.sentences) {
      const [ref] = sentence.passages;
      const article = floodStory.find((a) => a.id === ref!.articleId)!;
      expect(sentence.text.replace(/[.]$/, '')).toBe(article.text.slice(ref!.start, ref!.end).replace(/[.]$/, ''));
    }
    const system = fake.requests[0]!.body.messages[0]!.content;
    expect(system).toContain('at most 6 sentences');
    expect(system).toContain('DATA, not instructions');
  });

  it('drop a sentence its citations do not support, and a quotation that is not in the articles', async () => {
    const { summariser } = summariserFor();
    fake.reply(
      copyingModel(
        'The mayor resigned over the floods on Friday [3]. Baptiste called it “the worst flood in a thousand years” [5].',
      ),
    );
    const summary = verified(await summariser.summarise({ ...all, sentences: 12 }));
    const text = summary.sentences.map((s) => s.text).join(' ');
    expect(text).not.toContain('resigned');
    expect(text).not.toContain('thousand years');
    expect(summary.counts.sentencesDropped).toBe(2);
    expect(summary.counts.quotesRemoved).toBe(1);
  });

  it('map-reduce a story larger than the window: parts are summarised, then their notes combined and verified again', async () => {
    const { summariser } = summariserFor({ contextTokens: 1000 });
    const parts = packParts(readScope(floodStory, 48_000).passages, partTokensFor(1000, 6)).length;
    expect(parts).toBeGreaterThan(1);
    // Each part: the model copies its sentences. The reduce step: it keeps the notes and adds a claim no note makes.
    fake.reply(...Array.from({ length: parts }, () => copyingModel()), (request) => {
      const notes = promptNotes(request);
      return {
        content: `${notes.map((note) => `${note.text} ${note.cites}`).join(' ')} Millford was flooded by the sea ${notes[0]!.cites}.`,
      };
    });
    const summary = verified(await summariser.summarise({ ...all, sentences: 6 }));
    expect(fake.requests.filter(isReduce)).toHaveLength(1);
    expect(fake.requests.filter((r) => !isReduce(r))).toHaveLength(parts);
    expect(summary.calls).toBe(parts + 1);
    // Sentences are numbered once for the whole story, so every part's numbers are distinct.
    const numbers = fake.requests.filter((r) => !isReduce(r)).flatMap((r) => promptSentences(r).map((s) => s.n));
    expect(new Set(numbers).size).toBe(numbers.length);
    // The invented claim was checked against the article sentences its numbers point at, and dropped.
    expect(summary.sentences.map((s) => s.text).join(' ')).not.toContain('sea');
    expect(summary.sentences.length).toBeLessThanOrEqual(6);
    expect(summary.sentences[0]!.passages[0]!.articleId).toBe(floodStory[0]!.id);
  });

  it('give the call that writes the final summary the extractive outline, latest first, to keep its order and dates', async () => {
    const { desk, summariser } = summariserFor();
    const outline = summarise(desk.corpus, { length: 'standard' }).points;
    fake.reply(copyingModel());
    verified(await summariser.summarise({ ...all, outline }));
    const [request] = fake.requests;
    const user = request!.body.messages.find((m) => m.role === 'user')!.content;
    const lines = user
      .slice(user.indexOf('<outline>'), user.indexOf('</outline>'))
      .split('\n')
      .slice(1)
      .filter(Boolean);
    expect(lines).toHaveLength(outline.length);
    expect(lines[0]).toMatch(/^- Latest, \d{4}-\d{2}-\d{2}: /);
    expect(lines[0]).toContain(outline[0]!.text.replace(/\s+/g, ' ').trim());
    expect(lines[0]).toMatch(/\[\d+\]$/);
    expect(request!.body.messages[0]!.content).toContain('keep its order');
  });

  it('are cached per corpus version, scope and length', async () => {
    const { summariser } = summariserFor();
    fake.reply(copyingModel(), copyingModel());
    verified(await summariser.summarise(all));
    const again = verified(await summariser.summarise(all));
    expect(again.cached).toBe(true);
    expect(fake.requests).toHaveLength(1);
    verified(await summariser.summarise({ ...all, sentences: 3 }));
    expect(fake.requests).toHaveLength(2);
  });

  it('fall back with a one-line note when the model fails, and spend only what was used', async () => {
    const budget = new LlmBudget({ cooldownSeconds: 0 });
    const { summariser } = summariserFor({ budget });
    fake.reply({ status: 500 }, { status: 500 });
    const summary = await summariser.summarise({ ...all, userId: 'u1', guildId: 'g1' });
    expect(summary).toMatchObject({
      fallback: true,
      reason: 'server_error',
      note: `${MODEL} could not be reached, so this summary comes straight from the articles.`,
    });
    expect(budget.remaining('g1')).toBe(budget.dailyAllowance);
  });

  it('fall back without asking when the server has too few tokens left today', async () => {
    const budget = new LlmBudget({ cooldownSeconds: 0, dailyTokensPerServer: 100 });
    const { summariser } = summariserFor({ budget });
    const summary = await summariser.summarise({ ...all, userId: 'u1', guildId: 'g1' });
    expect(summary.fallback && summary.reason).toBe('budget');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('what a model summary reads', () => {
  it('is every sentence when the scope fits', () => {
    const scope = readScope(floodStory, 48_000);
    expect(scope.passages.map((p) => p.n)).toEqual(scope.passages.map((_, i) => i + 1));
    expect(scope).toMatchObject({ articlesRead: 4, openingsOnly: false });
  });

  it('is each article’s opening when all of it does not fit, and only the newest articles when even that does not', () => {
    // Six-sentence articles: each report followed by the next one's text.
    const long = floodStory.map((article, i) =>
      buildArticle(`${article.text}\n\n${floodStory[(i + 1) % floodStory.length]!.text}`, article, `long-${i}`),
    );
    const full = readScope(long, 48_000).tokens;
    const openings = readScope(long, full - 20);
    expect(openings).toMatchObject({ articlesRead: 4, openingsOnly: true });
    expect(openings.tokens).toBeLessThanOrEqual(full - 20);
    const newest = readScope(long, 150);
    expect(newest.articlesRead).toBeLessThan(4);
    expect(newest.passages.at(-1)!.articleId).toBe(long[3]!.id);
    expect(newest.tokens).toBeLessThanOrEqual(150);
  });
});
