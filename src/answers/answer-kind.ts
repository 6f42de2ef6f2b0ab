import * as chrono from 'chrono-node';
import { isStopword, tokenizeWords, type WordToken } from '../search/query-terms.js';
import type { SentenceWords } from './sentence-words.js';

/** What kind of thing a question asks for, read from its wording. */
export type AnswerKind = 'time' | 'number' | 'person' | 'place' | 'statement' | 'reason' | 'name' | 'other';

/** First rule that matches wins, so the more specific wordings come first. */
const KIND_RULES: readonly [AnswerKind, RegExp][] = [
  ['time', /\b(when|how long|how soon|what (time|date|day|year|month)|which (day|date|year|month))\b/],
  [
    'number',
    /\b(how (many|much|old|far|big|large|long|tall|high|often)|what (percentage|percent|share|proportion|amount|number|price|score)|final score|by how)\b/,
  ],
  ['reason', /\bwhy\b|\bwhat (caused|led to|prompted)\b/],
  [
    'place',
    /\bwhere\b|\b(which|what) ([\w-]+ ){0,2}(city|country|state|town|place|region|nation|county|province|island|venue)\b/,
  ],
  [
    'statement',
    /\bwhat (did|does|do|has|have|had|will|would)\b.*\b(say|said|says|tell|told|claim|think|warn|announce)\b/,
  ],
  ['person', /\b(who|whom|whose)\b/],
  ['name', /\bwhich\b|\bwhat (is|was|are|were) the (name|title)\b|\bname\b/],
];

export function classifyQuestion(question: string): AnswerKind {
  const lower = question.toLowerCase();
  for (const [kind, rule] of KIND_RULES) if (rule.test(lower)) return kind;
  return 'other';
}

const YEAR = /\b(1[89]|20)\d\d\b/;
const NUMBER_WORD =
  /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?|trillions?|half|percent)\b/i;
const REPORTING = /[“”"]|\b(said|says|told|tells|stated|added|wrote|warned|announced|according to)\b/i;
const REASON = /\b(because|due to|as a result|in order to|so that|amid|after|since|following|caused by|blamed)\b/i;
/** chrono needs a reference date only to resolve relative dates; detection does not depend on it. */
const REFERENCE_DATE = new Date(Date.UTC(2000, 0, 1));

/** Fresh names a sentence needs to count fully as naming something the question asks for. */
const NAMES_FOR_FULL_CUE = 2;

/**
 * How clearly (0–1) the sentence holds something of the kind asked for, outside the words it
 * shares with the question (a sentence that repeats the question's own date or number has not
 * answered it). A where-question wants a place, not just any name: a country, a US state, a place
 * the article analysis knows, or a town written before its region (see `placesIn`).
 */
export function answerCue(kind: AnswerKind, sentence: SentenceWords, questionStems: ReadonlySet<string>): number {
  const fresh = (stems: ReadonlySet<string>) => {
    for (const stem of stems) if (!questionStems.has(stem)) return true;
    return false;
  };
  switch (kind) {
    case 'time':
      return Number(
        fresh(sentence.years) || sentence.dates().some((words) => words.some((word) => isNewWord(word, questionStems))),
      );
    case 'number':
      return Number(fresh(sentence.numbers));
    case 'place':
      return Number(sentence.places().some((place) => place.some((word) => isNewWord(word, questionStems))));
    case 'person':
    case 'name': {
      let names = 0;
      for (const stem of sentence.names) if (!questionStems.has(stem)) names++;
      return Math.min(1, names / NAMES_FOR_FULL_CUE);
    }
    case 'statement':
      return Number(REPORTING.test(sentence.text));
    case 'reason':
      return Number(REASON.test(sentence.text));
    default:
      return 0;
  }
}

export const isYear = (word: string) => YEAR.test(word);
export const isNumberWord = (word: string) => NUMBER_WORD.test(word);

/** The words of each date or time expression chrono finds in `text`. */
export function dateWords(text: string): WordToken[][] {
  return chrono.parse(text, REFERENCE_DATE).map((found) => tokenizeWords(found.text));
}

function isNewWord(word: WordToken, questionStems: ReadonlySet<string>): boolean {
  return !isStopword(word.norm) && !questionStems.has(word.stem);
}

const isCapitalised = (token: WordToken | undefined) => !!token && /^\p{Lu}/u.test(token.raw);

/**
 * Capitalised words other than function words; a sentence's first word only when the next is
 * capitalised too ("Golden Tempo won"), since every sentence starts with a capital.
 */
export function properNouns(tokens: readonly WordToken[]): WordToken[] {
  return tokens.filter(
    (token, i) => isCapitalised(token) && !isStopword(token.norm) && (i > 0 || isCapitalised(tokens[1])),
  );
}
