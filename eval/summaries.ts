/**
 * Summary quality on real news: Newsdesk's extractive summary against the human reference, with
 * Lead-3 (the first three sentences, split by the project's own splitter) scored the same way as
 * the baseline to beat. Scores are mean ROUGE-1/2/Lsum F1 over rows, as fractions. Sentences are
 * joined with newlines, as ROUGE-Lsum expects.
 *
 * Run alone: `npx tsx eval/summaries.ts DIR`.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { buildArticle, sentencesOfText } from '../src/articles/article.js';
import type { Article } from '../src/articles/types.js';
import { Corpus } from '../src/corpus/corpus.js';
import { WITHOUT_ANALYSIS } from '../src/corpus/indexed-corpus.js';
import type { Budget } from '../src/summaries/select-sentences.js';
import { summarise } from '../src/summaries/summarise.js';
import { summariseArticleText } from '../src/summaries/summarise-text.js';
import { readJsonLines } from './json-lines.js';
import { scoreRouge } from './rouge.js';
import { dataDirArgument, isScript } from './script.js';
import type { RougeScores, SummaryScores } from './types.js';

/**
 * Each dataset asks for a different length of summary, so each gets its own budget: CNN/DM
 * highlights run three or four sentences (about 50 words; a little more than that scores best,
 * since an extract needs more words to carry the same facts), XSum references are one abstractive
 * sentence (two extracted sentences cover it better than one), and the BBC set keeps about 40% of
 * an article's sentences. Unknown files get three sentences.
 */
const DATASET_BUDGETS: { prefix: string; budget: (sentences: number) => Budget }[] = [
  { prefix: 'cnndm', budget: () => ({ maxSentences: 4, maxWords: 65 }) },
  { prefix: 'xsum', budget: () => ({ maxSentences: 2, maxWords: 40 }) },
  {
    prefix: 'bbc',
    budget: (n) => ({ maxSentences: Math.max(1, Math.round(0.4 * n)), maxWords: Number.POSITIVE_INFINITY }),
  },
];
const DEFAULT_BUDGET: Budget = { maxSentences: 3, maxWords: 75 };

/** Background references run to a paragraph (about 150 words). */
const TIMELINE_MAX_WORDS = 150;
const LEAD_SENTENCES = 3;

interface SummaryRow {
  text: string;
  reference_summary: string;
  reference_sentences?: string[];
}

interface TimelineRow {
  id: string;
  text: string;
  reference_summary: string;
}

async function jsonlFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(dir, name));
}

function asLines(sentences: readonly string[]): string {
  return sentences.map((s) => s.replace(/\s+/g, ' ').trim()).join('\n');
}

function lead3(text: string): string {
  return asLines(
    sentencesOfText(text)
      .slice(0, LEAD_SENTENCES)
      .map((s) => s.text),
  );
}

function referenceOf(row: { reference_summary: string; reference_sentences?: string[] }): string {
  if (Array.isArray(row.reference_sentences) && row.reference_sentences.length > 0) {
    return asLines(row.reference_sentences);
  }
  return asLines(sentencesOfText(row.reference_summary).map((s) => s.text));
}

function mean(scores: readonly RougeScores[]): RougeScores {
  const n = Math.max(1, scores.length);
  const sum = (pick: (s: RougeScores) => number) => scores.reduce((total, s) => total + pick(s), 0) / n;
  return { rouge1: sum((s) => s.rouge1), rouge2: sum((s) => s.rouge2), rougeLsum: sum((s) => s.rougeLsum) };
}

function scoresOf(pairs: readonly { system: string; lead: string; reference: string }[]): SummaryScores {
  return {
    n: pairs.length,
    ...mean(pairs.map((p) => scoreRouge(p.system, p.reference))),
    lead3: mean(pairs.map((p) => scoreRouge(p.lead, p.reference))),
  };
}

function budgetFor(file: string, sentences: number): Budget {
  const name = basename(file);
  return DATASET_BUDGETS.find((d) => name.startsWith(d.prefix))?.budget(sentences) ?? DEFAULT_BUDGET;
}

/**
 * How a system summarises one row's text within the dataset's budget: its summary's sentences.
 * `file` is the dataset file the row comes from.
 */
export type RowSummariser = (text: string, budget: Budget, file: string) => Promise<readonly string[]>;

const extractiveRow: RowSummariser = async (text, budget) => summariseArticleText(text, budget).map((s) => s.text);

/** Scores `summariseRow` (Newsdesk's extractive summary unless given) on every DIR/summaries/*.jsonl. */
export async function evalSummaries(
  dataDir: string,
  summariseRow: RowSummariser = extractiveRow,
): Promise<Record<string, SummaryScores>> {
  const results: Record<string, SummaryScores> = {};
  for (const file of await jsonlFiles(join(dataDir, 'summaries'))) {
    const rows = await readJsonLines<SummaryRow>(file);
    const pairs: { system: string; lead: string; reference: string }[] = [];
    for (const row of rows) {
      const budget = budgetFor(file, sentencesOfText(row.text).length);
      pairs.push({
        system: asLines(await summariseRow(row.text, budget, basename(file))),
        lead: lead3(row.text),
        reference: referenceOf(row),
      });
    }
    results[basename(file)] = scoresOf(pairs);
  }
  return results;
}

const UPDATE_LINE = /^Date:\s*(\d{4}-\d{2}-\d{2}),\s*Update:\s*(.*)$/;

/** Each `Date: …, Update: …` line becomes a dated article, as a developing story arrives. */
export function updatesAsArticles(row: TimelineRow): Article[] {
  const articles: Article[] = [];
  for (const line of row.text.split('\n')) {
    const match = UPDATE_LINE.exec(line.trim());
    if (!match?.[2]) continue;
    articles.push(buildArticle(match[2], { date: match[1]! }, `${row.id}#${articles.length}`));
  }
  return articles;
}

/**
 * "What happened so far": the earlier updates become a corpus and Newsdesk's whole-corpus summary
 * is scored against `reference_summary` (the first annotator's background). Lead-3 is the first
 * three sentences of the updates, with their `Date: …, Update:` labels removed.
 */
export async function evalTimeline(dataDir: string): Promise<Record<string, SummaryScores>> {
  const results: Record<string, SummaryScores> = {};
  for (const file of await jsonlFiles(join(dataDir, 'timeline'))) {
    const rows = await readJsonLines<TimelineRow>(file);
    const pairs = rows.map((row) => {
      const articles = updatesAsArticles(row);
      // Summaries read no analysis (quotes, people), so the eval skips computing it.
      const corpus = new Corpus(WITHOUT_ANALYSIS);
      corpus.add(articles);
      const summary = summarise(corpus, { length: 'detailed', maxWords: TIMELINE_MAX_WORDS });
      return {
        system: asLines(summary.points.map((p) => p.text)),
        lead: lead3(articles.map((a) => a.text).join('\n\n')),
        reference: referenceOf(row),
      };
    });
    results[basename(file)] = scoresOf(pairs);
  }
  return results;
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);

function formatRow(name: string, s: SummaryScores): string {
  return (
    `${name.padEnd(34)} ${String(s.n).padStart(4)}  R1 ${pct(s.rouge1)}  R2 ${pct(s.rouge2)}  RLsum ${pct(s.rougeLsum)}` +
    `   | Lead-3 R1 ${pct(s.lead3.rouge1)}  R2 ${pct(s.lead3.rouge2)}  RLsum ${pct(s.lead3.rougeLsum)}`
  );
}

if (isScript(import.meta.url)) {
  const dataDir = dataDirArgument('npx tsx eval/summaries.ts DIR');
  const summaries = await evalSummaries(dataDir);
  const timeline = await evalTimeline(dataDir);
  const rows = [
    ...Object.entries(summaries).map(([file, s]) => formatRow(`summaries/${file}`, s)),
    ...Object.entries(timeline).map(([file, s]) => formatRow(`timeline/${file}`, s)),
  ];
  process.stdout.write(`${rows.join('\n')}\n`);
}
