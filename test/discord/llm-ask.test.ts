import { describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import { MAX_EMBED_DESCRIPTION, MAX_EMBEDS_TOTAL } from '../../src/discord/limits.js';
import { WRITING_MARKER } from '../../src/llm/model-text.js';
import type { ReplyEvent } from '../fake-discord/index.js';
import { passageNumber } from '../llm/fake-openai.js';
import { citingEveryPassage, damStory, inspectionLog } from '../llm/fixtures.js';
import { type EmbedBody, type MessageBody, textOf, useModelBot } from '../llm/model-bot.js';
import { MODEL } from '../llm/model-services.js';

// /ask with a model through the real discord.js client against the fake Discord and the real
// openai client against the local server: long answers, and questions in another language.

const model = useModelBot([damStory, inspectionLog], [ask]);

/** Waits until the draft has been replaced by the final answer and `followUps` more messages have followed. */
async function finished(id: string, followUps = 0) {
  const { fake } = model.running;
  await fake.waitFor(() => {
    const { events, followUps: sent } = fake.interactionReplies(id);
    const last = events.filter((e) => e.kind === 'edit-original').at(-1)?.body as MessageBody | undefined;
    return Boolean(last?.embeds?.[0] && last.embeds[0].footer?.text !== WRITING_MARKER && sent.length >= followUps);
  });
  return fake.interactionReplies(id);
}

const footerOf = (event: ReplyEvent) => (event.body as MessageBody).embeds?.[0]?.footer?.text;
const size = (embed: EmbedBody) =>
  (embed.title?.length ?? 0) +
  (embed.description?.length ?? 0) +
  (embed.footer?.text?.length ?? 0) +
  (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);

describe('/ask with a model, streamed in Discord', () => {
  it('replaces the draft with the first part of a long answer and sends the rest as follow-ups, each within the limits', async () => {
    model.openai.reply((request) => ({ ...citingEveryPassage(request), chunkDelayMs: 20 }));
    const { id } = model.running.fake.inject.command('ask', {
      question: 'what did the Harlow dam inspection log record?',
    });
    const first = await finished(id, 1);
    const pages = Number(/Page 1 of (\d+)/.exec(textOf(first.original))?.[1]);
    expect(pages).toBeGreaterThan(1);
    const replies = await finished(id, pages - 1);

    const edits = replies.events.filter((e) => e.kind === 'edit-original');
    expect(edits.some((e) => footerOf(e) === WRITING_MARKER)).toBe(true);
    expect(footerOf(edits.at(-1)!)).toContain(`Answered by ${MODEL}`);
    expect(footerOf(edits.at(-1)!)).toContain(`Page 1 of ${pages}`);
    expect(replies.followUps.map((m) => textOf(m).match(/Page (\d+) of/)?.[1])).toEqual(
      Array.from({ length: pages - 1 }, (_, i) => String(i + 2)),
    );
    const everything = [textOf(replies.original), ...replies.followUps.map(textOf)].join('\n');
    for (let gate = 1; gate <= 14; gate++) expect(everything).toContain(`sluice gate ${gate} `);
    for (const event of replies.events) {
      const body = event.body as MessageBody;
      for (const embed of body.embeds ?? []) {
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(MAX_EMBED_DESCRIPTION);
        expect(size(embed)).toBeLessThanOrEqual(MAX_EMBEDS_TOTAL);
      }
      if (event.kind !== 'ack') expect(body.allowed_mentions?.parse).toEqual([]);
    }
  });

  it('answers a question asked in French in French, with the asker’s locale in the prompt', async () => {
    const question = 'Quand le barrage de Harlow rouvrira-t-il ?';
    model.openai.reply((request) => ({
      content: `La réouverture du barrage de Harlow est prévue pour le 12 June [${passageNumber(request, '12 June')}].`,
    }));
    const { id } = model.running.fake.inject.command('ask', { question }, { locale: 'fr' });
    const replies = await finished(id);
    const [system, user] = model.openai.requests[0]!.body.messages;
    expect(system!.content).toContain("the person's language setting is fr");
    expect(user!.content).toContain(`Question: ${question}`);
    const text = textOf(replies.original);
    expect(text).toContain('La réouverture du barrage de Harlow est prévue pour le 12 June. [1]');
    expect(text).toContain('Ministers agree to reopen the Harlow dam');
    expect(text).toContain(`Answered by ${MODEL}`);
  });

  it('drops a French sentence whose names and numbers the cited passage does not hold', async () => {
    model.openai.reply((request) => ({
      content: `Le barrage de Harlow rouvrira le 30 July à Paris [${passageNumber(request, '12 June')}].`,
    }));
    const { id } = model.running.fake.inject.command(
      'ask',
      { question: 'Quand le barrage de Harlow rouvrira-t-il ?' },
      { locale: 'fr' },
    );
    const text = textOf((await finished(id)).original);
    expect(text).not.toContain('Paris');
    expect(text).not.toContain('Answered by');
  });
});
