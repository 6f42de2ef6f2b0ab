import { dateReader } from '../articles/date-reader.js';
import { isNumberWord, isYear } from '../text/number-words.js';
import { isStopword } from '../text/stopwords.js';
import { isCapitalised, tokenizeWords, type WordToken } from '../text/tokens.js';
import { ageIn } from './ages.js';
import { ANY_PLACE, type PlaceAnswer, type PlaceAsked, placeAnswers } from './place-answers.js';
import type { SentenceWords } from './sentence-words.js';
import { isNewWord } from './word-forms.js';

/** What kind of thing a question asks for, read from its wording. */
export type AnswerKind = 'time' | 'number' | 'person' | 'place' | 'statement' | 'reason' | 'name' | 'other';

/**
 * "What is the monthly cost of …?" asks for an amount, as "what price" does: the noun saying what
 * is asked may follow "what is the" and a modifier or two.
 */
const ASKS_AMOUNT = /\bwhat (is|was|are|were) the ([\w-]+ ){0,2}(price|cost|amount)s?\b/i;

/** "How old is she?", "at what age …?", "which birthday did he celebrate?": a person's age. */
const ASKS_AGE = /\bhow old\b|\b(what|which) (age|birthday)\b/i;

/**
 * "The city raised the fare to what?": "to what" after a verb that moves an amount up or down, or
 * after one that changes or sets an amount it names ("changed the ferry fare to what?"), asks for
 * the new amount. "Renamed the ship to what?" asks for a name. Only a question ending in "to what"
 * (or "to what level", "to what figure") asks for the amount: "to what extent", "to what group did
 * he belong?" and "according to what the bank said" ask for something else.
 */
const TO_WHAT = String.raw`(?<!\baccording )\bto what(?: (?:level|amount|figure|number|total|sum|age))?\W*$`;
const CHANGES_AMOUNT = new RegExp(
  String.raw`\b(rais|lower|increas|decreas|reduc|cut|boost|hik|slash|doubl|tripl|halv|extend|shorten|trim|bump)\w*\b.*${TO_WHAT}`,
  'i',
);
const SETS_AMOUNT = new RegExp(
  String.raw`\b(age|limit|minimum|maximum|cap|rate|price|fee|fare|wage|tax|threshold|target|speed|number|amount|level|ceiling|floor|budget)s?\b.*${TO_WHAT}`,
  'i',
);

/** First rule that matches wins, so the more specific wordings come first. */
const KIND_RULES: readonly [AnswerKind, RegExp][] = [
  // Before the time rule: "How old was she when she died?" and "How many died when it fell?" ask for a number.
  ['number', ASKS_AGE],
  ['number', /\bhow (many|much)\b/],
  ['time', /\b(when|how long|how soon|what (time|date|day|year|month)|which (day|date|year|month))\b/],
  [
    'number',
    /\b(how (far|big|large|long|tall|high|often)|what (percentage|percent|share|proportion|amount|number|price|score)|final score|by how)\b/,
  ],
  ['number', ASKS_AMOUNT],
  ['number', CHANGES_AMOUNT],
  ['number', SETS_AMOUNT],
  ['reason', /\bwhy\b|\bwhat (caused|led to|prompted)\b/],
  [
    'place',
    /\bwhere\b|\b(which|what) ([\w-]+ ){0,2}(city|country|state|town|place|region|nation|county|province|island|venue)\b/,
  ],
  [
    'statement',
    /\b(what|how) (did|does|do|has|have|had|will|would)\b.*\b(say|said|says|tell|told|claim|think|warn|announce|describe|described|call|characterise|characterize)\b/,
  ],
  ['person', /\b(who|whom|whose)\b/],
  ['name', /\bwhich\b|\bwhat (is|was|are|were) the (name|title)\b|\bname\b/],
];

export function classifyQuestion(question: string): AnswerKind {
  const lower = question.toLowerCase();
  for (const [kind, rule] of KIND_RULES) if (rule.test(lower)) return kind;
  return 'other';
}

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
export function answerCue(
  kind: AnswerKind,
  sentence: SentenceWords,
  questionStems: ReadonlySet<string>,
  place: PlaceAsked = ANY_PLACE,
): number {
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
    case 'place': {
      const answers = placeAnswers(sentence, place, questionStems);
      if (!answers.length) return 0;
      const full = (answer: PlaceAnswer) =>
        place.destination ? answer.role === 'destination' : answer.role !== 'modifier';
      return answers.some(full) ? 1 : MODIFIER_PLACE_CUE;
    }
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

/**
 * A place written as a modifier ("the Tromsø film festival", "Oslo lawmakers", "an Oslo-based firm")
 * says where something else is from, not where the thing asked about happened: it counts this much
 * of a place written as a location.
 */
const MODIFIER_PLACE_CUE = 0.5;

/**
 * What a question that asks for a quantity measures, read from its wording: "how many jurors"
 * counts jurors, "how much was he fined" wants an amount of money or a share, "what percentage" a
 * share, "how old" an age, "what was the final score" a score. Any fresh number answers the kind `number`; a number written as that measure answers the
 * question, where the other numbers of a news sentence (dates, ages, model names) do not.
 */
export interface Measure {
  /** Stems of the words naming what is counted ("jets" in "how many Max 9 jets"). */
  counted: ReadonlySet<string>;
  /** Whether an amount of money answers ("$9,000"). */
  money: boolean;
  /** Whether a share answers ("87%", "40 percent"). */
  share: boolean;
  /** Whether only a person's age answers ("a 17-year-old", "aged 17"; see `ageIn`). */
  age: boolean;
  /** Whether a game's score answers ("won 3-1"; see `scoreAt`). */
  score: boolean;
  /** Whether the question asks what an amount was changed to: the number after "to" answers ("from 17 to 15"). */
  changedTo: boolean;
}

const SHARE_QUESTION = /\b(what|which) (percentage|percent|share|proportion)\b/i;
const AMOUNT_QUESTION = /\bhow much\b|\bwhat (price|amount|cost|sum)\b/i;
/** The counted words follow "how many" up to the first function word: "how many stories tall was". */
const MAX_COUNTED_WORDS = 6;
/** Words a count may stand before what it counts: "171 MAX 9 jets". */
const MAX_COUNT_GAP = 3;
const CURRENCY_BEFORE = /[$€£¥]\s?$/;
const CURRENCY_AFTER = new Set(['dollars', 'euros', 'pounds', 'yen', 'yuan']);
const PERCENT_AFTER = /^\s?%/;
const PLAIN_COUNT = /^\d+$/;
/**
 * Between a count and what it counts: spaces and hyphens only ("101-story"), no comma or clause
 * break, and no function word ("on Jan. 5 the jets" counts no jets).
 */
const SAME_PHRASE = /^[\s\u2010-\u2015-]*$/;

/** "… cut the voting age to what?": the amount asked is an age. */
const AGE_CHANGED = new RegExp(String.raw`\bage\b.*${TO_WHAT}`, 'i');
/** "What was the final score?", "what score did the match end with?" */
const SCORE_QUESTION = /\bfinal score\b|\bwhat (was |is )?(the )?score\b/i;

export function readMeasure(asking: string): Measure | null {
  const changedTo = CHANGES_AMOUNT.test(asking) || SETS_AMOUNT.test(asking);
  const none = { counted: new Set<string>(), money: false, share: false, age: false, score: false, changedTo };
  if (SCORE_QUESTION.test(asking)) return { ...none, score: true };
  if (ASKS_AGE.test(asking) || AGE_CHANGED.test(asking)) return { ...none, age: true };
  if (SHARE_QUESTION.test(asking)) return { ...none, share: true };
  if (AMOUNT_QUESTION.test(asking) || ASKS_AMOUNT.test(asking)) return { ...none, money: true, share: true };
  if (changedTo) return none;
  const tokens = tokenizeWords(asking);
  const many = tokens.findIndex((token, i) => token.norm === 'many' && tokens[i - 1]?.norm === 'how');
  if (many < 0) return null;
  const counted = new Set<string>();
  for (const token of tokens.slice(many + 1, many + 1 + MAX_COUNTED_WORDS)) {
    if (isStopword(token.norm)) break;
    // Names and numbers in the run say which things ("Max 9 jets"); the lower-case words say what.
    if (/^\p{Ll}+$/u.test(token.raw)) counted.add(token.stem);
  }
  return counted.size ? { ...none, counted } : null;
}

/**
 * Whether (0 or 1) the sentence gives the measure asked for with a number the question lacks: a
 * count written just before what is counted, in the same phrase, an amount of money or a share, an
 * age, or, for "changed to what?", the number an amount was changed to.
 */
export function measureCue(measure: Measure, sentence: SentenceWords, questionStems: ReadonlySet<string>): number {
  if (measure.changedTo && numberAfterTo(sentence, questionStems) >= 0) return 1;
  if (measure.age) return Number(ageIn(sentence, questionStems) !== null);
  if (measure.score) return Number(scoreAt(sentence, questionStems) >= 0);
  const { text, tokens } = sentence;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (questionStems.has(token.stem) || !(PLAIN_COUNT.test(token.raw) || isNumberWord(token.raw))) continue;
    const next = tokens[i + 1];
    if (measure.money && (CURRENCY_BEFORE.test(text.slice(0, token.start)) || CURRENCY_AFTER.has(next?.norm ?? ''))) {
      return 1;
    }
    if (measure.share && (PERCENT_AFTER.test(text.slice(token.end)) || next?.norm === 'percent')) return 1;
    if (countedAt(measure, sentence, i) >= 0) return 1;
  }
  return 0;
}

/**
 * Where the word stands that says the number at token `at` counts what the question counts: it
 * follows the number in the same phrase, a few words on at most ("6 Varde K3 ferries"); -1 when none.
 */
export function countedAt(measure: Measure, sentence: SentenceWords, at: number): number {
  const { text, tokens } = sentence;
  for (let j = at + 1; j <= at + MAX_COUNT_GAP && j < tokens.length; j++) {
    const word = tokens[j]!;
    if (!SAME_PHRASE.test(text.slice(tokens[j - 1]!.end, word.start))) return -1;
    if (measure.counted.has(word.stem)) return j;
    if (isStopword(word.norm)) return -1;
  }
  return -1;
}

/**
 * Where the number an amount was changed to stands ("cut the fare from 30 to 25 euros": 25), one the
 * question lacks and not a year ("to 2041" says when); -1 when none.
 */
export function numberAfterTo(sentence: SentenceWords, questionStems: ReadonlySet<string>): number {
  return sentence.tokens.findIndex(
    (token, i) =>
      sentence.tokens[i - 1]?.norm === 'to' &&
      !questionStems.has(token.stem) &&
      !isYear(token.raw) &&
      (/^\d/.test(token.raw) || isNumberWord(token.raw)),
  );
}

/** Points or goals, not a year: "3-1", "102–98". */
const SCORE_POINTS = /^\d{1,3}$/;

/**
 * Where a game's score starts: two tallies joined by a hyphen or a dash ("won 3-1", "a 3–1 win"),
 * which the question does not hold; -1 when none.
 */
export function scoreAt(sentence: SentenceWords, questionStems: ReadonlySet<string>): number {
  const { tokens, text } = sentence;
  return tokens.findIndex((token, i) => {
    const next = tokens[i + 1];
    return (
      !!next &&
      SCORE_POINTS.test(token.raw) &&
      SCORE_POINTS.test(next.raw) &&
      /^[-\u2013\u2014]$/.test(text.slice(token.end, next.start)) &&
      !questionStems.has(token.stem) &&
      !/[-\u2013\u2014]/.test(text[token.start - 1] ?? '')
    );
  });
}

/** The words of each date or time expression chrono finds in `text`. */
export function dateWords(text: string): WordToken[][] {
  return dateReader.parse(text, REFERENCE_DATE).map((found) => tokenizeWords(found.text));
}

/**
 * Capitalised words other than function words; a sentence's first word only when the next is
 * capitalised too ("Golden Tempo won"), since every sentence starts with a capital.
 */
export function properNouns(tokens: readonly WordToken[]): WordToken[] {
  return tokens.filter(
    (token, i) => isCapitalised(token) && !isStopword(token.norm) && (i > 0 || isCapitalised(tokens[1])),
  );
}
