import { join } from 'node:path';
import type { Article } from '../src/articles/types.js';
import { listPeople, type Person } from '../src/people/directory.js';
import { findQuotes } from '../src/quotes/find-quotes.js';
import { overlapF1 } from './char-overlap.js';
import { f1 } from './f1.js';
import { readJsonLines } from './json-lines.js';
import { isScript } from './script.js';
import { articlesOf, loadStoryArticles, normaliseStoryText, openStoryDesk } from './story-set.js';
import type { StoryPeopleScores, StoryQuoteScores } from './types.js';

/**
 * Quotes and people of the story gold (`DIR/story/quotes.jsonl`, `entities.jsonl`; rules in its
 * README), taken from the whole story the way /quote and /who see it: every quote of the
 * story-wide catalogue (each group's lead and the other outlets' renderings) with the speaker
 * name it is shown with, and every entry of the people directory with its names and kind.
 */

interface GoldQuote {
  file: string;
  quote: string;
  speaker: string | null;
}

interface GoldEntity {
  canonical: string;
  type: string;
  type_alternatives?: string[];
  variants: string[];
  corpus: string[];
}

const MATCH_THRESHOLD = 0.5;

export interface StoryResult {
  quotes: StoryQuoteScores;
  people: StoryPeopleScores;
  /** Wrong or missing speakers and split, merged or mistyped entities, for reading. */
  details: string[];
}

const fold = (text: string) => normaliseStoryText(text).toLowerCase();

/** Names an entity goes by: canonical and every variant, folded. */
function namesOf(entity: GoldEntity): Set<string> {
  return new Set([entity.canonical, ...entity.variants].map(fold));
}

interface PredictedQuote {
  text: string;
  speaker: string | null;
}

/** Every quote of the story as /quote shows it, by article. */
function shownQuotes(articles: readonly Article[]): { byArticle: Map<string, PredictedQuote[]>; close: () => void } {
  const desk = openStoryDesk(articles);
  const byArticle = new Map<string, PredictedQuote[]>();
  for (const result of findQuotes(desk.corpus, { limit: Number.POSITIVE_INFINITY })) {
    for (const { quote, article } of [result, ...result.alsoIn]) {
      const list = byArticle.get(article.id) ?? [];
      list.push({ text: quote.text, speaker: quote.speaker?.name ?? null });
      byArticle.set(article.id, list);
    }
  }
  return { byArticle, close: desk.close };
}

function scoreQuotes(
  gold: readonly GoldQuote[],
  predictedOf: (file: string) => PredictedQuote[],
  entities: readonly GoldEntity[],
  details: string[],
): StoryQuoteScores {
  const byCanonical = new Map(entities.map((entity) => [entity.canonical, namesOf(entity)]));
  const files = [...new Set(gold.map((quote) => quote.file))];
  let predictedCount = 0;
  let found = 0;
  let speakersRight = 0;
  for (const file of files) {
    const golds = gold.filter((quote) => quote.file === file);
    const predicted = predictedOf(file);
    predictedCount += predicted.length;
    const pairs: Array<{ g: number; p: number; score: number }> = [];
    golds.forEach((g, gi) => {
      predicted.forEach((p, pi) => {
        const score = overlapF1(normaliseStoryText(p.text), normaliseStoryText(g.quote));
        if (score >= MATCH_THRESHOLD) pairs.push({ g: gi, p: pi, score });
      });
    });
    pairs.sort((a, b) => b.score - a.score);
    const usedGold = new Set<number>();
    const usedPredicted = new Set<number>();
    for (const { g, p } of pairs) {
      if (usedGold.has(g) || usedPredicted.has(p)) continue;
      usedGold.add(g);
      usedPredicted.add(p);
      found++;
      const want = golds[g]!;
      const said = predicted[p]!.speaker;
      const names = want.speaker ? byCanonical.get(want.speaker) : undefined;
      const right = want.speaker === null ? said === null : !!said && !!names?.has(fold(said));
      if (right) speakersRight++;
      else
        details.push(
          `speaker  ${file.slice(0, 40)}  “${want.quote.slice(0, 50)}”  gold ${want.speaker}, shown ${said}`,
        );
    }
    golds.forEach((g, gi) => {
      if (!usedGold.has(gi)) details.push(`missed   ${file.slice(0, 40)}  “${g.quote.slice(0, 60)}”`);
    });
  }
  const precision = predictedCount ? found / predictedCount : 0;
  const recall = gold.length ? found / gold.length : 0;
  return {
    n: gold.length,
    precision,
    recall,
    f1: f1(precision, recall),
    speakerAccuracy: found ? speakersRight / found : 0,
    speakersRight,
  };
}

function scorePeople(gold: readonly GoldEntity[], people: readonly Person[], details: string[]): StoryPeopleScores {
  const goldNames = gold.map(namesOf);
  const predictedNames = people.map((person) => new Set([person.name, ...person.aliases].map(fold)));
  /** Gold entities each predicted entry names. */
  const covers = predictedNames.map((names) =>
    goldNames.flatMap((gnames, g) => ([...names].some((name) => gnames.has(name)) ? [g] : [])),
  );
  // One-to-one, greedily by how many names the two share.
  const pairs: Array<{ g: number; p: number; shared: number }> = [];
  covers.forEach((golds, p) => {
    for (const g of golds) {
      const shared = [...predictedNames[p]!].filter((name) => goldNames[g]!.has(name)).length;
      pairs.push({ g, p, shared });
    }
  });
  pairs.sort((a, b) => b.shared - a.shared || a.p - b.p);
  const matchOf = new Map<number, number>();
  const usedPredicted = new Set<number>();
  for (const { g, p } of pairs) {
    if (matchOf.has(g) || usedPredicted.has(p)) continue;
    matchOf.set(g, p);
    usedPredicted.add(p);
  }
  let typesRight = 0;
  let nonPeopleAsPeople = 0;
  for (const [g, p] of matchOf) {
    const want = gold[g]!;
    const kind = people[p]!.kind;
    if (kind === want.type || want.type_alternatives?.includes(kind)) typesRight++;
    else details.push(`type     ${want.canonical}: gold ${want.type}, shown ${kind} (as “${people[p]!.name}”)`);
    const mayBePerson = want.type === 'person' || want.type_alternatives?.includes('person');
    if (kind === 'person' && !mayBePerson) nonPeopleAsPeople++;
  }
  let split = 0;
  let several = 0;
  let severalOnce = 0;
  let severalPeople = 0;
  let severalPeopleOnce = 0;
  gold.forEach((entity, g) => {
    const holders = new Set(covers.flatMap((golds, p) => (golds.includes(g) ? [p] : [])));
    const foundVariants = entity.variants.filter((variant) => predictedNames.some((names) => names.has(fold(variant))));
    if (holders.size >= 2) {
      split++;
      details.push(`split    ${entity.canonical}: ${[...holders].map((p) => `“${people[p]!.name}”`).join(', ')}`);
    }
    if (new Set(entity.variants.map(fold)).size >= 2 && foundVariants.length) {
      several++;
      if (holders.size === 1) severalOnce++;
      if (entity.type === 'person') {
        severalPeople++;
        if (holders.size === 1) severalPeopleOnce++;
      }
    }
    if (!holders.size) details.push(`no entry ${entity.canonical}`);
  });
  let overMerged = 0;
  covers.forEach((golds, p) => {
    if (golds.length < 2) return;
    overMerged++;
    details.push(`merged   “${people[p]!.name}”: ${golds.map((g) => gold[g]!.canonical).join(', ')}`);
  });
  const matched = matchOf.size;
  const precision = people.length ? matched / people.length : 0;
  const recall = gold.length ? matched / gold.length : 0;
  return {
    n: gold.length,
    precision,
    recall,
    f1: f1(precision, recall),
    severalSpellingsOnce: several ? severalOnce / several : 0,
    peopleSeveralSpellingsOnce: severalPeople ? severalPeopleOnce / severalPeople : 0,
    splitRate: gold.length ? split / gold.length : 0,
    overMergeRate: people.length ? overMerged / people.length : 0,
    typeAccuracy: matched ? typesRight / matched : 0,
    nonPeopleAsPeople,
  };
}

/** Loads the story, runs it through the catalogue and the directory, and scores both. */
export async function evalStoryQuotes(dataDir: string): Promise<StoryResult> {
  const folder = join(dataDir, 'story');
  const gold = await readJsonLines<GoldQuote>(join(folder, 'quotes.jsonl'));
  const entities = await readJsonLines<GoldEntity>(join(folder, 'entities.jsonl'));
  const story = await loadStoryArticles(dataDir);
  const files = [...new Set([...gold.map((quote) => quote.file), ...entities.flatMap((entity) => entity.corpus)])];
  const articles = articlesOf(story, files);
  const idOf = new Map(files.map((file, i) => [file, articles[i]!.id]));
  const details: string[] = [];
  const { byArticle, close } = shownQuotes(articles);
  const desk = openStoryDesk(articles);
  try {
    const quotes = scoreQuotes(gold, (file) => byArticle.get(idOf.get(file) ?? '') ?? [], entities, details);
    const people = scorePeople(entities, listPeople(desk.corpus, { limit: Number.POSITIVE_INFINITY }), details);
    return { quotes, people, details };
  } finally {
    close();
    desk.close();
  }
}

if (isScript(import.meta.url)) {
  const result = await evalStoryQuotes(process.argv[2] ?? '../shared/eval');
  console.log(result.details.join('\n'));
  console.log(JSON.stringify({ quotes: result.quotes, people: result.people }, null, 2));
}
