import { stemmer } from 'stemmer';

/**
 * Stems already computed. Retrieval, quotes, people and summaries all stem with the same Porter
 * stemmer, and a language's distinct words are far fewer than its running text, so one shared
 * memo makes the algorithm run once per distinct word instead of once per occurrence.
 */
const STEMS = new Map<string, string>();
/** Past this many distinct words (junk or a huge corpus) start over, so memory stays bounded. */
export const MAX_CACHED_STEMS = 200_000;

/** The Porter stem of a lower-cased word ("talks", "talked" → "talk"). */
export function stem(word: string): string {
  let stemmed = STEMS.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word);
    if (STEMS.size >= MAX_CACHED_STEMS) STEMS.clear();
    STEMS.set(word, stemmed);
  }
  return stemmed;
}
