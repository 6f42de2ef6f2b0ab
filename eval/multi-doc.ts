/**
 * Multi-article summaries on DUC's public sets (`DIR/multi-doc/`, schemas in the eval README): DUC
 * 2003 task 2 (one summary of ~10 articles on an event) and the DUC 2007 update task (three
 * successive batches per story; for B and C, what is new given the earlier batches were read, asked
 * as `/summary since:` the batch's first day). Scored as NIST did (see `rouge-duc.ts`), next to the
 * README's anchors; the best participant's own output is scored too, as a check on the scorer.
 *
 * Run alone: `npx tsx eval/multi-doc.ts DIR`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildArticle } from '../src/articles/article.js';
import { Corpus } from '../src/corpus/corpus.js';
import { WITHOUT_ANALYSIS } from '../src/corpus/indexed-corpus.js';
import { summarise } from '../src/summaries/summarise.js';
import { readJsonLines } from './json-lines.js';
import { DUC_WORD_LIMIT, type DucRouge, DucRougeScorer, meanDucRouge, readWordnetExceptions } from './rouge-duc.js';
import { dataDirArgument, isScript } from './script.js';

interface DucArticle {
  id: string;
  date: string;
  source?: string;
  title?: string;
  text: string;
}

interface DucBatch {
  name: string;
  assume_read: string[];
  articles: DucArticle[];
  references: string[];
  systems?: Record<string, string>;
}

interface Duc2003Row {
  id: string;
  articles: DucArticle[];
  references: string[];
}

interface Duc2007Row {
  id: string;
  batches: DucBatch[];
}

export interface DucSetScores extends DucRouge {
  n: number;
}

export interface MultiDocScores {
  duc2003?: DucSetScores;
  /** Per batch name (A, B, C), B+C (the update summaries) and A+B+C pooled. */
  duc2007?: Record<string, DucSetScores>;
  /** The participant with the best pooled ROUGE-2, scored here: it should read as the README's anchor. */
  scorerCheck?: DucSetScores & { system: string };
}

/** The README's published reference points, on the dev split. */
export const DUC_ANCHORS = {
  lexRank2003: { rouge1: 0.387, rouge2: 0.09, rougeSU4: 0.132 },
  classy04: { rouge1: 0.37, rouge2: 0.106, rougeSU4: 0.137 },
  bestParticipant2007: { rouge1: 0.39, rouge2: 0.11, rougeSU4: 0.145 },
} as const;

/**
 * Enough sentences to pass 100 words (the scorer cuts there): a summary of the `detailed` length
 * capped a little past DUC's limit, so the last sentence is not wasted on words that are cut.
 */
const SUMMARY_WORDS = DUC_WORD_LIMIT + 10;

function articlesOf(rowId: string, articles: readonly DucArticle[]) {
  return articles.map((article) =>
    buildArticle(
      article.text,
      { date: article.date, source: article.source ?? null, title: article.title || null },
      `${rowId}/${article.id}`,
    ),
  );
}

/** Newsdesk's summary of `articles`, or of those dated from `since` on, one sentence a line. */
function summaryOf(rowId: string, articles: readonly DucArticle[], since?: string): string {
  const corpus = new Corpus(WITHOUT_ANALYSIS);
  corpus.add(articlesOf(rowId, articles));
  const summary = summarise(corpus, { length: 'detailed', since, maxWords: SUMMARY_WORDS });
  return summary.points.map((point) => point.text.replace(/\s+/g, ' ').trim()).join('\n');
}

function setScores(scores: readonly DucRouge[]): DucSetScores {
  return { n: scores.length, ...meanDucRouge(scores) };
}

export async function evalMultiDoc(dataDir: string): Promise<MultiDocScores> {
  const dir = join(dataDir, 'multi-doc');
  const scorer = new DucRougeScorer(await readWordnetExceptions(join(dir, 'rouge-wordnet-exceptions.tsv')));
  const result: MultiDocScores = {};

  const duc2003 = join(dir, 'duc2003.dev.jsonl');
  if (existsSync(duc2003)) {
    const rows = await readJsonLines<Duc2003Row>(duc2003);
    result.duc2003 = setScores(rows.map((row) => scorer.score(summaryOf(row.id, row.articles), row.references)));
  }

  const duc2007 = join(dir, 'duc2007-update.dev.jsonl');
  if (existsSync(duc2007)) {
    const rows = await readJsonLines<Duc2007Row>(duc2007);
    const byBatch = new Map<string, DucRouge[]>();
    const bySystem = new Map<string, DucRouge[]>();
    for (const row of rows) {
      for (const batch of row.batches) {
        const read = row.batches.filter((other) => batch.assume_read.includes(other.name));
        const since = read.length ? firstDay(batch.articles) : undefined;
        const text = summaryOf(row.id, [...read.flatMap((other) => other.articles), ...batch.articles], since);
        push(byBatch, batch.name, scorer.score(text, batch.references));
        for (const [system, output] of Object.entries(batch.systems ?? {})) {
          push(bySystem, system, scorer.score(output, batch.references));
        }
      }
    }
    const scores: Record<string, DucSetScores> = {};
    for (const [name, batchScores] of [...byBatch].sort()) scores[name] = setScores(batchScores);
    const updates = [...byBatch].filter(([name]) => name !== 'A').flatMap(([, s]) => s);
    scores['B+C'] = setScores(updates);
    scores['A+B+C'] = setScores([...byBatch.values()].flat());
    result.duc2007 = scores;
    const best = [...bySystem]
      .map(([system, s]) => ({ system, ...setScores(s) }))
      .sort((a, b) => b.rouge2 - a.rouge2)[0];
    if (best) result.scorerCheck = best;
  }
  return result;
}

function firstDay(articles: readonly DucArticle[]): string {
  return articles.map((article) => article.date).sort()[0]!;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const score3 = (s: DucRouge) =>
  `${s.rouge1.toFixed(3)} / ${s.rouge2.toFixed(3)} / ${s.rougeSU4.toFixed(3)}`.replace(/0\./g, '.');

/** The table rows `npm run eval` prints for this part. */
export function multiDocRows(scores: MultiDocScores): string[] {
  const rows: string[] = [];
  const row = (name: string, s: DucSetScores, anchor: string) =>
    `${name.padEnd(34)} ${String(s.n).padStart(4)}  R1/R2/SU4 recall ${score3(s)}   | ${anchor}`;
  if (scores.duc2003) rows.push(row('multi-doc/duc2003', scores.duc2003, `LexRank ${score3(DUC_ANCHORS.lexRank2003)}`));
  for (const [name, s] of Object.entries(scores.duc2007 ?? {})) {
    rows.push(
      row(
        `multi-doc/duc2007-update ${name}`,
        s,
        `CLASSY04 ${score3(DUC_ANCHORS.classy04)}  best ${score3(DUC_ANCHORS.bestParticipant2007)} (A+B+C)`,
      ),
    );
  }
  if (scores.scorerCheck) {
    const { system, ...s } = scores.scorerCheck;
    rows.push(row(`multi-doc scorer check: system ${system}`, s, `README ${score3(DUC_ANCHORS.bestParticipant2007)}`));
  }
  return rows;
}

if (isScript(import.meta.url)) {
  const dataDir = dataDirArgument('npx tsx eval/multi-doc.ts DIR');
  process.stdout.write(`${multiDocRows(await evalMultiDoc(dataDir)).join('\n')}\n`);
}
