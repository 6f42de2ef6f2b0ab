import type { QuoteQuery } from '../src/quotes/find-quotes.js';
import type { StoryPools } from './generate-corpus.js';
import { Random } from './random.js';
import { PLACES, ROLES, TOPICS } from './story-vocabulary.js';

export interface BenchQueries {
  questions: string[];
  quotes: QuoteQuery[];
  searches: string[];
}

/** Varied queries over the story's own vocabulary: common and rare words, names that exist and some that do not. */
export function makeQueries(pools: StoryPools, count: number, seed: number): BenchQueries {
  const random = new Random(seed ^ 0x5eed);
  const person = () => random.pick(pools.people);
  const topic = () => random.pick(TOPICS);
  const place = () => random.pick(PLACES);
  const seedWords = () => {
    const words = random.pick(pools.seedSentences).split(/\s+/);
    const start = random.int(0, Math.max(0, words.length - 5));
    return words.slice(start, start + random.int(3, 5)).join(' ');
  };
  const questionMakers = [
    () => `When will ${person().surname} meet ${person().surname}?`,
    () => `What did ${person().name} say about ${topic()}?`,
    () => `Where will the talks on ${topic()} take place?`,
    () => `Who is ${person().name}?`,
    () => `How many incidents were reported in ${place()}?`,
    () => `What is the ${random.pick(ROLES)} doing about ${topic()}?`,
    () => `Is there any news about ${seedWords()}?`,
    () => `Did anyone mention the Martian embassy?`,
  ];
  const quoteMakers: Array<() => QuoteQuery> = [
    () => ({ speaker: person().surname }),
    () => ({ speaker: person().name }),
    () => ({ speaker: random.pick(ROLES) }),
    () => ({ about: topic() }),
    () => ({ about: `${topic()} ${place()}` }),
    () => ({ speaker: person().surname, about: topic() }),
    () => ({ about: random.pick(pools.sharedQuotes).words.split(' ').slice(2, 5).join(' ') }),
    () => ({ speaker: 'Nobody Atall' }),
    () => ({}),
  ];
  const searchMakers = [
    () => `${topic()} ${place()}`,
    () => `${person().surname} ${topic()}`,
    () => seedWords(),
    () => `${person().name}`,
  ];
  return {
    questions: Array.from({ length: count }, () => random.pick(questionMakers)()),
    quotes: Array.from({ length: count }, () => random.pick(quoteMakers)()),
    searches: Array.from({ length: count }, () => random.pick(searchMakers)()),
  };
}
