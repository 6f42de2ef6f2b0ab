import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleFile } from '../src/articles/parse-article-file.js';
import type { StoryPools } from './generate-corpus.js';
import { makeQueries } from './queries.js';
import { Random } from './random.js';

type OptionValues = Record<string, unknown>;

export const BENCHED_COMMANDS = ['ask', 'quote', 'summary'] as const;
export type BenchedCommand = (typeof BENCHED_COMMANDS)[number];

/** Articles read back from the corpus so `article` and `since` options name ones that exist. */
const SAMPLED_ARTICLES = 20;
/** Share of /quote cases narrowed to one article (the rest search the whole corpus). */
const QUOTE_IN_ARTICLE = 0.15;
const SUMMARY_LENGTHS = ['short', 'standard', 'detailed'] as const;

/**
 * Slash-command options for each benched command: the same questions and quote queries as the
 * in-process bench, plus summaries of every shape (length, since a day, one article) and quotes
 * within one article, so the round trip covers the paths users take and not one cached answer.
 */
export function makeDiscordCases(
  pools: StoryPools,
  corpusDir: string,
  count: number,
  seed: number,
): Record<BenchedCommand, OptionValues[]> {
  const random = new Random(seed ^ 0xd15c);
  const queries = makeQueries(pools, count, seed);
  const articles = sampleArticles(corpusDir, random);
  const articleId = () => random.pick(articles).id;
  const day = () => random.pick(articles).date ?? undefined;
  const length = () => random.pick(SUMMARY_LENGTHS);
  const summaryMakers: Array<() => OptionValues> = [
    () => ({}),
    () => ({ length: length() }),
    () => ({ since: day() }),
    () => ({ length: length(), since: day() }),
    () => ({ article: articleId() }),
    () => ({ article: articleId(), length: length() }),
  ];
  return {
    ask: queries.questions.map((question) => ({ question })),
    quote: queries.quotes.map(({ speaker, about }) =>
      withoutUndefined({ speaker, about, article: random.chance(QUOTE_IN_ARTICLE) ? articleId() : undefined }),
    ),
    summary: Array.from({ length: count }, () => withoutUndefined(random.pick(summaryMakers)())),
  };
}

function sampleArticles(corpusDir: string, random: Random) {
  const files = readdirSync(corpusDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.txt'))
    .sort();
  const picked = random.shuffle(files).slice(0, SAMPLED_ARTICLES);
  if (!picked.length) throw new Error(`no articles in ${corpusDir}`);
  return picked.map((file) => parseArticleFile(file, readFileSync(join(corpusDir, file))));
}

/** An unset option is absent from an interaction, not sent as null. */
function withoutUndefined(options: OptionValues): OptionValues {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
