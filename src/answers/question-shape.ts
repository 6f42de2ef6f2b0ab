/**
 * What a question's grammar says beyond its words: whether it asks yes or no, asks about the whole
 * story ("what's the latest?"), takes an event for granted ("why did X cancel Y?"), or is written in
 * another language. Read from function words and word forms, never from the story's own vocabulary.
 */
import { deu, fra, ita, nld, por, rus, spa, ukr } from 'stopword';
import { dateReader } from '../articles/date-reader.js';
import { isFunctionWord, isStopword } from '../text/stopwords.js';
import { tokenizeWords, type WordToken } from '../text/tokens.js';

/** Auxiliaries that open a yes/no question ("Will the mayor resign…?", "Has the council voted…?"). */
const AUXILIARIES = new Set([
  'is',
  'are',
  'was',
  'were',
  'will',
  'would',
  'has',
  'have',
  'had',
  'did',
  'does',
  'do',
  'can',
  'could',
  'should',
  'may',
  'might',
  'must',
]);
const MODALS = new Set(['will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'shall', 'to']);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
const DO = new Set(['did', 'does', 'do']);
const REPORTING =
  /^(say|said|says|tell|told|claim|claimed|think|thought|believe|believed|argue|argued|suggest|suggested)$/;
/** Participles and gerunds: the verb of a "why were X excluded" or "why is X resigning" question. */
const VERB_FORM = /(ed|en|ing|wn)$/;

export function isYesNo(question: string): boolean {
  const first = tokenizeWords(question)[0]?.norm;
  return !!first && AUXILIARIES.has(first);
}

/**
 * Questions about the story as a whole rather than one fact: what is new, the latest, what is going
 * on, what came out of an event (its outcome is whatever the newest articles on it report). Asked
 * in the words people use for news itself, so the answer is the newest development.
 */
const WHOLE_STORY =
  /\b(latest|what'?s new|anything new|new developments?|developments|going on|happening|update|updates|news|(came|come|comes) out of|outcomes?)\b|\bwhat('s| is| has)? (happened|changed)\b/i;

export function asksForLatest(question: string): boolean {
  return WHOLE_STORY.test(question.replace(/[’‘]/g, "'"));
}

/**
 * What a whole-story question is about, once its news words ("the latest") and its time clause
 * ("since Friday", "after the vote": when, not what) are taken out: "What's the latest on the talks?" is about the talks; "What's new?" about
 * nothing in particular (empty).
 */
export function latestFocus(question: string): string {
  return question
    .replace(/[’‘]/g, "'")
    .replace(new RegExp(WHOLE_STORY.source, 'gi'), ' ')
    .replace(/\b(since|from|after)\b.*$/i, ' ');
}

/**
 * The day a "since Friday" / "since 15 August" question starts from, read relative to the newest
 * article's day; null when the question names none.
 */
export function sinceDay(question: string, newest: string | null): string | null {
  const since = /\b(since|after|from)\b(.*)$/i.exec(question);
  if (!since || !newest) return null;
  const found = dateReader.parse(since[2]!, new Date(`${newest}T12:00:00Z`), { forwardDate: false })[0];
  if (!found) return null;
  const day = found.start.date().toISOString().slice(0, 10);
  return day <= newest ? day : null;
}

/**
 * The verb a question takes for granted: "why did the council call off the vote" presupposes a
 * calling off, "what treaty did the minister sign" a signing, "why were reporters excluded" an exclusion. Only
 * why-questions and "what/which <thing> did X <verb>" questions presuppose an event this way; for a
 * reporting verb ("why did the mayor say the city should pay…") the claim reported is what is presupposed.
 * Returns the verb's token, or null.
 */
export function presupposedVerb(question: string): WordToken | null {
  const tokens = tokenizeWords(question);
  const why = tokens.findIndex((token) => token.norm === 'why');
  let at = why;
  if (at < 0) {
    const done = whatWasDone(tokens);
    if (done) return done;
    const wh = tokens.findIndex((token) => token.norm === 'what' || token.norm === 'which');
    // "what treaty did": a noun between the wh-word and the auxiliary.
    if (wh < 0 || !tokens[wh + 2] || !DO.has(tokens[wh + 2]!.norm) || isStopword(tokens[wh + 1]!.norm)) return null;
    at = wh + 1;
  }
  const aux = tokens.findIndex((token, i) => i > at && (AUXILIARIES.has(token.norm) || BE.has(token.norm)));
  if (aux < 0 || aux > at + 2) return null;
  return verbAfter(tokens, aux);
}

/**
 * The participle of "what was agreed at the talks?" or "what has been decided?": the question asks
 * what an event it takes for granted settled, and names nothing of it but the verb.
 */
function whatWasDone(tokens: readonly WordToken[]): WordToken | null {
  const wh = tokens.findIndex((token) => token.norm === 'what');
  if (wh < 0) return null;
  let i = wh + 1;
  if (tokens[i] && /^(has|have|had)$/.test(tokens[i]!.norm) && tokens[i + 1]?.norm === 'been') i++;
  if (!tokens[i] || !BE.has(tokens[i]!.norm)) return null;
  const verb = tokens[i + 1];
  return verb && !isStopword(verb.norm) && /ed$/.test(verb.norm) ? verb : null;
}

/** Whether the question asks what an event it takes for granted settled ("what was agreed …?"). */
export function asksWhatWasDone(question: string): boolean {
  return whatWasDone(tokenizeWords(question)) !== null;
}

/**
 * The verb after the auxiliary and its subject: a run of names ("did President Joe Biden hire") or
 * one common noun after its determiners ("did the boat capsize"); after "is"/"were", the participle
 * ("were reporters excluded").
 */
function verbAfter(tokens: readonly WordToken[], aux: number): WordToken | null {
  const participle = BE.has(tokens[aux]!.norm);
  const isName = (token: WordToken) => /^\p{Lu}/u.test(token.raw) || /\d/.test(token.raw);
  let i = aux + 1;
  while (tokens[i] && isStopword(tokens[i]!.norm) && !isName(tokens[i]!)) i++;
  if (tokens[i] && isName(tokens[i]!)) while (tokens[i] && (isName(tokens[i]!) || tokens[i]!.norm === 's')) i++;
  else if (!participle) i++;
  for (; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isName(token) || (isStopword(token.norm) && !REPORTING.test(token.norm))) continue;
    if (participle && !VERB_FORM.test(token.norm)) continue;
    if (REPORTING.test(token.norm)) {
      const modal = tokens.findIndex((next, j) => j > i && MODALS.has(next.norm));
      if (modal < 0) return null;
      return tokens.slice(modal + 1).find((next) => !isStopword(next.norm) && !isName(next)) ?? null;
    }
    return token;
  }
  return null;
}

/**
 * Whether a question reads as English: written in Latin letters, and at least as many of its
 * function words English as those of any other language the stopword lists know.
 */
const OTHER_LANGUAGES = [deu, fra, spa, ita, por, nld, rus, ukr].map((list) => new Set(list));

export function looksEnglish(question: string): boolean {
  const words = tokenizeWords(question).map((token) => token.norm);
  const letters = question.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((letter) => /\p{Script=Latin}/u.test(letter)).length;
  if (letters.length && latin / letters.length < 0.5) return false;
  const english = words.filter((word) => isFunctionWord(word)).length;
  const other = Math.max(
    ...OTHER_LANGUAGES.map((list) => words.filter((word) => list.has(word) && !isFunctionWord(word)).length),
  );
  return other === 0 || english >= other;
}

/**
 * The question as the object of "The articles don't say": quoted as asked, since turning "what did
 * X say" into "what X said" needs each verb's past tense.
 */
export function askedAs(question: string): string {
  const text = question.trim().replace(/[?.!\s]+$/, '');
  return `“${text}?”`;
}

/**
 * What the question takes for granted, in its words: from the verb on for a why-question ("call off
 * the vote"), the whole question for "what treaty did X sign?", whose noun is part of it.
 */
export function presupposition(question: string, verb: WordToken): string {
  const text = question.trim().replace(/[?.!\s]+$/, '');
  return /\bwhy\b/i.test(text) ? text.slice(verb.start).trim() : `${text}?`;
}
