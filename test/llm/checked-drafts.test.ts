import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ask } from '../../commands/ask.js';
import { runInteractive } from '../../src/console/console.js';
import { WRITING_MARKER } from '../../src/llm/model-text.js';
import { createLogger } from '../../src/logger.js';
import { VirtualTerminal } from '../console/virtual-terminal.js';
import type { RecordedRequest as DiscordRequest } from '../fake-discord/index.js';
import { FakeOpenAi, passageNumber, type RecordedRequest } from './fake-openai.js';
import { damStory, lettersPage } from './fixtures.js';
import { textOf, useModelBot } from './model-bot.js';
import { servicesWithModel } from './model-desk.js';
import { MODEL } from './model-services.js';

// Nothing unchecked on screen while the model writes: a streamed answer mixing supported sentences
// with a made-up quotation and date, watched in every Discord edit and on a terminal.

const QUESTION = 'When will the Harlow dam reopen?';
const MADE_UP = ['will never open again', '3 March', 'painted gold'];

/** Good, bad, good, bad, a word more: each sentence in a few pieces, 150 ms apart (drafts come once a second). */
function mixedAnswer(request: RecordedRequest) {
  const june = passageNumber(request, '12 June');
  const cost = passageNumber(request, 'repairs cost');
  const sentences = [
    `The reopening is planned for 12 June [${june}].`,
    ` Nair said the dam “will never open again” after 3 March [${cost}].`,
    ` Engineer Priya Nair said the repairs cost 4 million euros [${cost}].`,
    ` The dam will be painted gold [${june}].`,
    ' In',
  ];
  const chunks = sentences.flatMap((sentence) =>
    sentence.split(/(?<= \S+ \S+ \S+) /).map((piece, i) => (i ? ` ${piece}` : piece)),
  );
  return { content: chunks.join(''), chunks, chunkDelayMs: 150 };
}

const unchecked = (text: string) => MADE_UP.filter((words) => text.includes(words));

describe('drafts in Discord', () => {
  const model = useModelBot([damStory, lettersPage], [ask]);

  it('show only checked sentences in every edit of /ask', async () => {
    model.openai.reply(mixedAnswer);
    const { fake } = model.running;
    const { id } = fake.inject.command('ask', { question: QUESTION });
    await fake.waitFor(() => {
      const last = fake
        .interactionReplies(id)
        .events.filter((e) => e.kind === 'edit-original')
        .at(-1);
      return Boolean(last && textOf(last.body).includes(`Answered by ${MODEL}`));
    }, 15_000);
    const edits = fake.interactionReplies(id).events.filter((e) => e.kind === 'edit-original');
    const drafts = edits.filter((e) => textOf(e.body).includes(WRITING_MARKER));
    expect(drafts.length).toBeGreaterThanOrEqual(1);
    expect(textOf(drafts[0]!.body)).toContain('The reopening is planned for 12 June.');
    for (const edit of edits) expect(unchecked(textOf(edit.body))).toEqual([]);
    expect(textOf(edits.at(-1)!.body)).toContain('the repairs cost 4 million euros');
  });

  it('show only checked sentences in every edit of an answer to a mention', async () => {
    model.openai.reply(mixedAnswer);
    const { fake } = model.running;
    const after = fake.requests.at(-1)?.seq ?? 0;
    fake.inject.message({ content: QUESTION, mentions: [fake.bot] });
    const bySelf = (r: DiscordRequest) =>
      r.seq > after &&
      (r.route === 'POST /channels/:channel_id/messages' ||
        r.route === 'PATCH /channels/:channel_id/messages/:message_id');
    await fake.waitFor(
      () => fake.requests.filter(bySelf).some((r) => textOf(r.body).includes(`Answered by ${MODEL}`)),
      15_000,
    );
    const sent = fake.requests.filter(bySelf).filter((r) => r.body);
    expect(sent.some((r) => textOf(r.body).includes(WRITING_MARKER))).toBe(true);
    for (const request of sent) expect(unchecked(textOf(request.body))).toEqual([]);
  });
});

describe('drafts on a terminal', () => {
  let openai: FakeOpenAi;
  let dir: string;
  beforeAll(async () => {
    openai = await FakeOpenAi.start();
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-checked-drafts-'));
  });
  afterAll(async () => {
    await openai.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('never print an unchecked sentence, not even for a moment', async () => {
    openai.reply(mixedAnswer);
    const terminal = new VirtualTerminal(60);
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const session = runInteractive(
      {
        commands: [ask],
        services: servicesWithModel([damStory, lettersPage], openai),
        logger: createLogger({ level: 'silent' }),
      },
      {
        input,
        output: terminal,
        errors: new Writable({ write: (_c, _e, done) => done() }),
        colour: false,
        historyFile: join(dir, 'history'),
      },
    );
    input.write(`${QUESTION}\r`);
    await vi.waitFor(() => expect(terminal.raw).toContain(`Answered by ${MODEL}`), { timeout: 15_000 });
    input.end();
    await session;
    expect(terminal.raw).toContain(WRITING_MARKER);
    expect(unchecked(terminal.raw)).toEqual([]);
    expect(terminal.screen).toContain('The reopening is planned for 12 June.');
    expect(openai.unexpected).toEqual([]);
  });
});
