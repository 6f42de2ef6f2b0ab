import { stem } from '../text/stem.js';
import { foldedWords, queryWords } from '../text/words.js';

/** The distinct stems of every word in the text, stopwords included (queries decide what counts). */
export function stemsOfText(text: string): Set<string> {
  const stems = new Set<string>();
  for (const word of foldedWords(text)) stems.add(stem(word));
  return stems;
}

/** The stems a query is about: its content words, or all its words when it has only stopwords. */
export function queryStems(text: string): string[] {
  return [...new Set(queryWords(text).map(stem))];
}
