/**
 * "What did X say …?" is answered only by X's words: a quotation the article attributes to X, or a
 * sentence with no quotation of someone else that names X reporting ("Berg said the plan lacks…").
 * X is read through the people directory, so a role ("the Danish minister") finds the person;
 * when no one in the articles is X, they hold nothing X said.
 */
import type { Corpus } from '../corpus/corpus.js';
import { peopleIndex } from '../people/directory.js';
import { nameWords } from '../people/names.js';
import type { SearchHit } from '../search/passage-index.js';
import { isStopword } from '../text/stopwords.js';
import { tokenizeWords } from '../text/tokens.js';

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
  const written = tokenizeWords(subject).filter((word) => /^\p{Lu}/u.test(word.raw) && !isStopword(word.norm));
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
