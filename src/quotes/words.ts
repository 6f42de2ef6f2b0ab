import { stem } from '../text/stem.js';
import { isFunctionWord } from '../text/stopwords.js';
import { foldedWords } from '../text/words.js';

/** The distinct stems of every word in the text, stopwords included (queries decide what counts). */
export function stemsOfText(text: string): Set<string> {
  const stems = new Set<string>();
  for (const word of foldedWords(text)) stems.add(stem(word));
  return stems;
}

/** The stems a query is about: its content words, or all its words when it has only stopwords. */
export function queryStems(text: string): string[] {
  const words = foldedWords(text);
  const content = words.filter((word) => !isFunctionWord(word));
  return [...new Set((content.length ? content : words).map(stem))];
}
