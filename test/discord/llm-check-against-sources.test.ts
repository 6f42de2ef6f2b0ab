import { describe, expect, it, vi } from 'vitest';
import { CHECK_AGAINST_SOURCES } from '../../src/discord/check-against-sources.js';
import { passageNumber, type RecordedRequest } from '../llm/fake-openai.js';
import { textOf, useModelBot } from '../llm/model-bot.js';
import { MODEL } from '../llm/model-services.js';
import { floodStory } from '../llm/summary-fixtures.js';

// "Check against sources" judged by the model, every verdict held to its evidence: the real
// discord.js client against the fake Discord, the real openai client against the local server.

const MESSAGE =
  'Residents returned home on Friday. The river peaked at 9 metres on Tuesday. Aliens landed in Millford.';

const model = useModelBot(floodStory, []);

async function check(content: string) {
  const { fake } = model.running;
  const target = fake.inject.message({ content });
  const { id } = fake.inject.messageContextMenu(CHECK_AGAINST_SOURCES, target);
  await vi.waitFor(() => expect(textOf(fake.interactionReplies(id).original)).toBeTruthy(), { timeout: 8000 });
  const replies = fake.interactionReplies(id);
  return { acknowledgement: replies.acknowledgement, original: replies.original, text: textOf(replies.original) };
}

/** Right on the first two claims, and calling the invented third one supported by a sentence the passages do not hold. */
function judge(request: RecordedRequest) {
  const home = passageNumber(request, 'return home');
  const peak = passageNumber(request, 'peaked at 4.2');
  return {
    content: [
      `C1: SUPPORTED — Residents of the east bank were allowed to return home on Friday [${home}].`,
      `C2: CONTRADICTED — The river Alder peaked at 4.2 metres on Tuesday [${peak}].`,
      `C3: SUPPORTED — Aliens landed in Millford on Monday [${home}].`,
    ].join('\n'),
  };
}

describe('"Check against sources" with a model configured', () => {
  it('shows the model’s verdicts that hold up, with their cited evidence, and the articles’ own verdict elsewhere', async () => {
    model.openai.reply(judge);
    const { acknowledgement, original, text } = await check(MESSAGE);
    expect(acknowledgement).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(original?.flags).toBe(64);
    expect(text).toContain(
      'Supported: “Residents returned home on Friday.” The articles agree: Residents of the east bank were allowed to return home on Friday.',
    );
    expect(text).toContain(
      'Contradicted: “The river peaked at 9 metres on Tuesday.” The articles say otherwise: The river Alder peaked at 4.2 metres on Tuesday.',
    );
    // The model called the invented claim supported; its evidence did not hold, so the articles' verdict stands.
    expect(text).toContain('Not covered: “Aliens landed in Millford.”');
    expect(text).not.toContain('Aliens landed in Millford on Monday');
    expect(text).toContain(`2 of 3 verdicts by ${MODEL}`);
    expect(text).toContain(`Checked by ${MODEL}`);
    const prompt = model.openai.requests[0]!.body.messages[1]!.content;
    expect(prompt).toContain('<claims>\nC1: Residents returned home on Friday.');
  });

  it('falls back to the articles’ verdicts with a one-line note when the model fails', async () => {
    model.openai.reply({ status: 500 }, { status: 500 });
    const { text } = await check(MESSAGE);
    expect(text).toContain(`${MODEL} could not be reached, so this check comes straight from the articles.`);
    expect(text).toContain('Not covered: “Aliens landed in Millford.”');
    expect(text).not.toContain('Checked by');
  });

  it('does not ask the model about a message with nothing to check', async () => {
    const { text } = await check('hello there!');
    expect(text).toContain('Nothing to check');
    expect(model.openai.requests).toEqual([]);
  });
});
