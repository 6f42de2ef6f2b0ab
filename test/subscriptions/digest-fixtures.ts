import { buildArticle } from '../../src/articles/article.js';
import type { Article } from '../../src/articles/types.js';
import type { LoggedUpdate } from '../../src/subscriptions/update-log.js';
import { buildUpdatePost } from '../../src/subscriptions/update-post.js';
import { corpusOf } from './helpers.js';

/** A short article of its own on `subject`, from `source`. */
export function storyAbout(
  subject: string,
  options: { source?: string; title?: string; extra?: string } = {},
): Article {
  const text = [
    `${subject} dominated the day, officials said on Tuesday.`,
    `“We are watching ${subject} closely,” said Ana Ruiz, a spokeswoman for the port authority.`,
    `More details on ${subject} are expected on Wednesday.${options.extra ? ` ${options.extra}` : ''}`,
  ].join('\n\n');
  return buildArticle(
    text,
    { title: options.title ?? `News on ${subject}`, date: '2025-08-12', source: options.source ?? 'Harbour Gazette' },
    `${subject.toLowerCase().replace(/\W+/g, '-')}.md`,
  );
}

/** The log entry announcing `article` would make, as the store returns it. */
export function loggedUpdate(
  article: Article,
  options: { id: number; announcedAt: Date; kind?: 'new' | 'updated'; previous?: Article },
): LoggedUpdate {
  const kind = options.kind ?? 'new';
  const post = buildUpdatePost(
    kind === 'new'
      ? { kind: 'added', origin: article.origin, article }
      : { kind: 'updated', origin: article.origin, previousArticleId: options.previous?.id ?? article.id, article },
    corpusOf(article),
    options.previous,
  );
  return {
    id: options.id,
    updateKey: `article:${article.id}`,
    articleId: article.id,
    origin: article.origin,
    kind,
    title: article.title,
    searchText: `${article.title}\n${article.text}`,
    payload: JSON.stringify(post),
    announcedAt: options.announcedAt,
  };
}
