import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.js';
import { answerAsked } from '../../src/answers/answer-use-case.js';
import { buildArticle } from '../../src/articles/article.js';
import type { Article } from '../../src/articles/types.js';
import { createLlmAnswerer } from '../../src/llm/llm-answerer.js';
import { createLogger } from '../../src/logger.js';
import { FakeOpenAi, passageNumber, type RecordedRequest } from './fake-openai.js';
import { damStory, deskOf, lettersPage } from './fixtures.js';
import { servicesWithModel } from './model-desk.js';
import { chatFor, MODEL } from './model-services.js';

// The model answers from the extractive engine's evidence and is held to its rules: scripted
// replies through the local OpenAI-compatible server.

const logger = createLogger({ level: 'silent' });
const fake = FakeOpenAi.forTestFile();

const citing = (template: string) => (request: RecordedRequest) => ({
  content: template.replace(/\{\{(.+?)\}\}/g, (_, snippet: string) => String(passageNumber(request, snippet))),
});
const promptOf = (request: RecordedRequest) => request.body.messages.find((m) => m.role === 'user')?.content ?? '';

function answererFor(articles: readonly Article[]) {
  const desk = deskOf(articles);
  return createLlmAnswerer({ chat: chatFor(fake), ...desk, logger });
}

const earlyReport = buildArticle(
  ['The two leaders will meet in Vienna next week, officials said.', 'Security in the city was stepped up.'].join(
    '\n\n',
  ),
  { title: 'Leaders to meet next week', date: '2025-08-06', source: 'Capital Wire' },
  'early',
);
const laterReport = buildArticle(
  [
    'The two leaders will meet in Geneva next week, officials said, after the venue was changed.',
    'Swiss police closed the lakeside roads.',
  ].join('\n\n'),
  { title: 'Summit moves to Geneva', date: '2025-08-09', source: 'Lake Herald' },
  'later',
);

describe('the model, held to the extractive engine’s evidence and rules', () => {
  it('is shown the newest developments when asked for the latest', async () => {
    fake.reply(citing('The two leaders will meet in Geneva next week [{{Geneva next week}}].'));
    const answer = await answererFor([earlyReport, laterReport]).answer('What is the latest?');
    expect(promptOf(fake.requests[0]!)).toContain('<passage n="1" source="Summit moves to Geneva');
    expect(answer.fallback).toBe(false);
  });

  it('starts from the passages the extractive answer rests on', async () => {
    fake.reply(citing('The reopening is planned for 12 June [{{12 June}}].'));
    const services = servicesWithModel([damStory, lettersPage], fake);
    const question = 'When will the Harlow dam reopen?';
    const { reply } = await answerAsked(services, { question });
    const picks = answerQuestion(question, services).evidence;
    expect(picks.length).toBeGreaterThan(0);
    const shown = [...promptOf(fake.requests[0]!).matchAll(/<passage n="\d+"[^>]*>\n([\s\S]*?)\n<\/passage>/g)].map(
      (m) => m[1],
    );
    expect(shown.slice(0, picks.length)).toEqual(picks.map((hit) => hit.text));
    expect(reply.footer).toContain(`Answered by ${MODEL}`);
  });

  it('does not answer a premise the articles do not support as true', async () => {
    fake.reply(citing('Nair closed the dam because the repairs cost 4 million euros [{{repairs cost}}].'));
    const services = servicesWithModel([damStory, lettersPage], fake);
    const { reply, fromModel } = await answerAsked(services, { question: 'Why did Nair close the dam?' });
    expect(fromModel).toBe(false);
    expect(reply.intro).toContain('takes for granted');
    expect(JSON.stringify(reply)).not.toContain('closed the dam because');
  });

  it('flags an answer resting on a report a later article contradicts, with both dates', async () => {
    fake.reply(citing('The two leaders will meet in Vienna next week [{{Vienna}}].'));
    const answer = await answererFor([earlyReport, laterReport]).answer('Where will the two leaders meet?');
    if (answer.fallback) throw new Error(`expected a verified answer, got ${answer.reason}`);
    const [sentence] = answer.sentences;
    expect(sentence!.text).toContain('earlier report, of 2025-08-06; a later article, of 2025-08-09, says otherwise');
    expect(sentence!.passages.map((p) => p.articleId)).toEqual([earlyReport.id, laterReport.id]);
  });

  it('does not flag what a later article repeats', async () => {
    fake.reply(citing('Security in the city was stepped up [{{Security}}].'));
    const answer = await answererFor([earlyReport, laterReport]).answer('What happened to security in the city?');
    if (answer.fallback) throw new Error(`expected a verified answer, got ${answer.reason}`);
    expect(answer.sentences[0]!.text).toBe('Security in the city was stepped up.');
  });
});
