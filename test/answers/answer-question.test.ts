import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.js';
import { buildArticle } from '../../src/articles/article.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import type { Article } from '../../src/articles/types.js';
import { createIndexedCorpus, WITHOUT_ANALYSIS } from '../../src/corpus/indexed-corpus.js';
import { UserFacingError } from '../../src/errors.js';

function deskOf(articles: readonly Article[]) {
  return createIndexedCorpus(articles, { analyse: WITHOUT_ANALYSIS });
}

const match = buildArticle(
  [
    'City beat United in the derby on Sunday.',
    'The home side scored twice in the second half. Manager Anna Berg praised the defence.',
    'A crowd of 52,000 watched the game at the Etihad.',
  ].join('\n\n'),
  { title: 'City win the derby', date: '2025-03-02' },
  'match',
);

describe('answerQuestion on the seed article', () => {
  let desk: ReturnType<typeof deskOf>;
  beforeAll(async () => {
    desk = deskOf((await loadArticles(join(import.meta.dirname, '../../seeds'))).articles);
  });

  it('cites the sentence saying when the meeting could happen', () => {
    const answer = answerQuestion('when could the meeting happen?', desk);
    expect(answer.status).toBe('answered');
    expect(answer.evidence[0]?.text).toMatch(/within a week|as soon as next week/);
  });

  it("cites Rubio's sentences for what Rubio said", () => {
    const answer = answerQuestion('what did Rubio say?', desk);
    expect(answer.status).toBe('answered');
    expect(answer.evidence[0]?.text).toContain('Rubio');
  });

  it.each(['what is the capital of Australia?', 'who won the World Cup?'])(
    'refuses when no article covers the question: %s',
    (question) => {
      const answer = answerQuestion(question, desk);
      expect(answer.status).toBe('not_found');
      expect(answer.evidence).toEqual([]);
    },
  );

  it('stamps every answer with the basis of the corpus', () => {
    const answer = answerQuestion('who won the World Cup?', desk);
    expect(answer.basis).toEqual(desk.corpus.basis());
    expect(answer.basis.articles).toBeGreaterThan(0);
  });

  it('returns evidence as verbatim spans of the articles', () => {
    for (const hit of answerQuestion('What did Leavitt say about a meeting?', desk).evidence) {
      expect(desk.corpus.get(hit.articleId)?.text.slice(hit.start, hit.end)).toBe(hit.text);
    }
  });
});

const summit = buildArticle(
  [
    'Oslo was picked on Monday to host the summit.',
    'Mayor Petra Lund of Bergen said the climate summit would welcome 10,000 delegates.',
    'Oslo last hosted a summit of this size in 2009.',
    'Hotels in Oslo are already booked for the week.',
  ].join('\n\n'),
  { title: 'Oslo to host next climate summit' },
  'summit',
);

describe('answerQuestion', () => {
  it("names the story's subject over a passing name, though it shares fewer of the question's words", () => {
    const answer = answerQuestion(
      'Which city was picked to welcome 10,000 delegates at the climate summit?',
      deskOf([summit]),
    );
    expect(answer.status).toBe('answered');
    expect(answer.evidence[0]?.text).toBe('Oslo was picked on Monday to host the summit.');
  });

  it('prefers the sentence holding the kind of thing asked for', () => {
    const desk = deskOf([match]);
    expect(answerQuestion('How many people watched the game?', desk).evidence[0]?.text).toContain('52,000');
    expect(answerQuestion('Who praised the defence?', desk).evidence[0]?.text).toContain('Anna Berg');
  });

  it('ignores case and punctuation in the question', () => {
    const desk = deskOf([match]);
    const plain = answerQuestion('how many people watched the game', desk);
    const shouted = answerQuestion('  HOW MANY people WATCHED the game?!?  ', desk);
    expect(shouted.evidence).toEqual(plain.evidence);
  });

  it('returns at most the evidence asked for, best first', () => {
    const desk = deskOf([match]);
    expect(answerQuestion('Who scored in the derby?', desk, { limit: 1 }).evidence.length).toBeLessThanOrEqual(1);
  });

  it('shows the closest passages when the question is about something else', () => {
    const desk = deskOf([match]);
    const answer = answerQuestion('Which airline grounded its Boeing jets in the second half of the year?', desk);
    expect(answer.status).toBe('not_found');
    expect(answer.closest.length).toBeGreaterThan(0);
  });

  it('answers only from the articles it is restricted to', () => {
    const other = buildArticle('The derby drew a crowd of 61,000 in 1999.', { title: 'History' }, 'history');
    const desk = deskOf([match, other]);
    const answer = answerQuestion('How many people watched the derby?', desk, { articleIds: [other.id] });
    expect(answer.evidence.every((hit) => hit.articleId === other.id)).toBe(true);
  });

  it.each(['', '   ', '?!'])('asks politely for a question when given %j', (question) => {
    expect(() => answerQuestion(question, deskOf([match]))).toThrow(UserFacingError);
  });

  it('answers the sentence that asks, not the one that sets the scene', () => {
    const favre = buildArticle(
      [
        'Hall of Famer Brett Favre revealed on Tuesday that he was diagnosed with Parkinson’s disease.',
        'Favre spoke at a congressional hearing about a welfare case.',
        'Favre became a star while playing for the Green Bay Packers from 1992 to 2007.',
      ].join('\n\n'),
      { title: 'Brett Favre reveals he has Parkinson’s' },
      'favre',
    );
    const answer = answerQuestion(
      'Hall of Famer Brett Favre revealed Tuesday he was diagnosed with Parkinson’s disease. Which team did he play for?',
      deskOf([favre]),
    );
    expect(answer.evidence[0]?.text).toContain('Green Bay Packers');
  });

  it('prefers the number given as the measure asked for over the numbers of the lead', () => {
    const trial = buildArticle(
      [
        'The trial of the former mayor is nearing its end after 19 witnesses.',
        'Closing arguments are scheduled to start on Tuesday, May 28, at 9 a.m.',
        'The defence called 2 of its witnesses on the last day.',
        'Once both sides rest, 12 jurors will decide whether the mayor is guilty.',
      ].join('\n\n'),
      { title: 'Mayor’s trial nears its end' },
      'trial',
    );
    const answer = answerQuestion('The trial of the former mayor was heard by how many jurors?', deskOf([trial]));
    expect(answer.evidence[0]?.text).toContain('12 jurors');
  });

  it('cites where a name is introduced in full over a later mention of it', () => {
    const lions = buildArticle(
      [
        'Thanksgiving football is a long tradition.',
        'Most of the Thanksgiving records belong to the Detroit Lions and the Dallas Cowboys.',
        'The NFL will not break the Lions’ Thanksgiving tradition: they remain the team playing the most games on the day.',
        'In 1934 the Lions hosted their first holiday game.',
        'Since then the Lions have lost more often than they have won.',
        'Fans of the Lions fill the stadium every year.',
        'Tickets for the Lions sell out in minutes.',
        'Coaches of the Lions call it their biggest week.',
        'Rivals of the Lions have asked to host instead.',
      ].join('\n\n'),
      { title: 'Which team plays most on Thanksgiving?' },
      'lions',
    );
    const answer = answerQuestion('Which NFL team has played the most games on Thanksgiving?', deskOf([lions]));
    expect(answer.evidence[0]?.text).toContain('Detroit Lions');
  });

  it("weighs the question's name as a name though it is the first word after who", () => {
    const talks = buildArticle(
      [
        'The harbour talks in Oslo could take weeks, officials said.',
        'Ferries were late again on Monday.',
        'Envoy Sven Dahl held talks with Mayor Lina Ek in Bergen.',
        'Governor Per Holm will meet Prime Minister Eva Lund on Friday.',
      ].join('\n\n'),
      { title: 'Holm talks' },
      'talks',
    );
    const answer = answerQuestion('Who did Dahl meet?', deskOf([talks]));
    expect(answer.evidence[0]?.text).toContain('Lina Ek');
  });

  it('answers "who did X meet?" from a sentence naming X, with the name beside the meeting first', () => {
    const visit = buildArticle(
      [
        'Officials say the governor wants a meeting with President Eva Lund.',
        'The White House said President Eva Lund is open to a meeting with the governor.',
        'Envoy Sven Dahl flew to Bergen on Monday.',
        'Ferries were late again on Tuesday.',
        'In a statement, Eva Lund said Dahl held a productive meeting with Mayor Lina Ek.',
      ].join('\n\n'),
      { title: 'Eva Lund open to meeting the governor', date: '2025-03-02' },
      'visit',
    );
    const answer = answerQuestion('Who did Dahl meet in Bergen?', deskOf([visit]));
    expect(answer.evidence[0]?.text).toContain('Dahl held a productive meeting');
    expect(answer.short).toBe('Lina Ek');
  });

  it('answers "which town?" with the town, not the state the sentence also names', () => {
    const floods = buildArticle(
      [
        'Vermont officials said flood waters closed the old bridge in Kvam on Tuesday.',
        'Repairs could take a month, the state said.',
      ].join('\n\n'),
      { title: 'Floods close bridge', date: '2025-04-02' },
      'floods',
    );
    const answer = answerQuestion('Flood waters closed a bridge in which town?', deskOf([floods]));
    expect(answer.evidence[0]?.text).toContain('Kvam');
    expect(answer.short).toBe('Kvam');
  });

  it('reads the day a who-question names as when, not as whom it is about', () => {
    const council = buildArticle(
      [
        'Mayor Lina Ek has resigned after six years in office, the council said.',
        'Her deputy, Per Holm, will lead the city until the election.',
        'On Monday, Governor Eva Lund said the ferry contract would be signed in May.',
      ].join('\n\n'),
      { title: 'Mayor Lina Ek resigns', date: '2025-03-04' },
      'council',
    );
    const answer = answerQuestion('Who resigned on Monday?', deskOf([council]));
    expect(answer.evidence[0]?.text).toContain('Lina Ek has resigned');
  });
  it('finds "1970" in an article for a question asking about the 1970s', () => {
    const libraries = buildArticle(
      [
        'The council will open two new libraries in the north of the city next year.',
        'The older library, opened in 1970, will keep its film archive, the council said.',
        'The newer one will lend tablets and laptops.',
      ].join('\n\n'),
      { title: 'Council to open two libraries', date: '2025-03-04' },
      'libraries',
    );
    const answer = answerQuestion('What will the library from the 1970s keep?', deskOf([libraries]));
    expect(answer.status).toBe('answered');
    expect(answer.evidence[0]?.text).toContain('film archive');
  });

  describe('an article about the question, answering in other words', () => {
    const sentences = [
      'Hardanger Sjø has stopped its Kvinnherad ferry until March, the company said on Tuesday.',
      'Storms along the western coast had damaged two of its piers.',
      'Three other services were suspended during the storms.',
      'The winter timetable starts next week.',
      'Fjords rarely freeze this far south.',
      'A second route through the islands stays open.',
      'Passengers will be carried by bus instead.',
    ];
    const question = 'Which ferry route was suspended along Norway’s western fjords this winter?';
    const ask = (title: string, body = sentences) =>
      answerQuestion(question, deskOf([buildArticle(body.join('\n\n'), { title }, 'crossing')]));

    it('is answered by the sentence naming what is asked, though no sentence repeats much of the question nor the article its scope', () => {
      const answer = ask('Ferry operator suspends fjord route for winter');
      expect(answer.status).toBe('answered');
      expect(answer.evidence[0]?.text).toContain('Kvinnherad ferry');
    });

    it('is refused when its headline is about something else, though the article holds most of the question', () => {
      expect(ask('Bus timetable changes in Kvinnherad').status).toBe('not_found');
    });

    it('is refused when the article holds only a few of the question’s words', () => {
      expect(ask('Ferry passengers take the bus', [sentences[0]!, sentences[6]!]).status).toBe('not_found');
    });
  });
});
