import { describe, expect, it } from 'vitest';
import { createLlmAnswerer } from '../../src/llm/llm-answerer.js';
import { createLogger } from '../../src/logger.js';
import { FakeOpenAi, passageNumber, type RecordedRequest } from './fake-openai.js';
import { damStory, deskOf, lettersPage } from './fixtures.js';
import { chatFor } from './model-services.js';

// Reasoning models refuse `max_tokens` and a non-default `temperature` with a 400 naming the
// parameter: the chat model asks again without it, once, and leaves it out from then on.

const OPENAI_MAX_TOKENS =
  "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
const OPENAI_TEMPERATURE =
  "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.";
const MESSAGES = [{ role: 'user' as const, content: 'Say hello.' }];

const fake = FakeOpenAi.forTestFile();

const sent = (request: RecordedRequest) => Object.keys(request.body).filter((k) => k !== 'messages');

describe('a chat model whose endpoint refuses a parameter', () => {
  it('asks again without max_tokens when OpenAI names it in `param`, and never sends it again', async () => {
    const chat = chatFor(fake);
    fake.reply(
      { status: 400, message: OPENAI_MAX_TOKENS, param: 'max_tokens' },
      { content: 'Hello.' },
      { content: 'Hi.' },
    );
    expect((await chat.complete(MESSAGES, { maxTokens: 100 })).content).toBe('Hello.');
    expect((await chat.complete(MESSAGES, { maxTokens: 100 })).content).toBe('Hi.');
    expect(sent(fake.requests[0]!)).toContain('max_tokens');
    expect(sent(fake.requests[1]!)).not.toContain('max_tokens');
    expect(sent(fake.requests[2]!)).not.toContain('max_tokens');
    expect(fake.requests[2]!.body.temperature).toBe(0);
    expect([...chat.refused]).toEqual(['max_tokens']);
  });

  it('learns each refused parameter in turn, reading the message when the server sets no `param`', async () => {
    const chat = chatFor(fake);
    fake.reply(
      { status: 400, message: OPENAI_MAX_TOKENS },
      { status: 400, message: OPENAI_TEMPERATURE },
      { content: 'Hello.' },
    );
    expect((await chat.complete(MESSAGES, { maxTokens: 100 })).content).toBe('Hello.');
    expect(fake.requests.map(sent)).toEqual([
      ['model', 'temperature', 'max_tokens'],
      ['model', 'temperature'],
      ['model'],
    ]);
  });

  it('does the same for a streamed request', async () => {
    const chat = chatFor(fake);
    fake.reply(
      { status: 400, message: OPENAI_TEMPERATURE, param: 'temperature' },
      { content: 'Hello there.', chunks: ['Hello', ' there.'] },
    );
    const drafts: string[] = [];
    const reply = await chat.stream(MESSAGES, { maxTokens: 100 }, (content) => drafts.push(content));
    expect(reply.content).toBe('Hello there.');
    expect(drafts).toEqual(['Hello', 'Hello there.']);
    expect(fake.requests[1]!.body).not.toHaveProperty('temperature');
    expect(fake.requests[1]!.body.stream).toBe(true);
  });

  it('does not retry a 400 that names no parameter it can leave out', async () => {
    const chat = chatFor(fake);
    fake.reply({ status: 400, message: 'Invalid value for messages.' });
    await expect(chat.complete(MESSAGES, { maxTokens: 100 })).rejects.toThrow('Invalid value for messages');
    expect(fake.requests).toHaveLength(1);
    expect(chat.refused.size).toBe(0);
  });

  it('still verifies the answer a reasoning model gives after the retry', async () => {
    const desk = deskOf([damStory, lettersPage]);
    const logger = createLogger({ level: 'silent' });
    const answerer = createLlmAnswerer({ chat: chatFor(fake), ...desk, logger });
    fake.reply({ status: 400, message: OPENAI_MAX_TOKENS, param: 'max_tokens' }, (request) => ({
      content: `<think>The passage gives the date.</think>The reopening is planned for 12 June [${passageNumber(request, '12 June')}].`,
    }));
    const answer = await answerer.answer('When will the Harlow dam reopen?');
    if (answer.fallback) throw new Error(`expected a verified answer, got fallback ${answer.reason}`);
    expect(answer.sentences.map((s) => s.text)).toEqual(['The reopening is planned for 12 June.']);
    expect(JSON.stringify(answer)).not.toContain('think');
  });
});
