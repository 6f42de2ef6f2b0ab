import stopword from 'stopword';
import { stem } from '../text/stem.js';
import { foldedWords } from '../text/words.js';

const STOPWORDS = new Set(stopword.eng);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** The distinct stems of every word in the text, stopwords included (queries decide what counts). */
export function stemsOfText(text: string): Set<string> {
  const stems = new Set<string>();
  for (const word of foldedWords(text)) stems.add(stem(word));
  return stems;
}

/** The stems a query is about: its content words, or all its words when it has only stopwords. */
export function queryStems(text: string): string[] {
  const words = foldedWords(text);
  const content = words.filter((word) => !STOPWORDS.has(word));
  return [...new Set((content.length ? content : words).map(stem))];
}
