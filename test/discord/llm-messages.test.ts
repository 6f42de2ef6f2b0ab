import { describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import { WRITING_MARKER } from '../../src/llm/model-text.js';
import type { RecordedRequest as DiscordRequest, FakeMessage } from '../fake-discord/index.js';
import { passageNumber, type RecordedRequest } from '../llm/fake-openai.js';
import { citingEveryPassage, damStory, inspectionLog } from '../llm/fixtures.js';
import { type MessageBody, type ModelBot, textOf, useModelBot } from '../llm/model-bot.js';
import { MODEL } from '../llm/model-services.js';
import { floodStory } from '../llm/summary-fixtures.js';

// Free-form questions (a mention, a DM, a reply to the bot) answered by the model: the real
// discord.js client against the fake Discord, the real openai client against the local server.

const model = useModelBot([...floodStory, damStory, inspectionLog], [ask]);

const botMessage = (after: number) => (r: DiscordRequest) =>
  r.seq > after && r.method === 'POST' && r.route === 'POST /channels/:channel_id/messages';

const footerOf = (body: unknown) => (body as MessageBody).embeds?.[0]?.footer?.text;

/** The bot's messages after `question`, as its channel shows them now (a draft edited in place included). */
function answersTo(question: FakeMessage): FakeMessage[] {
  const { fake } = model.running;
  return fake
    .messagesIn(question.channel_id)
    .filter((m) => BigInt(m.id) > BigInt(question.id) && (m.author as { id: string }).id === fake.bot.id);
}

/**
 * Sends a message and waits for `replies` answers from the bot, none of them still a draft; returns
 * the message bodies the bot sent, and the answers' ids and text as the person now reads them.
 */
async function say(input: Parameters<ModelBot['fake']['inject']['message']>[0], replies = 1) {
  const { fake } = model.running;
  const after = fake.requests.at(-1)?.seq ?? 0;
  const question = fake.inject.message(input);
  await fake.waitFor(() => {
    const answers = answersTo(question);
    return answers.length >= replies && answers.every((m) => footerOf(m) !== WRITING_MARKER);
  });
  const answers = answersTo(question);
  return {
    question,
    sent: fake.requests.filter(botMessage(after)),
    ids: answers.map((m) => m.id),
    text: answers.map(textOf),
  };
}

const citing = (snippet: string, sentence: string) => (request: RecordedRequest) => ({
  content: `${sentence} [${passageNumber(request, snippet)}].`,
});

describe('a free-form question with a model configured', () => {
  it('is answered by the model, verified and cited, in a reply that pings nobody', async () => {
    model.openai.reply(citing('return home', 'Residents of the east bank were allowed to return home on Friday'));
    const { sent, text, question } = await say({
      content: 'when could residents go home?',
      mentions: [model.running.fake.bot],
    });
    expect(text[0]).toContain('when could residents go home?');
    expect(text[0]).toContain('Residents of the east bank were allowed to return home on Friday. [1]');
    expect(text[0]).toContain(`Answered by ${MODEL}`);
    expect(sent[0]!.body).toMatchObject({
      allowed_mentions: { parse: [] },
      message_reference: { message_id: question.id },
    });
    expect(model.openai.requests[0]!.body.messages[1]!.content).toContain('Question: when could residents go home?');
  });

  it('falls back to the extractive answer with a one-line note when the model fails', async () => {
    model.openai.reply({ status: 500 }, { status: 500 });
    const { text } = await say({ content: 'when could residents go home?', dm: true });
    expect(text[0]).toContain(`${MODEL} could not be reached, so this answer comes straight from the articles.`);
    expect(text[0]).toContain('return home on Friday');
    expect(text[0]).not.toContain('Answered by');
  });

  it('asks the model the self-contained form of a follow-up in a reply chain', async () => {
    model.openai.reply(citing('peaked at 4.2 metres', 'The river Alder peaked at 4.2 metres on Tuesday'));
    const first = await say({ content: 'how high did the river Alder peak?', mentions: [model.running.fake.bot] });
    model.openai.reply(citing('Tom Baptiste', 'Engineer Tom Baptiste said he had never seen the water this high'));
    const follow = await say({
      content: 'and what did Baptiste say?',
      referencedMessageId: first.ids[0]!,
      mentions: [model.running.fake.bot],
    });
    const asked = model.openai.requests[1]!.body.messages[1]!.content;
    expect(asked).toMatch(/Question: .*Baptiste/);
    expect(follow.text[0]).toContain('and what did Baptiste say?');
    expect(follow.text[0]).toContain(`Answered by ${MODEL}`);
  });

  it('continues an answer longer than one embed in further replies, each within Discord’s limits', async () => {
    model.openai.reply(citingEveryPassage);
    const question = { content: 'what did the Harlow dam inspection log record?', mentions: [model.running.fake.bot] };
    const first = await say(question, 2);
    const pages = Number(/Page 1 of (\d+)/.exec(first.text[0]!)?.[1]);
    expect(pages).toBeGreaterThan(1);
    await model.running.fake.waitFor(() => model.running.fake.requests.filter(botMessage(0)).length >= pages);
    const sent = model.running.fake.requests.filter(botMessage(0));
    const answers = answersTo(first.question);
    const text = answers.map(textOf);
    expect(text.map((t) => /Page (\d+) of/.exec(t)?.[1])).toEqual(
      Array.from({ length: pages }, (_, i) => String(i + 1)),
    );
    expect(text.join('\n')).toContain('sluice gate 14');
    // Each part replies to the question, without page buttons: the whole answer is already there.
    for (const request of sent) {
      expect(request.body).toMatchObject({ message_reference: { message_id: first.question.id } });
    }
    for (const answer of answers) expect(answer.components ?? []).toEqual([]);
  });

  it('streams the answer into its reply, marked "writing…", then edits that message into the verified answer', async () => {
    const sentence = 'Residents of the east bank were allowed to return home on Friday';
    // One word a chunk, 150 ms apart: about three seconds of writing, so drafts arrive before the
    // answer. A draft shows finished sentences only, so a second sentence (left unfinished) follows.
    model.openai.reply((request) => {
      const n = passageNumber(request, 'return home');
      const content = `${sentence} [${n}]. The east bank residents were allowed to return home on Friday [${n}]. They`;
      return { content, chunks: content.split(/(?= )/), chunkDelayMs: 150 };
    });
    const asked = 'when could residents go home?';
    const { fake } = model.running;
    const after = fake.requests.at(-1)?.seq ?? 0;
    const { question, ids } = await say({ content: asked, mentions: [fake.bot] });

    // What the person saw first: one reply to the question, the draft so far, marked "writing…".
    const posts = fake.requests.filter(botMessage(after));
    expect(posts).toHaveLength(1);
    expect(ids).toEqual([(posts[0]!.response as { id: string }).id]);
    const draft = posts[0]!.body as MessageBody;
    expect(footerOf(draft)).toBe(WRITING_MARKER);
    expect(draft.embeds?.[0]?.title).toBe(asked);
    expect(posts[0]!.body).toMatchObject({ message_reference: { message_id: question.id } });

    // Then that same message, edited: newer drafts while the model writes, the verified answer last.
    const edits = fake.requests.filter(
      (r) => r.seq > after && r.route === 'PATCH /channels/:channel_id/messages/:message_id',
    );
    expect(edits.every((r) => r.params.message_id === ids[0])).toBe(true);
    expect(edits.length).toBeGreaterThanOrEqual(1);
    expect(edits.slice(0, -1).every((r) => footerOf(r.body) === WRITING_MARKER)).toBe(true);
    const final = edits.at(-1)!.body as MessageBody;
    expect(footerOf(final)).toContain(`Answered by ${MODEL}`);
    expect(footerOf(final)).not.toContain(WRITING_MARKER);
    expect(final.embeds?.[0]?.description).toContain(`${sentence}. [1]`);
    expect(final.embeds?.[0]?.fields?.some((f) => f.name === 'Sources' && f.value.includes('[1]'))).toBe(true);
    expect(textOf(answersTo(question)[0])).toBe(textOf(final));

    // Nothing it sent could ping anyone, and Discord's rules held throughout.
    for (const request of [...posts, ...edits]) {
      expect((request.body as MessageBody).allowed_mentions?.parse).toEqual([]);
    }
    expect(model.openai.requests[0]!.body.stream).toBe(true);
    expect(fake.violations).toEqual([]);
  });
});
