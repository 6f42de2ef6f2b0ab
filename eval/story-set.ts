/**
 * The story gold of `DIR/story/` (schemas and scoring in its README): the articles it was built
 * from, looked up by file name (the seed beside `story/`'s parent in `seeds/`, and `event-aug2025/`),
 * loaded as Newsdesk loads a seeds folder, and asked through the commands exactly as a user would.
 * Shared by every story part of `npm run eval` (answers, quotes and people, summary, timeline).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { commands } from '../commands/index.js';
import { parseArticleFile } from '../src/articles/parse-article-file.js';
import type { Article } from '../src/articles/types.js';
import type { CommandContext, OptionValues } from '../src/command.js';
import { createIndexedCorpus, type IndexedCorpus } from '../src/corpus/indexed-corpus.js';
import type { Reply } from '../src/reply.js';
import type { Services } from '../src/services.js';

/** Every article file the story gold may name, by basename. */
export interface StoryArticles {
  byFile: Map<string, Article>;
}

/**
 * The folders a story file is looked up in: the story's own articles beside `story/`, and the
 * seed (the repository's `seeds/`, or `DIR/../seeds` as `../shared` lays it out).
 */
function storyFolders(dataDir: string): string[] {
  const folders = [join(dataDir, 'event-aug2025'), resolve(dataDir, '..', 'seeds'), resolve('seeds')];
  return folders.filter((folder) => existsSync(folder));
}

export async function loadStoryArticles(dataDir: string): Promise<StoryArticles> {
  const byFile = new Map<string, Article>();
  for (const folder of storyFolders(dataDir)) {
    for (const name of (await readdir(folder)).sort()) {
      if (byFile.has(name) || !name.endsWith('.txt')) continue;
      const file = join(folder, name);
      byFile.set(name, parseArticleFile(file, await readFile(file)));
    }
  }
  return { byFile };
}

/** The articles a row's `corpus` names, in the order given; a missing file is an error in the data. */
export function articlesOf(story: StoryArticles, files: readonly string[]): Article[] {
  return files.map((file) => {
    const article = story.byFile.get(basename(file));
    if (!article) throw new Error(`story gold names ${file}, which is in none of the story folders`);
    return article;
  });
}

/** A desk over exactly these articles, analysed as the bot analyses them (quotes, people). */
export interface StoryDesk extends IndexedCorpus {
  services: Services;
  /** Runs a command as the console would and returns its reply. */
  run: (command: string, options?: OptionValues, now?: Date) => Promise<Reply>;
  close: () => void;
}

export function openStoryDesk(articles: readonly Article[]): StoryDesk {
  const { corpus, index } = createIndexedCorpus(articles);
  const services: Services = {
    corpus,
    index,
    load: { loaded: articles.length, skipped: [], ms: 0, dir: 'story' },
    startedAt: new Date(),
  };
  const run = async (name: string, options: OptionValues = {}, now = new Date()) => {
    const command = commands.find((candidate) => candidate.name === name);
    if (!command) throw new Error(`no command /${name}`);
    const context: CommandContext = { services, now };
    return command.run(options, context);
  };
  return { corpus, index, services, run, close: () => index.close() };
}

/** The reply as lines a person reads, top to bottom: the intro, then each item. */
export function replyLines(reply: Reply): string[] {
  return [reply.intro, ...reply.items.map((item) => item.text)].filter((line): line is string => !!line?.trim());
}

/**
 * The story README's normalisation for every string or regex comparison: NFKC, straight quotes,
 * dashes as "-", one space; `forQa` also drops thousands separators and writes dates one way.
 */
export function normaliseStoryText(text: string, forQa = false): string {
  let out = text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc\u201a\u201b]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
    .replace(/[\u2013\u2014\u2012\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  if (forQa) {
    out = out.replace(/(\d),(?=\d{3}\b)/g, '$1');
    out = out.replace(DATE_FORMS, (_all, month1?: string, day1?: string, day2?: string, month2?: string) => {
      const month = (month1 ?? month2 ?? '').slice(0, 3).toLowerCase();
      return `${Number(day1 ?? day2)} ${month}`;
    });
  }
  return out;
}

const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** "Aug. 15", "August 15", "Aug.15" (month first) or "15 August" (day first). */
const DATE_FORMS = new RegExp(`\\b(?:${MONTH}\\s*(\\d{1,2})\\b|(\\d{1,2})\\s+${MONTH})`, 'gi');
