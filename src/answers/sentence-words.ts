import { isNumberToken, isYear } from '../text/number-words.js';
import { isStopword } from '../text/stopwords.js';
import { tokenizeWords, type WordToken } from '../text/tokens.js';
import { dateWords, properNouns } from './answer-kind.js';
import { placesIn } from './places.js';

const NONE: ReadonlySet<string> = new Set();

/**
 * What a candidate sentence offers beyond matching the question: its names, years, quantities and
 * content words. Read only for the few sentences retrieved for a question.
 */
export class SentenceWords {
  readonly tokens: readonly WordToken[];
  /** Stems of the words that carry content (not stopwords). */
  readonly content: ReadonlySet<string>;
  /** Stems of its names (see `properNouns`). */
  readonly names: ReadonlySet<string>;
  /** Stems of the years it mentions. */
  readonly years: ReadonlySet<string>;
  /** Stems of the quantities it mentions, in digits or words. */
  readonly numbers: ReadonlySet<string>;
  private parsedDates: readonly (readonly WordToken[])[] | undefined;
  private foundPlaces: readonly (readonly WordToken[])[] | undefined;

  constructor(readonly text: string) {
    this.tokens = tokenizeWords(text);
    this.content = this.stemsWhere((token) => !isStopword(token.norm));
    this.names = new Set(properNouns(this.tokens).map((token) => token.stem));
    this.years = this.stemsWhere((token) => isYear(token.raw));
    this.numbers = this.stemsWhere((token) => isNumberToken(token.raw));
  }

  /** The words of each date or time in the sentence; parsed on first use, as parsing dates is slow. */
  dates(): readonly (readonly WordToken[])[] {
    this.parsedDates ??= dateWords(this.text);
    return this.parsedDates;
  }

  /** The words of each place the sentence names (see `placesIn`); read on first use. */
  places(): readonly (readonly WordToken[])[] {
    this.foundPlaces ??= placesIn(this.text, this.tokens);
    return this.foundPlaces;
  }

  private stemsWhere(keep: (token: WordToken) => boolean): ReadonlySet<string> {
    const kept = this.tokens.filter(keep);
    return kept.length ? new Set(kept.map((token) => token.stem)) : NONE;
  }
}
