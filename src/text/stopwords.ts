import { eng } from 'stopword';

/**
 * English function words ("the", "of", "and", "was"): the `stopword` package's list, the one base
 * every stopword check shares. Checks that drop more (question words, single letters) add them
 * here, next to it, rather than keeping a list of their own.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(eng);

/** True for an English function word, lower-cased ("the", "of"): a word that carries no topic. */
export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word);
}

/**
 * Words that carry no topic in a question. The function words keep question words and reporting
 * verbs that every news sentence or quiz question uses.
 */
// biome-ignore format: a word list reads better packed
const QUESTION_WORDS = [
  'when', 'why', 'whom', 'whose', 'does', 'will', 'shall', 'yet', 'just', 'also',
  'say', 'says', 'tell', 'tells', 'told', 'according', 'following', 'name', 'named', 'called',
  'one', 'ones', 'kind', 'type', 'sort', 'thing', 'things',
  'recently', 'reportedly', 'reported', 'report', 'reports', 'news', 'article', 'story',
  'anyone', 'someone', 'something', 'anything', 'not', 'no', 'yes', 'its', 'it\'s', 'i\'m',
];

const STOPWORDS: ReadonlySet<string> = new Set([...eng, ...QUESTION_WORDS]);

/**
 * True for a folded word that says nothing about what a question or passage is about: a function
 * word, a question word or reporting verb (`QUESTION_WORDS`), or a single letter (digits count).
 */
export function isStopword(norm: string): boolean {
  return STOPWORDS.has(norm) || (norm.length === 1 && !/\d/.test(norm));
}
