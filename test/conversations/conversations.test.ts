import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answers/answer-question.js';
import { loadArticles } from '../../src/articles/load-articles.js';
import { answerFollowUp } from '../../src/conversations/answer-follow-up.js';
import { mainPersonOf, nameWordsOf } from '../../src/conversations/answer-people.js';
import { type ConversationKey, ConversationStore, type Turn } from '../../src/conversations/conversation-store.js';
import { ExpiringLru } from '../../src/conversations/expiring-lru.js';
import { followUpQuestion } from '../../src/conversations/follow-up.js';
import { createIndexedCorpus, type IndexedCorpus } from '../../src/corpus/indexed-corpus.js';

const key: ConversationKey = { guildId: 'g1', channelId: 'c1', rootId: 'm1', userId: 'u1' };
const turn = (standalone: string, person: string | null = null): Omit<Turn, 'at'> => ({
  question: standalone,
  standalone,
  person,
});

describe('ConversationStore', () => {
  it('keeps the turns of a conversation in order', () => {
    const store = new ConversationStore();
    store.record(key, turn('first?'));
    store.record(key, turn('second?'));
    expect(store.history(key).map((t) => t.question)).toEqual(['first?', 'second?']);
  });

  it.each([
    ['user', { userId: 'u2' }],
    ['channel', { channelId: 'c2' }],
    ['server', { guildId: 'g2' }],
    ['reply chain', { rootId: 'm2' }],
    ['DM', { guildId: null }],
  ])('never shares context with another %s', (_, change) => {
    const store = new ConversationStore();
    store.record(key, turn('private?'));
    expect(store.history({ ...key, ...change })).toEqual([]);
  });

  it('keeps only the latest turns', () => {
    const store = new ConversationStore({ maxTurns: 2 });
    for (const q of ['a?', 'b?', 'c?']) store.record(key, turn(q));
    expect(store.history(key).map((t) => t.question)).toEqual(['b?', 'c?']);
  });

  it('forgets a conversation after its time to live', () => {
    let now = 0;
    const store = new ConversationStore({ ttlMs: 1000, now: () => now });
    store.record(key, turn('a?'));
    now = 999;
    expect(store.history(key)).toHaveLength(1);
    now = 1000;
    expect(store.history(key)).toEqual([]);
  });

  it('forgets the least recently used conversation when full', () => {
    const store = new ConversationStore({ maxConversations: 2 });
    store.record({ ...key, rootId: 'a' }, turn('a?'));
    store.record({ ...key, rootId: 'b' }, turn('b?'));
    store.history({ ...key, rootId: 'a' });
    store.record({ ...key, rootId: 'c' }, turn('c?'));
    expect(store.history({ ...key, rootId: 'a' })).toHaveLength(1);
    expect(store.history({ ...key, rootId: 'b' })).toEqual([]);
    expect(store.size).toBe(2);
  });

  it('links an answer to the root of its chain, per channel and server', () => {
    const store = new ConversationStore();
    store.linkAnswer({ guildId: 'g1', channelId: 'c1', messageId: 'bot1' }, 'm1');
    expect(store.rootOf({ guildId: 'g1', channelId: 'c1', messageId: 'bot1' })).toBe('m1');
    expect(store.rootOf({ guildId: 'g2', channelId: 'c1', messageId: 'bot1' })).toBeUndefined();
  });
});

describe('ExpiringLru', () => {
  it('refuses a capacity below one', () => {
    expect(() => new ExpiringLru(0, 1000)).toThrow(RangeError);
  });
});

describe('followUpQuestion', () => {
  it('returns the question unchanged when there is no history', () => {
    expect(followUpQuestion([], ' what did Rubio say? ')).toBe('what did Rubio say?');
  });

  it("keeps the previous question's subject when a follow-up names someone else", () => {
    expect(followUpQuestion(previous('what did Leavitt say about the meeting?'), 'and what did Rubio say?')).toBe(
      'what did Rubio say (meeting)?',
    );
  });

  it("keeps the previous question's names too when the follow-up has none", () => {
    expect(followUpQuestion(previous('will Trump meet Putin?'), 'and when?')).toBe('when (Trump meet Putin)?');
  });

  it("maps he, she and they to the last answer's main person", () => {
    expect(followUpQuestion(previous('who is Marco Rubio?', 'Marco Rubio'), 'what did he say about territory?')).toBe(
      'what did Marco Rubio say about territory?',
    );
    expect(followUpQuestion(previous('who briefed reporters?', 'Karoline Leavitt'), 'when did she')).toBe(
      'when did Karoline Leavitt (briefed reporters)?',
    );
  });

  it('writes possessive pronouns as possessives', () => {
    expect(followUpQuestion(previous('who is Rubio?', 'Marco Rubio'), 'what was his view of the war?')).toBe(
      'what was Marco Rubio’s view of the war?',
    );
  });

  it('re-asks the previous question of a new subject for "what about X?"', () => {
    expect(followUpQuestion(previous('what did Leavitt say about the meeting?'), 'What about Rubio?')).toBe(
      'what did Rubio say about the meeting?',
    );
  });

  it('leaves a question that stands on its own alone', () => {
    const question = 'what conditions would Russia require to end the war?';
    expect(followUpQuestion(previous('what did Leavitt say?'), question)).toBe(question);
  });

  it('recognises names typed in lower case when told which words are names', () => {
    const isName = (norm: string) => norm === 'rubio';
    expect(followUpQuestion(previous('what did Leavitt say about the meeting?'), 'and rubio?', { isName })).toBe(
      'rubio (meeting)?',
    );
  });
});

describe('answer people on the seed article', () => {
  let desk: IndexedCorpus;
  beforeAll(async () => {
    desk = createIndexedCorpus((await loadArticles(join(import.meta.dirname, '../../seeds'))).articles);
  });

  it('finds the person an answer is about', () => {
    const answer = answerQuestion('what did Rubio say?', desk);
    expect(mainPersonOf(answer.evidence, desk.corpus)).toBe('Marco Rubio');
  });

  it('knows the words of the names of people in the articles', () => {
    const words = nameWordsOf(desk.corpus);
    expect(words.has('rubio')).toBe(true);
    expect(words.has('house')).toBe(false);
  });

  it('answers a follow-up that names someone about them, even when the carried words pull elsewhere', () => {
    const { answer } = answerFollowUp(previous('when could the meeting happen?'), 'and what did Rubio say?', desk);
    expect(answer.status).toBe('answered');
    expect(answer.evidence[0]?.text).toContain('Rubio');
  });

  it('answers a follow-up about someone else in the context of the first question', () => {
    const follow = followUpQuestion(previous('what did Trump say about territory?'), 'and what did Rubio say?');
    expect(follow).toBe('what did Rubio say (territory)?');
    const answer = answerQuestion(follow, desk);
    expect(answer.status).toBe('answered');
    expect(answer.evidence[0]?.text).toContain('Rubio');
  });
});

function previous(standalone: string, person: string | null = null): Turn[] {
  return [{ ...turn(standalone, person), at: 0 }];
}
