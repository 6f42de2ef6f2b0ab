import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { Article } from '../articles/types.js';
import { describeArticle } from '../citations.js';
import type { AutocompleteKind } from '../command.js';
import type { Corpus } from '../corpus/corpus.js';
import type { Person } from '../people/directory.js';
import { peopleIndex } from '../people/directory.js';
import { displaySafe } from '../text/display-safe.js';
import { foldedWordParts } from '../text/words.js';
import { MAX_AUTOCOMPLETE_CHOICES, MAX_CHOICE_NAME, MAX_CHOICE_VALUE, truncate } from './limits.js';

export type Choice = ApplicationCommandOptionChoiceData<string>;

/**
 * How well `typed` describes a text, word by word, as someone types it: the last word is usually
 * unfinished, so a word that starts a word of the text scores, a whole word scores more, and a
 * typed word found nowhere rules the text out (0). A text that starts with what is typed wins.
 */
export function relevance(typed: string, text: string): number {
  const wanted = foldedWordParts(typed);
  if (!wanted.length) return 1;
  const words = foldedWordParts(text);
  let score = 0;
  for (const word of wanted) {
    if (words.includes(word)) score += 3;
    else if (words.some((candidate) => candidate.startsWith(word))) score += 2;
    else if (words.some((candidate) => candidate.includes(word))) score += 1;
    else return 0;
  }
  if (words.join(' ').startsWith(wanted.join(' '))) score += 2;
  return score;
}

/** The best-scoring items, at most 25, ties kept in their given (prominence) order. */
function rank<T>(items: readonly T[], score: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, score: score(item) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, MAX_AUTOCOMPLETE_CHOICES)
    .map((entry) => entry.item);
}

function choice(name: string, value: string): Choice {
  // Names come from article text; a control or bidirectional character would make one read otherwise.
  return { name: truncate(displaySafe(name), MAX_CHOICE_NAME), value: value.slice(0, MAX_CHOICE_VALUE) };
}

function articleChoices(corpus: Corpus, typed: string): Choice[] {
  const wanted = typed.trim().toLowerCase();
  // Newest first, so an empty box suggests the latest reporting.
  const articles = [...corpus.articles()].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  const score = (article: Article) =>
    wanted.length >= 4 && article.id.startsWith(wanted)
      ? 100
      : relevance(typed, `${article.title} ${article.source ?? ''}`);
  return rank(articles, score).map((article) => choice(describeArticle(article), article.id));
}

function personLabel(person: Person): string {
  return person.roles[0] ? `${person.name} — ${person.roles[0]}` : person.name;
}

function peopleChoices(corpus: Corpus, typed: string, keep: (person: Person) => boolean): Choice[] {
  const people = peopleIndex(corpus).people.filter(keep);
  const score = (person: Person) =>
    Math.max(
      relevance(typed, person.name) * 2,
      ...person.aliases.map((alias) => relevance(typed, alias) * 2),
      relevance(typed, person.roles.join(' ')),
    );
  return rank(people, score).map((person) => choice(personLabel(person), person.name));
}

/**
 * Suggestions for an option that names something in the corpus, best match for what is typed
 * first, within Discord's limits (25 choices, names and values of at most 100 characters).
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-autocomplete
 */
export function suggest(corpus: Corpus, kind: AutocompleteKind, typed: string): Choice[] {
  switch (kind) {
    case 'article':
      return articleChoices(corpus, typed);
    case 'person':
      return peopleChoices(corpus, typed, (person) => person.kind === 'person' || person.kind === 'organisation');
    case 'speaker':
      return peopleChoices(corpus, typed, (person) => person.quotes > 0);
    case 'topic':
      // Anything named in the story is a topic a timeline can follow: people, organisations, places.
      return peopleChoices(corpus, typed, () => true);
    case 'timezone':
      return timeZoneChoices(typed);
  }
}

/** IANA zones the runtime knows ("Europe/Paris"), matched on any part: "paris", "new york". */
function timeZoneChoices(typed: string): Choice[] {
  const zones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return rank(zones, (zone) => relevance(typed, zone.replace(/[/_]/g, ' '))).map((zone) => choice(zone, zone));
}
