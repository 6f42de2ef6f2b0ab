import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import { buildArticle } from '../../src/articles/article.js';
import { runInteractive } from '../../src/console/console.js';
import { runLine } from '../../src/console/run-line.js';
import { soleConversation } from '../../src/conversations/conversation-store.js';
import { createIndexedCorpus } from '../../src/corpus/indexed-corpus.js';
import { renderPage } from '../../src/discord/render.js';
import { createLogger } from '../../src/logger.js';
import type { Reply } from '../../src/reply.js';
import type { Services } from '../../src/services.js';
import type { RecordedRequest } from '../fake-discord/index.js';
import { type ModelBot, startModelBot, textOf } from '../llm/model-bot.js';

// Answering is one use case (src/answers/answer-use-case.ts): the console and Discord's mentions and
// reply chains only hand it the question and its conversation, so they give the same replies.

const flood = buildArticle(
  [
    'The river Alder burst its banks in Harlow on Monday night.',
    'Engineer Priya Nair said the new flood wall held along the east bank.',
    '“The wall did exactly what it was built to do,” Nair told reporters on Tuesday.',
    'Mayor Tom Baptiste said the town hall would stay closed until the water drops.',
    '“We will reopen the schools on Thursday,” Baptiste told reporters on Tuesday.',
  ].join('\n\n'),
  { title: 'Alder floods Harlow', date: '2025-05-06', source: 'Valley Post' },
  'alder-flood',
);

function services(): Services {
  const desk = createIndexedCorpus([flood]);
  return { ...desk, load: { loaded: 1, skipped: [], ms: 1, dir: 'test' }, startedAt: new Date('2025-05-07T00:00:00Z') };
}

const FIRST = 'Who said the flood wall held?';
const FOLLOW_UP = 'and what did she tell reporters?';
const logger = createLogger({ level: 'silent' });

describe('the console', () => {
  it('keeps a conversation across two questions: a follow-up refers to the previous answer', async () => {
    let out = '';
    const output = new Writable({
      write(chunk, _encoding, done) {
        out += chunk;
        done();
      },
    });
    const input = new PassThrough();
    input.end(`${FIRST}\n${FOLLOW_UP}\n`);
    await runInteractive(
      { commands: [ask], services: services(), logger },
      { input, output, errors: output, colour: false, historyFile: '/dev/null' },
    );
    const second = out.slice(out.indexOf(FOLLOW_UP));
    // "she" is Priya Nair, whom the first answer was about, not the mayor who also told reporters.
    expect(second).toContain('Nair');
    expect(second).not.toContain('Baptiste');
  });
});

describe('the same question through the console and Discord', () => {
  let bot: ModelBot;
  beforeAll(async () => {
    bot = await startModelBot(services(), [ask]);
  });
  afterAll(() => bot?.stop());

  const botPost = (after: number) => (r: RecordedRequest) =>
    r.seq > after && r.method === 'POST' && r.route === 'POST /channels/:channel_id/messages';

  async function askDiscord(content: string, referencedMessageId?: string) {
    const after = bot.fake.requests.at(-1)?.seq ?? 0;
    bot.fake.inject.message({
      content,
      mentions: [bot.fake.bot],
      ...(referencedMessageId ? { referencedMessageId } : {}),
    });
    const request = await bot.fake.waitFor(botPost(after));
    return { text: textOf(request.body), id: (request.response as { id: string }).id };
  }

  /** What Discord shows for a reply, rendered by the Discord transport's own renderer. */
  const asDiscordShowsIt = (reply: Reply) => textOf(renderPage(reply).payload);

  it('gives the same reply, follow-up included', async () => {
    const conversation = soleConversation();
    const deps = { commands: [ask], services: services(), logger };
    const consoleFirst = await runLine(FIRST, deps, { conversation });
    const consoleSecond = await runLine(FOLLOW_UP, deps, { conversation });
    expect(consoleFirst.ok && consoleSecond.ok).toBe(true);

    const discordFirst = await askDiscord(FIRST);
    const discordSecond = await askDiscord(FOLLOW_UP, discordFirst.id);

    expect(discordFirst.text).toBe(asDiscordShowsIt(consoleFirst.reply));
    expect(discordSecond.text).toBe(asDiscordShowsIt(consoleSecond.reply));
    expect(discordSecond.text).toContain('Nair');
    expect(discordSecond.text).not.toContain('Baptiste');
  });
});
