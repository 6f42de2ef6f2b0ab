/**
 * Numbers written as words and years written in figures: what tells a number in a sentence apart
 * from its other words, shared by the answer rules and the check on what the model writes.
 */

/** The cardinal numbers English news writes out, with their values. */
// biome-ignore format: a word list reads better packed
export const CARDINAL_WORDS: ReadonlyMap<string, string> = new Map([
  ['one', '1'], ['two', '2'], ['three', '3'], ['four', '4'], ['five', '5'], ['six', '6'], ['seven', '7'],
  ['eight', '8'], ['nine', '9'], ['ten', '10'], ['eleven', '11'], ['twelve', '12'], ['thirteen', '13'],
  ['fourteen', '14'], ['fifteen', '15'], ['sixteen', '16'], ['seventeen', '17'], ['eighteen', '18'],
  ['nineteen', '19'], ['twenty', '20'], ['thirty', '30'], ['forty', '40'], ['fifty', '50'], ['sixty', '60'],
  ['seventy', '70'], ['eighty', '80'], ['ninety', '90'],
]);

/** Words that are amounts by themselves or with a number before them ("dozens", "4 million", "half"). */
const AMOUNT_WORDS = ['dozens?', 'hundreds?', 'thousands?', 'millions?', 'billions?', 'trillions?', 'half', 'percent'];

const NUMBER_WORD = new RegExp(String.raw`\b(${[...CARDINAL_WORDS.keys(), ...AMOUNT_WORDS].join('|')})\b`, 'i');
const YEAR = /\b(1[89]|20)\d\d\b/;

export const isYear = (word: string) => YEAR.test(word);
export const isNumberWord = (word: string) => NUMBER_WORD.test(word);
/** A word giving a number: digits in it ("17", "3.5", "2-1") or a number word. */
export const isNumberToken = (word: string) => /\d/.test(word) || isNumberWord(word);

/**
 * Whether a word written right after `between` continues the number before it: the tokenizer
 * splits "4,512", "87.3" and "10:30" at their separators, though each is one number.
 */
export const continuesNumber = (between: string, word: string) => /^[.,:]$/.test(between) && /^\d/.test(word);
