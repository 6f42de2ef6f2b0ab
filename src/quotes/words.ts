import { stemmer } from 'stemmer';
import stopword from 'stopword';
import { wordsOf } from '../people/names.js';

const STOPWORDS = new Set(stopword.eng);

/**
 * Turns text into word stems, remembering each word's stem: a corpus has a few tens of thousands
 * of distinct words but millions of word occurrences, so stemming each once keeps building fast.
 * One instance lives as long as the catalogue that uses it.
 */
export class Stems {
  private readonly memo = new Map<string, string>();

  static isStopword(word: string): boolean {
    return STOPWORDS.has(word);
  }

  of(word: string): string {
    let stem = this.memo.get(word);
    if (stem === undefined) {
      stem = stemmer(word);
      this.memo.set(word, stem);
    }
    return stem;
  }

  /** The distinct stems of every word in the text, stopwords included (queries decide what counts). */
  ofText(text: string): Set<string> {
    const stems = new Set<string>();
    for (const word of wordsOf(text)) stems.add(this.of(word));
    return stems;
  }

  /** The stems a query is about: its content words, or all its words when it has only stopwords. */
  ofQuery(text: string): string[] {
    const words = wordsOf(text);
    const content = words.filter((word) => !STOPWORDS.has(word));
    return [...new Set((content.length ? content : words).map((word) => this.of(word)))];
  }
}
