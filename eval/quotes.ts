import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildArticle } from '../src/articles/article.js';
import { SPEAKER_PRONOUNS } from '../src/articles/attribution-cues.js';
import { extractEntities } from '../src/articles/people.js';
import { extractQuotes, type Quote } from '../src/articles/quotes.js';
import type { TextSpan } from '../src/articles/types.js';
import { f1 } from './f1.js';
import { readJsonLines } from './json-lines.js';
import { isScript } from './script.js';
import type { QuoteScores } from './types.js';

/**
 * Quote evaluation on PolNeAR-style rows (DIR/quotes/*.jsonl).
 *
 * Units. Gold: every `quoted_segments` string of every gold quote, located in the text (inside the
 * quote's `content_spans` when it occurs there, else its first unused occurrence); identical spans
 * annotated twice count once. Predicted: every quote `extractQuotes` returns.
 *
 * Matching. Pairs are scored by the F1 of their character overlap, 2·|P∩G| / (|P| + |G|), and
 * matched one-to-one greedily, best first; a pair with overlap F1 ≥ 0.5 is a match. Precision is
 * matches / predicted, recall matches / gold.
 *
 * Speaker accuracy, over matched pairs: right when the predicted speaker's name or mention matches
 * the gold `speaker` (surface mention) or `speaker_coref` (resolved name). Names are compared
 * case-insensitively without possessives, punctuation, a leading "the" or titles ("Mr.", "Sen.",
 * "President"); they match when equal or when every word of one is in the other ("Leavitt" and
 * "Karoline Leavitt"). A gold quote with no speaker at all is right only when none is predicted.
 * `speakerNamed` is stricter and closer to what a reader sees: only the resolved name counts, so
 * a "he" left unresolved is not right because the gold mention is also "he".
 */

const MATCH_THRESHOLD = 0.5;

interface GoldQuote {
  quote: string;
  speaker: string | null;
  speaker_coref: string | null;
  quoted_segments: string[];
  content_spans: Array<[number, number]>;
}

interface Row {
  id: string;
  title: string;
  date?: string;
  publisher?: string;
  text: string;
  quotes: GoldQuote[];
}

interface GoldUnit extends TextSpan {
  speakers: string[];
}

export interface QuoteMatch {
  gold: GoldUnit;
  predicted: Quote;
  speakerRight: boolean;
  /** Right by the speaker's resolved name alone, not its mention: "he" only counts when resolved. */
  speakerNamed: boolean;
}

export interface RowResult {
  row: Row;
  golds: GoldUnit[];
  predicted: Quote[];
  matches: QuoteMatch[];
}

// biome-ignore format: a word list reads better packed
const TITLES = new Set([
  'the', 'mr', 'mrs', 'ms', 'dr', 'sen', 'senator', 'rep', 'gov', 'governor', 'president', 'former',
  'democrat', 'republican', 'gen', 'lt', 'rev', 'secretary', 'speaker', 'mayor', 'chairman', 'spokeswoman',
  'spokesman', 'vice', 'first', 'lady', 'candidate', 'nominee', 'democratic',
]);

function nameWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word && !TITLES.has(word));
}

/** Documented above: equal, or every word of one name is in the other. */
export function speakerNamesMatch(predicted: string, gold: string): boolean {
  const p = nameWords(predicted);
  const g = nameWords(gold);
  if (!p.length || !g.length) return predicted.trim().toLowerCase() === gold.trim().toLowerCase();
  return p.every((word) => g.includes(word)) || g.every((word) => p.includes(word));
}

function isSpeakerRight(predicted: Quote, gold: GoldUnit): boolean {
  if (!gold.speakers.length) return predicted.speaker === null;
  const names = [predicted.speaker?.name, predicted.speaker?.mention?.text].filter((name): name is string => !!name);
  return names.some((name) => gold.speakers.some((speaker) => speakerNamesMatch(name, speaker)));
}

/** Like `isSpeakerRight`, but a pronoun left unresolved ("he") never matches a gold "he". */
function isSpeakerNamed(predicted: Quote, gold: GoldUnit): boolean {
  if (!gold.speakers.length) return predicted.speaker === null;
  const name = predicted.speaker?.name;
  return (
    !!name &&
    !SPEAKER_PRONOUNS.has(name.toLowerCase()) &&
    gold.speakers.some((speaker) => speakerNamesMatch(name, speaker))
  );
}

function locateGold(row: Row): GoldUnit[] {
  const units: GoldUnit[] = [];
  const seen = new Set<string>();
  for (const quote of row.quotes) {
    const speakers = [quote.speaker, quote.speaker_coref].filter((name): name is string => !!name);
    const [from = 0] = quote.content_spans[0] ?? [];
    for (const segment of quote.quoted_segments) {
      const trimmed = segment.trim();
      if (!trimmed) continue;
      let start = row.text.indexOf(trimmed, Math.max(0, from - 2));
      if (start < 0) start = row.text.indexOf(trimmed);
      if (start < 0) continue;
      const key = `${start}:${trimmed.length}`;
      if (seen.has(key)) continue;
      seen.add(key);
      units.push({ start, end: start + trimmed.length, speakers });
    }
  }
  return units;
}

function overlapF1(a: TextSpan, b: TextSpan): number {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return overlap <= 0 ? 0 : (2 * overlap) / (a.end - a.start + (b.end - b.start));
}

function matchQuotes(golds: readonly GoldUnit[], predicted: readonly Quote[]): QuoteMatch[] {
  const pairs: Array<{ g: number; p: number; score: number }> = [];
  for (const [g, gold] of golds.entries()) {
    for (const [p, quote] of predicted.entries()) {
      const score = overlapF1(gold, quote);
      if (score >= MATCH_THRESHOLD) pairs.push({ g, p, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score);
  const usedGold = new Set<number>();
  const usedPredicted = new Set<number>();
  const matches: QuoteMatch[] = [];
  for (const { g, p } of pairs) {
    if (usedGold.has(g) || usedPredicted.has(p)) continue;
    usedGold.add(g);
    usedPredicted.add(p);
    matches.push({
      gold: golds[g]!,
      predicted: predicted[p]!,
      speakerRight: isSpeakerRight(predicted[p]!, golds[g]!),
      speakerNamed: isSpeakerNamed(predicted[p]!, golds[g]!),
    });
  }
  return matches;
}

/** Runs Newsdesk's quote extraction on one row and matches it against the gold quotes. */
export function evaluateRow(row: Row): RowResult {
  const article = buildArticle(
    row.text,
    { title: row.title, date: row.date ?? null, source: row.publisher ?? null },
    row.id,
  );
  const predicted = extractQuotes(article, extractEntities(article));
  const golds = locateGold(row);
  return { row, golds, predicted, matches: matchQuotes(golds, predicted) };
}

export function scoreResults(results: readonly RowResult[]): QuoteScores {
  let gold = 0;
  let predicted = 0;
  let matched = 0;
  let speakers = 0;
  let named = 0;
  for (const result of results) {
    gold += result.golds.length;
    predicted += result.predicted.length;
    matched += result.matches.length;
    speakers += result.matches.filter((match) => match.speakerRight).length;
    named += result.matches.filter((match) => match.speakerNamed).length;
  }
  const precision = predicted ? matched / predicted : 0;
  const recall = gold ? matched / gold : 0;
  return {
    n: gold,
    precision,
    recall,
    f1: f1(precision, recall),
    speakerAccuracy: matched ? speakers / matched : 0,
    speakerNamed: matched ? named / matched : 0,
  };
}

/** Scores every `DIR/<part>/*.jsonl` file (`quotes/`, or `train/`), keyed by file name. */
export async function evalQuotes(dataDir: string, part = 'quotes'): Promise<Record<string, QuoteScores>> {
  const folder = join(dataDir, part);
  const files = (await readdir(folder)).filter((file) => file.endsWith('.jsonl')).sort();
  const scores: Record<string, QuoteScores> = {};
  for (const file of files) {
    const rows = await readJsonLines<Row>(join(folder, file));
    scores[file] = scoreResults(rows.map(evaluateRow));
  }
  return scores;
}

if (isScript(import.meta.url)) {
  const dataDir = process.argv[2] ?? '../shared/eval';
  console.log(JSON.stringify(await evalQuotes(dataDir, process.argv[3]), null, 2));
}
