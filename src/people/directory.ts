import type { ArticleAnalysis } from '../articles/analysis.js';
import type { EntityKind } from '../articles/people.js';
import type { Article } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import { type KeyedArticle, keyArticle, mergePeople, type NameKeys, nameKeys } from './build-directory.js';
import { PeopleIndex } from './people-index.js';

/** A person or organisation across the whole corpus. */
export interface Person {
  /** Stable slug of the name. */
  id: string;
  name: string;
  kind: EntityKind;
  /** Most frequent first. */
  roles: string[];
  aliases: string[];
  mentions: number;
  /** Newest article first. */
  articleIds: string[];
  quotes: number;
}

export interface PeopleQuery {
  /** Name, surname or role words. */
  query?: string;
  kind?: EntityKind;
  limit?: number;
}

export const DEFAULT_PEOPLE_LIMIT = 25;

interface CachedDirectory {
  version: string;
  index: PeopleIndex;
  /** Each article's names keyed, kept across versions so a rebuild keys only new articles. */
  keyed: Map<string, KeyedArticle>;
  keys: NameKeys;
}

/**
 * One directory per corpus, rebuilt only when the corpus version changes. A WeakMap keyed by the
 * corpus (rather than a module-level directory) ties the cache's life to the corpus it describes,
 * so separate corpora (tests, benchmarks) never share or leak state.
 */
const directories = new WeakMap<Corpus, CachedDirectory>();

/** Articles keyed by `keyArticleAhead` for the next build, and the name functions they were keyed with. */
const keyedAhead = new WeakMap<Corpus, { keyed: Map<string, KeyedArticle>; keys: NameKeys }>();

/**
 * Keys an article's names from its analysis when a caller reading every analysis anyway (the quote
 * catalogue) has it, so the next directory build need not read it again: a stored analysis is
 * decoded afresh each time, and decoding every article's twice doubled a first /quote's garbage.
 */
export function keyArticleAhead(corpus: Corpus, article: Article, analysis: ArticleAnalysis): void {
  const cached = directories.get(corpus);
  if (cached?.keyed.has(article.id)) return;
  let ahead = keyedAhead.get(corpus);
  if (!ahead) {
    ahead = { keyed: new Map(), keys: cached?.keys ?? nameKeys() };
    keyedAhead.set(corpus, ahead);
  }
  ahead.keyed.set(
    article.id,
    keyArticle({ article, entities: analysis.entities, quotes: analysis.quotes }, ahead.keys),
  );
}

/** The merged people of the corpus with lookups, built at most once per corpus version. */
export function peopleIndex(corpus: Corpus): PeopleIndex {
  const cached = directories.get(corpus);
  if (cached && cached.version === corpus.version) return cached.index;
  const ahead = keyedAhead.get(corpus);
  keyedAhead.delete(corpus);
  const keys = ahead?.keys ?? cached?.keys ?? nameKeys();
  const keyed = new Map<string, KeyedArticle>();
  for (const article of corpus.articles()) {
    const known = cached?.keyed.get(article.id) ?? ahead?.keyed.get(article.id);
    if (known) {
      keyed.set(article.id, known);
      continue;
    }
    const analysis = corpus.analysisOnce(article.id);
    if (!analysis) continue;
    keyed.set(article.id, keyArticle({ article, entities: analysis.entities, quotes: analysis.quotes }, keys));
  }
  const index = new PeopleIndex(mergePeople([...keyed.values()], keys));
  directories.set(corpus, { version: corpus.version, index, keyed, keys });
  return index;
}

/** People and organisations, most mentioned first; with `query`, best match first. */
export function listPeople(corpus: Corpus, query: PeopleQuery = {}): Person[] {
  const limit = query.limit ?? DEFAULT_PEOPLE_LIMIT;
  const index = peopleIndex(corpus);
  const wanted = (person: Person) => !query.kind || person.kind === query.kind;
  if (!query.query?.trim()) return index.people.filter(wanted).slice(0, limit);
  return index
    .match(query.query)
    .map((match) => match.person)
    .filter(wanted)
    .slice(0, limit);
}

/** The one person a name refers to (for /who): exact name, unique surname or alias, else best match. */
export function findPerson(corpus: Corpus, name: string): Person | null {
  const index = peopleIndex(corpus);
  const resolved = index.resolve(name);
  if (resolved !== null) return index.people[resolved] ?? null;
  return index.match(name)[0]?.person ?? null;
}
