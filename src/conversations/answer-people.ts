import type { ArticleAnalysis } from '../articles/analysis.js';
import type { Article, TextSpan } from '../articles/types.js';
import type { Corpus } from '../corpus/corpus.js';
import { sharedWord } from '../text/shared-words.js';

/**
 * The person an answer is mostly about: of the people the corpus's analysis finds in the cited
 * spans, the one mentioned most there (earliest first on a tie). Follow-up pronouns refer to them.
 */
export function mainPersonOf(spans: readonly (TextSpan & { articleId: string })[], corpus: Corpus): string | null {
  const counts = new Map<string, number>();
  for (const span of spans) {
    for (const entity of corpus.analysis(span.articleId)?.entities ?? []) {
      if (entity.kind !== 'person') continue;
      const inside = entity.spans.filter((s) => s.start >= span.start && s.end <= span.end).length;
      if (inside) counts.set(entity.name, (counts.get(entity.name) ?? 0) + inside);
    }
  }
  let best: string | null = null;
  for (const [name, count] of counts) if (best === null || count > counts.get(best)!) best = name;
  return best;
}

const nameWordsByCorpus = new WeakMap<Corpus, { version: string; words: ReadonlySet<string> }>();
/** Each article's people's name words, kept so a change of corpus decodes only the new articles' analyses. */
const nameWordsByArticle = new WeakMap<Article, readonly string[]>();

/**
 * Every lower-cased word of the names of people the articles mention ("erik", "dahl"), so a
 * question typed without capitals still has its names recognised. Places and organisations are left
 * out: their words ("new", "house") are everyday words too. Rebuilt only when the corpus changes.
 */
export function nameWordsOf(corpus: Corpus): ReadonlySet<string> {
  const cached = nameWordsByCorpus.get(corpus);
  if (cached?.version === corpus.version) return cached.words;
  const words = new Set<string>();
  for (const article of corpus.articles()) {
    let own = nameWordsByArticle.get(article);
    if (!own) {
      // A pass over every article: read without pushing out the analyses kept for answering.
      own = personNameWords(corpus.analysisOnce(article.id)?.entities ?? []);
      nameWordsByArticle.set(article, own);
    }
    for (const word of own) words.add(word);
  }
  nameWordsByCorpus.set(corpus, { version: corpus.version, words });
  return words;
}

function personNameWords(entities: ArticleAnalysis['entities']): string[] {
  const words = new Set<string>();
  for (const entity of entities) {
    if (entity.kind !== 'person') continue;
    for (const name of [entity.name, ...entity.aliases]) {
      // One copy of each word, shared by every article naming it: a string per use was 8.6 MB at 10k.
      for (const word of name.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (word) words.add(sharedWord(word));
    }
  }
  return [...words];
}
