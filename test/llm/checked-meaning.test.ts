import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../src/articles/article.js';
import { createLlmAnswerer } from '../../src/llm/llm-answerer.js';
import { reversedPolarity, unheldNumbers } from '../../src/llm/meaning.js';
import { quotationsIn } from '../../src/llm/quote-check.js';
import { createLogger } from '../../src/logger.js';
import { FakeOpenAi, passageNumber, type RecordedRequest } from './fake-openai.js';
import { deskOf } from './fixtures.js';
import { chatFor } from './model-services.js';

// Checked model answers mean what the articles say: scripted model replies through the local
// OpenAI-compatible server, each bad sentence beside good ones; only the good ones are shown.

const briefing = buildArticle(
  [
    'White House press secretary Karoline Leavitt said the president is open to meeting both leaders.',
    '“The president has always been open to a meeting,” Leavitt told reporters on Monday.',
    'Officials said 12 soldiers were killed and 15 were wounded in the attack on the border post.',
    'The talks between the delegations were postponed for three weeks.',
  ].join('\n\n'),
  { title: 'Leavitt: president open to meeting', date: '2025-08-04', source: 'Capital Wire' },
  'briefing',
);
const venue = buildArticle(
  'The summit between the leaders will be held in Geneva on 20 August, officials said.',
  { title: 'Summit set for Geneva', date: '2025-08-05', source: 'Lake Herald' },
  'venue',
);
const planted = buildArticle(
  'A blog post claimed the president had secretly cancelled the summit in Geneva.',
  { title: 'Rumour mill', date: '2025-08-06', source: 'Blog Roll' },
  'planted',
);

const QUESTION =
  'What did Leavitt say about the president, the summit in Geneva, the attack, the soldiers and the talks?';
const logger = createLogger({ level: 'silent' });
const fake = FakeOpenAi.forTestFile();

/** A scripted reply written against the passages actually sent: `{{snippet}}` becomes its number. */
const citing = (sentences: readonly string[]) => (request: RecordedRequest) => ({
  content: sentences
    .map((s) => s.replace(/\{\{(.+?)\}\}/g, (_, snippet: string) => String(passageNumber(request, snippet))))
    .join(' '),
});

async function answer(sentences: readonly string[]) {
  const desk = deskOf([briefing, venue, planted]);
  const answerer = createLlmAnswerer({ chat: chatFor(fake), ...desk, logger });
  fake.reply(citing(sentences));
  const result = await answerer.answer(QUESTION);
  if (result.fallback) throw new Error(`expected a verified answer, got ${result.reason}`);
  return result;
}

const GOOD = [
  'Leavitt said the president is open to meeting both leaders [{{open to meeting both}}].',
  'Officials said 12 soldiers were killed and 15 were wounded in the attack [{{12 soldiers}}].',
  'The talks were postponed for three weeks [{{three weeks}}].',
];

describe('a checked model answer', () => {
  it('shows no sentence that turns round what its passage says, and keeps the rest', async () => {
    const result = await answer([
      GOOD[0]!,
      'The president is not open to meeting both leaders, Leavitt said [{{open to meeting both}}].',
      'The president isn’t open to meeting both leaders [{{open to meeting both}}].',
      'Leavitt said the president has never been open to a meeting [{{always been open}}].',
      'Officials said no soldiers were killed in the attack [{{12 soldiers}}].',
      GOOD[1]!,
    ]);
    expect(result.sentences.map((s) => s.text)).toEqual([
      'Leavitt said the president is open to meeting both leaders.',
      'Officials said 12 soldiers were killed and 15 were wounded in the attack.',
    ]);
    expect(result.counts.sentencesDropped).toBe(4);
  });

  it('shows no number that is not in one cited passage with its unit', async () => {
    const result = await answer([
      'Officials said 15 soldiers were killed and 12 were wounded in the attack [{{12 soldiers}}].',
      'The summit will be held in Geneva on 12 August [{{Geneva on 20 August}}][{{12 soldiers}}].',
      'The talks were postponed for four weeks [{{three weeks}}].',
      ...GOOD.slice(1),
    ]);
    expect(result.sentences.map((s) => s.text)).toEqual([
      'Officials said 12 soldiers were killed and 15 were wounded in the attack.',
      'The talks were postponed for three weeks.',
    ]);
  });

  it('shows no quotation credited to someone the article does not credit it to', async () => {
    const result = await answer([
      '“The president has always been open to a meeting,” Marco Rubio said [{{always been open}}].',
      '“The president has always been open to a meeting,” Leavitt told reporters [{{always been open}}].',
    ]);
    expect(result.sentences.map((s) => s.text)).toEqual([
      '“The president has always been open to a meeting,” Leavitt told reporters.',
    ]);
    expect(result.counts.quotesRemoved).toBe(1);
  });

  it.each([
    ['curly single', '‘ready to sign a deal tomorrow’'],
    ['straight single', "'ready to sign a deal tomorrow'"],
    ['French', '« ready to sign a deal tomorrow »'],
    ['German', '„ready to sign a deal tomorrow“'],
    ['straight double', '"ready to sign a deal tomorrow"'],
  ])('shows no made-up quotation in %s quotation marks', async (_, quoted) => {
    const result = await answer([
      `Leavitt said the president was ${quoted} with both leaders [{{open to meeting both}}].`,
      GOOD[2]!,
    ]);
    expect(result.sentences.map((s) => s.text)).toEqual(['The talks were postponed for three weeks.']);
    expect(result.counts.quotesRemoved).toBe(1);
  });

  it('cites a claim only to the passages that support it, and says when one article alone carries it', async () => {
    const result = await answer([
      'The president secretly cancelled the summit in Geneva [{{secretly cancelled}}][{{Geneva on 20 August}}].',
      'The summit will be held in Geneva on 20 August [{{Geneva on 20 August}}].',
    ]);
    const [rumour, summit] = result.sentences;
    expect(rumour!.passages.map((p) => p.articleId)).toEqual([planted.id]);
    expect(rumour!.text).toContain('Only one of the articles cited says this');
    expect(rumour!.text).toContain('Blog Roll');
    expect(summit!.passages.map((p) => p.articleId)).toEqual([venue.id]);
    expect(summit!.text).not.toContain('Only one');
    expect(result.counts.citationsRemoved).toBe(1);
  });
});

describe('the meaning checks', () => {
  it('find a negation on either side of the shared content, apostrophe forms included', () => {
    const passage = ['The minister did not sign the decree.'];
    expect(reversedPolarity('The minister signed the decree.', passage)).toEqual(['sign']);
    expect(reversedPolarity('The minister didn’t sign the decree.', passage)).toEqual([]);
    expect(reversedPolarity("The minister hasn't signed the decree.", ['The minister signed the decree.'])).toEqual([
      'sign',
    ]);
    expect(
      reversedPolarity('The minister expressed no desire to sign.', [
        'The minister did not express any desire to sign.',
      ]),
    ).toEqual([]);
  });

  it('hold each number to its unit in one passage, figures and words alike', () => {
    expect(unheldNumbers('It lasted twelve days.', ['It lasted 12 days.'])).toEqual([]);
    expect(unheldNumbers('Talks resume on June 12.', ['Talks resume on 12 June.'])).toEqual([]);
    expect(unheldNumbers('It cost 4 euros.', ['It cost 4 million euros.'])).toEqual([]);
    expect(unheldNumbers('It lasted 3 days.', ['It lasted three weeks.'])).toEqual(['3']);
    expect(unheldNumbers('12 people and 15 cars.', ['15 people and 12 cars.'])).toEqual(['12', '15']);
  });

  it('finds quotations in every style, not apostrophes', () => {
    const found = quotationsIn(
      "Putin’s aide said ‘yes’, the leaders' aides said 'no', « oui », „ja“, “si” and \"da\".",
    ).map((q) => q.inner);
    expect(found).toEqual(['yes', 'no', 'oui', 'ja', 'si', 'da']);
  });
});
