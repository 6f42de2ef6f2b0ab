import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArticles } from '../src/articles/load-articles.js';
import { Random } from './random.js';
import {
  type BenchPerson,
  makePeople,
  makeQuoteText,
  narrativeParagraph,
  PLACES,
  quoteParagraph,
  TOPICS,
  WEEKDAYS,
} from './story-vocabulary.js';

/** Bump when the generated text changes, so corpora cached in the temp folder are regenerated. */
export const GENERATOR_VERSION = 1;
const PEOPLE = 300;
/** Quotes many outlets repeat word for word (the grouping path of /quote gets real work). */
const SHARED_QUOTES = 400;
const FILES_PER_FOLDER = 1000;
const FIRST_DAY = Date.UTC(2025, 5, 1);
const DAYS = 180;
const DAY_MS = 86_400_000;

export interface SharedQuote {
  words: string;
  person: BenchPerson;
}

/** What queries are drawn from: the same pools the articles were written with. */
export interface StoryPools {
  people: BenchPerson[];
  sharedQuotes: SharedQuote[];
  seedSentences: string[];
}

export interface SyntheticCorpus {
  dir: string;
  articles: number;
  pools: StoryPools;
  /** False when an identical corpus from an earlier run was reused. */
  generated: boolean;
}

/** People and shared quotes depend only on the seed, so every corpus size tells the same story. */
export async function storyPools(seedsDir: string, seed: number): Promise<StoryPools> {
  const random = new Random(seed);
  const people = makePeople(random, PEOPLE);
  const sharedQuotes = Array.from({ length: SHARED_QUOTES }, () => ({
    words: makeQuoteText(random, random.pick(TOPICS), random.pick(PLACES)),
    person: random.pick(people),
  }));
  const { articles } = await loadArticles(seedsDir);
  const seedSentences = articles.flatMap((article) => article.sentences.map((sentence) => sentence.text));
  return { people, sharedQuotes, seedSentences: seedSentences.length ? seedSentences : ['The talks continued.'] };
}

/**
 * Writes `count` articles in the seed format (`date YYYY-MM-DD <standfirst>`, blank line,
 * paragraphs) under the temp folder: the seed articles' paragraphs shuffled and varied, mixed with
 * generated reporting and attributed quotes. Reuses the folder when an earlier run wrote the same.
 */
export async function generateCorpus(
  count: number,
  options: { seedsDir: string; seed: number; baseDir?: string },
): Promise<SyntheticCorpus> {
  const pools = await storyPools(options.seedsDir, options.seed);
  const dir = join(options.baseDir ?? tmpdir(), `newsdesk-bench-v${GENERATOR_VERSION}-s${options.seed}-${count}`);
  const marker = join(dir, '.complete');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === String(count)) {
    return { dir, articles: count, pools, generated: false };
  }
  rmSync(dir, { recursive: true, force: true });
  const seedParagraphs = await seedBodyParagraphs(options.seedsDir);
  const random = new Random(options.seed * 7919 + count);
  for (let index = 0; index < count; index++) {
    const folder = join(dir, String(Math.floor(index / FILES_PER_FOLDER)).padStart(3, '0'));
    if (index % FILES_PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${String(index).padStart(6, '0')}.txt`), writeArticle(random, pools, seedParagraphs));
  }
  writeFileSync(marker, String(count));
  return { dir, articles: count, pools, generated: true };
}

async function seedBodyParagraphs(seedsDir: string): Promise<string[]> {
  const { articles } = await loadArticles(seedsDir);
  return articles.flatMap((article) =>
    article.paragraphs.slice(1).map((paragraph) => article.text.slice(paragraph.start, paragraph.end)),
  );
}

function writeArticle(random: Random, pools: StoryPools, seedParagraphs: readonly string[]): string {
  const date = new Date(FIRST_DAY + random.int(0, DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const lead = random.pick(pools.people);
  const other = random.pick(pools.people);
  const standfirst = `${lead.role} ${lead.name} says talks on ${random.pick(TOPICS)} in ${random.pick(PLACES)} will go on as ${other.surname} weighs the next step.`;
  const paragraphs: string[] = [];
  const length = random.int(10, 16);
  for (let index = 0; index < length; index++) {
    const kind = random.next();
    if (kind < 0.3 && seedParagraphs.length) paragraphs.push(vary(random, random.pick(seedParagraphs)));
    else if (kind < 0.75) paragraphs.push(narrativeParagraph(random, pools.people, random.pick(WEEKDAYS)));
    else if (random.chance(0.4)) {
      const shared = random.pick(pools.sharedQuotes);
      paragraphs.push(quoteParagraph(random, shared.words, shared.person));
    } else {
      const words = makeQuoteText(random, random.pick(TOPICS), random.pick(PLACES));
      paragraphs.push(quoteParagraph(random, words, random.pick(pools.people)));
    }
  }
  return `date ${date} ${standfirst}\n\n${paragraphs.join('\n\n')}\n`;
}

/** The same paragraph on another day, with other numbers, as a follow-up story would have it. */
function vary(random: Random, paragraph: string): string {
  return paragraph
    .replace(/\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g, () => random.pick(WEEKDAYS))
    .replace(/\b\d+\b/g, () => String(random.int(2, 500)));
}
