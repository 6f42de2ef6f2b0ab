/**
 * `npm run eval -- --data DIR [--json FILE] [--llm]`: quality of Newsdesk's extractive core on real
 * news data, as one table (and JSON, so runs can be compared by machine). Each part reads its own
 * sub-folder of DIR; a missing folder is reported and skipped. With --llm, the QA and summary sets
 * also go through the configured model (see eval/llm.ts); without a model that part is skipped.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type LlmEvalResult, type LlmQaScores, type LlmSummaryScores, runLlmEval } from './llm.js';
import { evalMultiDoc, type MultiDocScores, multiDocRows } from './multi-doc.js';
import { evalQa } from './qa.js';
import { evalQuotes } from './quotes.js';
import { evalStoryAnswers } from './story-answers.js';
import { evalStoryQa } from './story-qa.js';
import { evalStoryQuotes } from './story-quotes.js';
import { evalStorySummary, type StorySummaryScores, storySummaryRows } from './story-summary.js';
import { evalSummaries, evalTimeline } from './summaries.js';
import type { EvalReport, FoldShares, QaScores, QuoteScores, StoryQaScores, SummaryScores } from './types.js';

const { values } = parseArgs({
  options: { data: { type: 'string' }, json: { type: 'string' }, llm: { type: 'boolean', default: false } },
  allowPositionals: false,
});

if (!values.data) {
  process.stderr.write('usage: npm run eval -- --data DIR [--json FILE] [--llm]\n');
  process.exit(2);
}
const dataDir = resolve(values.data);
/** `llm` is present only with --llm: the scores by set and file, or why the part was skipped. */
const report: EvalReport & { llm?: LlmEvalResult; multiDoc?: MultiDocScores; storySummary?: StorySummaryScores } = {
  summaries: {},
  timeline: {},
  quotes: {},
  train: {},
  qa: {},
};

async function part<T>(folder: string, run: (dir: string) => Promise<T>, empty: T): Promise<T> {
  if (!existsSync(join(dataDir, folder))) {
    process.stdout.write(`skipped ${folder}: ${join(dataDir, folder)} does not exist\n`);
    return empty;
  }
  const started = performance.now();
  const result = await run(dataDir);
  process.stderr.write(`${folder} evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

report.summaries = await part('summaries', evalSummaries, {});
report.timeline = await part('timeline', evalTimeline, {});
report.quotes = await part('quotes', evalQuotes, {});
report.train = await part('train', (dir) => evalQuotes(dir, 'train'), {});
const story = await part('story', evalStoryQuotes, null);
if (story) report.story = { quotes: story.quotes, people: story.people };
report.qa = await part('qa', evalQa, {});
const storyQa = await part<StoryQaScores | null>('story', evalStoryAnswers, null);
if (storyQa) report.story = { ...report.story, qa: storyQa };
report.storyQa = await part('story-qa', evalStoryQa, {});
report.multiDoc = await part('multi-doc', evalMultiDoc, {});
report.storySummary = await part('story', evalStorySummary, {});
if (values.llm) {
  const started = performance.now();
  const result = await runLlmEval(dataDir);
  if ('skipped' in result) process.stdout.write(`llm ${result.skipped}\n`);
  else process.stderr.write(`llm evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  report.llm = result;
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const rows: string[] = [];
const rougeRow = (set: string, s: SummaryScores) =>
  `${set.padEnd(34)} ${String(s.n).padStart(4)}  R1 ${pct(s.rouge1)}  R2 ${pct(s.rouge2)}  RLsum ${pct(s.rougeLsum)}` +
  `   | Lead-3 R1 ${pct(s.lead3.rouge1)}  R2 ${pct(s.lead3.rouge2)}  RLsum ${pct(s.lead3.rougeLsum)}`;
const quoteRow = (set: string, s: QuoteScores) =>
  `${set.padEnd(34)} ${String(s.n).padStart(4)}  P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}` +
  `  speaker accuracy ${pct(s.speakerAccuracy)}${s.speakerNamed === undefined ? '' : `  named ${pct(s.speakerNamed)}`}`;
const qaRow = (set: string, s: QaScores) =>
  `${set.padEnd(34)} ${String(s.n).padStart(4)}  answer in top sentence ${pct(s.answerInTopSentence)}` +
  `  (grounded rows ${pct(s.answerInTopSentenceGrounded)})  refusal on unrelated ${pct(s.refusalOnUnrelated)}`;

for (const [file, s] of Object.entries(report.summaries)) rows.push(rougeRow(`summaries/${file}`, s));
for (const [file, s] of Object.entries(report.timeline)) rows.push(rougeRow(`timeline/${file}`, s));
for (const [file, s] of Object.entries(report.quotes)) rows.push(quoteRow(`quotes/${file}`, s));
for (const [file, s] of Object.entries(report.train)) rows.push(quoteRow(`train/${file}`, s));
if (report.story) {
  const { quotes: q, people: p } = report.story;
  if (q) rows.push(`${quoteRow('story/quotes.jsonl', q)} (${q.speakersRight} right)`);
  if (p)
    rows.push(
      `${'story/entities.jsonl'.padEnd(34)} ${String(p.n).padStart(4)}  P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}` +
        `  several spellings once ${pct(p.severalSpellingsOnce)} (people ${pct(p.peopleSeveralSpellingsOnce)})  split ${pct(p.splitRate)}  over-merged ${pct(p.overMergeRate)}` +
        `  types right ${pct(p.typeAccuracy)}  non-people as people ${p.nonPeopleAsPeople}`,
    );
}
for (const [file, s] of Object.entries(report.qa)) rows.push(qaRow(`qa/${file}`, s));
/** A share with its two folds (see eval/answer-scoring.ts), so a change that helps one fold only shows. */
const folded = (s: FoldShares) => `${pct(s.all)} (folds ${pct(s.a)} /${pct(s.b)})`;
if (report.story?.qa) {
  const s = report.story.qa;
  rows.push(`${'story/qa.jsonl'.padEnd(34)} ${String(s.n).padStart(4)}  first answer sentence right ${folded(s.all)}`);
  for (const [kind, k] of Object.entries(s.kinds)) {
    rows.push(`${`  ${kind}`.padEnd(34)} ${String(k.n).padStart(4)}  ${folded(k)}`);
  }
  rows.push(`${'  multi_article repeats superseded'.padEnd(34)}       ${pct(s.supersededRepeated)}`);
}
for (const [file, s] of Object.entries(report.storyQa ?? {})) {
  rows.push(
    `${`story-qa/${file}`.padEnd(34)} ${String(s.n).padStart(4)}  first sentence ${folded(s.firstSentence)}` +
      `  top three ${folded(s.topThree)}  refused ${pct(s.refused.all)}`,
  );
}
rows.push(...multiDocRows(report.multiDoc), ...storySummaryRows(report.storySummary));
const counts = (s: LlmQaScores | LlmSummaryScores) =>
  `citations removed ${s.citationsRemoved}  quotes corrected ${s.quotesCorrected} removed ${s.quotesRemoved}` +
  `  sentences dropped ${s.sentencesDropped}  fallbacks ${
    Object.entries(s.fallbacks)
      .map(([reason, n]) => `${reason} ${n}`)
      .join(', ') || 'none'
  }`;
const llmRow = (set: string, s: LlmQaScores) =>
  `${set.padEnd(34)} ${String(s.n).padStart(4)}  answer in top sentence ${pct(s.answerInTopSentence)}` +
  `  refusal on unrelated ${pct(s.refusalOnUnrelated)}\n${' '.repeat(40)}${counts(s)}`;
if (report.llm && !('skipped' in report.llm)) {
  for (const [file, s] of Object.entries(report.llm.summaries)) {
    rows.push(`${rougeRow(`llm ${s.model} summaries/${file}`, s)}\n${' '.repeat(40)}${counts(s)}`);
  }
  for (const [file, s] of Object.entries(report.llm.qa)) rows.push(llmRow(`llm ${s.model} qa/${file}`, s));
}

process.stdout.write(`\nNewsdesk eval on ${dataDir} (scores in %, n = rows scored)\n\n${rows.join('\n')}\n`);

if (values.json) {
  await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nwrote ${values.json}\n`);
}
