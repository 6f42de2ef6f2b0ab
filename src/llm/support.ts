import { properNouns } from '../answers/answer-kind.js';
import { contentWords, tokenizeWords } from '../text/tokens.js';
import { reversedPolarity, unheldNumbers } from './meaning.js';

/**
 * The support check: does a sentence the model wrote say only what the passages it cites say?
 *
 * Read the sentence's words as the search index does (lower-cased, accents folded, Porter stems,
 * stopwords left out). The sentence is supported when
 *  1. it has at least `MIN_CLAIM_WORDS` content words (shorter text states nothing checkable —
 *     "BANANA [3]." is how an obeyed prompt injection looks);
 *  2. every number in it, in figures or words, appears in one cited passage with its unit ("12
 *     dead" is not supported by "10 dead", nor "15 soldiers" by "12 soldiers and 15 wounded");
 *  3. every name in it (a capitalised word not opening the sentence) appears in them;
 *  4. at least `MIN_SUPPORTED_SHARE` of its content-word stems appear in them (paraphrase keeps
 *     most of the words of what it rephrases; an added claim brings words of its own);
 *  5. it does not turn round the polarity of what they say ("is not open" for "is open").
 * (2 and 5 are in meaning.ts.)
 *
 * A sentence written in another language than the passages cannot share their words, so for it
 * (`crossLanguage`) only numbers and names are checked: every number, `MIN_SUPPORTED_SHARE` of the
 * names, and at least one name or number found. That is weaker: such an answer can only be held
 * to the names and numbers the articles give (see `looksEnglish` for when it applies).
 */
export const MIN_CLAIM_WORDS = 2;
export const MIN_SUPPORTED_SHARE = 0.6;

export interface SupportCheck {
  supported: boolean;
  /** Share of content words found in the cited passages. */
  share: number;
  /** Numbers and names the passages do not contain (numbers: not with their unit in one passage). */
  missing: string[];
  /** Content words whose polarity the sentence reverses. */
  reversed: string[];
}

export function checkSupport(sentence: string, passageTexts: readonly string[], crossLanguage = false): SupportCheck {
  const evidenceStems = new Set<string>();
  const evidenceNorms = new Set<string>();
  for (const text of passageTexts) {
    for (const token of tokenizeWords(text)) {
      evidenceStems.add(token.stem);
      evidenceNorms.add(token.norm);
    }
  }
  const tokens = tokenizeWords(sentence);
  const numbers = [...new Set(tokens.filter((t) => /\d/.test(t.norm)).map((t) => t.norm))];
  const names = [...new Set(properNouns(tokens).map((t) => t.stem))];
  const missingNumbers = crossLanguage
    ? numbers.filter((n) => !evidenceNorms.has(n))
    : unheldNumbers(sentence, passageTexts);
  const foundNames = names.filter((stem) => evidenceStems.has(stem));
  const missingNames = names.filter((stem) => !evidenceStems.has(stem));
  const missing = [...missingNumbers, ...missingNames];

  if (crossLanguage) {
    const nameShare = names.length ? foundNames.length / names.length : 1;
    const anchors = foundNames.length + numbers.length - missingNumbers.length;
    return {
      supported:
        tokens.length >= MIN_CLAIM_WORDS && !missingNumbers.length && nameShare >= MIN_SUPPORTED_SHARE && anchors > 0,
      share: nameShare,
      missing,
      reversed: [],
    };
  }
  const content = contentWords(sentence);
  const found = content.filter((word) => evidenceStems.has(word.stem)).length;
  const share = content.length ? found / content.length : 0;
  const reversed = reversedPolarity(sentence, passageTexts);
  return {
    supported: content.length >= MIN_CLAIM_WORDS && !missing.length && share >= MIN_SUPPORTED_SHARE && !reversed.length,
    share,
    missing,
    reversed,
  };
}

/**
 * The commonest English function words, question words included. The `stopword` list is not used
 * here: it lacks "when" and "will", and its one-letter words turn up in French elisions (l’, d’).
 */
// biome-ignore format: a word list reads better packed
const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'about', 'and', 'or',
  'is', 'are', 'was', 'were', 'be', 'been', 'do', 'does', 'did', 'has', 'have', 'had', 'will', 'would',
  'could', 'can', 'should', 'what', 'when', 'who', 'whom', 'whose', 'why', 'how', 'which', 'where',
  'that', 'this', 'it', 'they', 'he', 'she', 'not', 'any', 'many', 'much',
]);
/**
 * English questions are a third or more function words ("when will the…"); other languages share
 * few of them. Below this share, text is taken to be in another language.
 */
const MIN_ENGLISH_STOPWORD_SHARE = 0.2;
/** Shorter text is too little to judge, and is held to the stricter (English) check. */
const MIN_WORDS_TO_JUDGE_LANGUAGE = 3;

/** Whether `text` (a question) reads as English, for choosing the cross-language support check. */
export function looksEnglish(text: string): boolean {
  const tokens = tokenizeWords(text).filter((t) => !/\d/.test(t.norm));
  if (tokens.length < MIN_WORDS_TO_JUDGE_LANGUAGE) return true;
  const stopwords = tokens.filter((t) => ENGLISH_FUNCTION_WORDS.has(t.norm)).length;
  return stopwords / tokens.length >= MIN_ENGLISH_STOPWORD_SHARE;
}
