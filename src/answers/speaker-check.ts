/**
 * "What did X say …?" is answered only by X's words: a quotation the article attributes to X, or a
 * sentence with no quotation of someone else that names X reporting ("Berg said the plan lacks…").
 * X is read through the people directory, so a role ("the Danish minister") finds the person;
 * when no one in the articles is X, they hold nothing X said.
 */

import { isRoleWord } from '../articles/roles.js';
import type { Corpus } from '../corpus/corpus.js';
import { peopleIndex } from '../people/directory.js';
import { nameWords } from '../people/names.js';
import type { SearchHit } from '../search/passage-index.js';
import { isStopword } from '../text/stopwords.js';
import { isCapitalised, tokenizeWords } from '../text/tokens.js';
import { properNouns } from './answer-kind.js';

const SUBJECT =
  /\b(?:did|does|do|has|have|had|will|would)\s+(.+?)\s+(?:say|said|tell|told|claim|claimed|think|warn|warned|announce|announced|describe|described|call|characterise|characterize)\b/i;
/** Reflexives and pronouns that only stress the subject ("the mayor herself"). */
const STRESS = /\b(himself|herself|themselves|itself|personally)\b/gi;

const REPORTING_VERB =
  '(said|says|told|tells|added|stated|warned|argued|claimed|announced|wrote|insisted|noted|described|called)';
/** "Berg said"; "Berg, the minister, said" is too far: the name must be the reporting verb's subject. */
const REPORTS_AFTER = new RegExp(`^\\W*(\\w+\\W+){0,2}?${REPORTING_VERB}\\b`, 'i');
/** "…, said Berg". */
const REPORTS_BEFORE = new RegExp(`\\b${REPORTING_VERB}\\W+(\\w+\\W+){0,3}$`, 'i');

/** Most words a person is named or described by ("the British prime minister"). */
const MAX_SUBJECT_WORDS = 5;

/**
 * Who a "what did X say" question asks about, as written; null when the question has no such
 * subject, or its subject is a thing rather than a person ("the sign behind the podium": a
 * phrase with a preposition, or longer than a name or a title).
 */
export function statementSubject(question: string): string | null {
  const subject = SUBJECT.exec(question)?.[1]?.replace(STRESS, ' ').trim();
  if (!subject || !/\p{L}/u.test(subject)) return null;
  const words = tokenizeWords(subject);
  const phrase = words.every((word, i) => !isStopword(word.norm) || (i === 0 && /^(the|a|an)$/.test(word.norm)));
  return phrase && words.length <= MAX_SUBJECT_WORDS ? subject : null;
}

/**
 * A test of whether a sentence gives the subject's words, or null when the subject is no one the
 * articles name (then nothing in them is what the subject said).
 */
export function saidBy(corpus: Corpus, subject: string): ((hit: SearchHit) => boolean) | null {
  const people = peopleIndex(corpus);
  const matches = people.match(subject);
  const best = matches[0]?.score;
  const wanted = matches.filter((match) => match.score === best);
  // A name the directory doesn't hold (articles read without people) is still a name to look for.
  const written = tokenizeWords(subject).filter((word) => isCapitalised(word) && !isStopword(word.norm));
  if (!wanted.length && !written.length) return null;
  const indexes = new Set(wanted.map((match) => match.index));
  const names = new Set([
    ...wanted.flatMap((match) => [match.person.name, ...match.person.aliases].flatMap(nameWords)),
    ...(wanted.length ? [] : written.map((word) => word.norm)),
  ]);
  const isSubject = (name: string) =>
    indexes.has(people.resolve(name) ?? -1) || (!wanted.length && nameWords(name).some((word) => names.has(word)));
  return (hit) => {
    const quotes = corpus.analysis(hit.articleId)?.quotes.filter((quote) => quote.sentence === hit.sentence) ?? [];
    const speakers = quotes.flatMap((quote) => (quote.speaker ? [quote.speaker.name] : []));
    if (speakers.length) return speakers.some(isSubject);
    return tokenizeWords(hit.text).some(
      (word) =>
        names.has(word.norm) &&
        (REPORTS_AFTER.test(hit.text.slice(word.end)) || REPORTS_BEFORE.test(hit.text.slice(0, word.start))),
    );
  };
}

/** "Which official said …?", "Who told …?": the question asks who gave the words it reports. */
const ASKS_SPEAKER = new RegExp(`\\b(who|which((?:\\s+[\\w-]+){1,3}?))\\s+${REPORTING_VERB}\\b`, 'i');

/**
 * Whether the question asks which person said what it reports: "who told …?" or a role ("which
 * minister said …?"). "Which bakery said …?" is left alone: news reports what a company does
 * as what it said or announced, in sentences with no one's words.
 */
export function asksSpeaker(question: string): boolean {
  const found = ASKS_SPEAKER.exec(question);
  if (!found) return false;
  return !found[2] || tokenizeWords(found[2]).some((word) => isRoleWord(word.norm.replace(/s$/, '')));
}

/**
 * A test of whether a sentence gives the words of a person the articles know (one of the people
 * directory) and the question does not name: the speaker a "which official said …?" question asks
 * for. A quotation counts by its attributed speaker; with none, a name reporting ("Berg said the
 * plan…").
 */
export function saidBySomeoneElse(corpus: Corpus, askedStems: ReadonlySet<string>): (hit: SearchHit) => boolean {
  const people = peopleIndex(corpus);
  const unasked = (name: string) => {
    const known = people.resolve(name);
    const person = known === null ? undefined : people.people[known];
    return (
      !!person &&
      person.kind === 'person' &&
      ![person.name, ...person.aliases].some((alias) => tokenizeWords(alias).some((word) => askedStems.has(word.stem)))
    );
  };
  return (hit) => {
    const quotes = corpus.analysis(hit.articleId)?.quotes.filter((quote) => quote.sentence === hit.sentence) ?? [];
    const speakers = quotes.flatMap((quote) => (quote.speaker ? [quote.speaker.name] : []));
    if (speakers.length) return speakers.some(unasked);
    return properNouns(tokenizeWords(hit.text)).some(
      (word) =>
        unasked(word.raw) &&
        (REPORTS_AFTER.test(hit.text.slice(word.end)) || REPORTS_BEFORE.test(hit.text.slice(0, word.start))),
    );
  };
}
