/**
 * `story-qa/` misses, for finding what ranking gets wrong: each row whose first answer sentence
 * lacks a gold answer, with the question, its kind, the first sentence, and the rank (among the
 * re-ranked, usable candidates) of the best sentence holding a gold answer, with both signal sets.
 * `npx tsx eval/story-qa-misses.ts DIR [--all]`
 */
import { join, resolve } from 'node:path';
import { readQuestion, scoreSentences } from '../src/answers/score-sentences.js';
import { firstAnswerSentence } from './answer-scoring.js';
import { readJsonLines } from './json-lines.js';
import { containsAnswer } from './qa.js';
import { askStoryQaRow, type MultiRow } from './story-qa.js';

const dir = resolve(process.argv[2] ?? '../shared/eval');
const all = process.argv.includes('--all');
const rows = await readJsonLines<MultiRow>(join(dir, 'story-qa', 'realtimeqa-multi.dev.jsonl'));
const fmt = (o: object) =>
  Object.entries(o)
    .filter(([, v]) => typeof v === 'number' && v !== 0)
    .map(([k, v]) => `${k}=${(v as number).toFixed(2)}`)
    .join(' ');
for (const row of rows) {
  const { desk, reply } = await askStoryQaRow(row);
  try {
    const first = firstAnswerSentence(reply);
    const ok = containsAnswer(first, row.answers);
    if (ok && !all) continue;
    const read = readQuestion(row.question);
    const hits = desk.index.search(row.question, { limit: 40 });
    const ranked = scoreSentences(read, hits, (id) => desk.index.wordsOf(id));
    const gold = ranked.findIndex((s) => containsAnswer(s.hit.text, row.answers));
    const inHits = hits.some((h) => containsAnswer(h.text, row.answers));
    const date = (id: string) => desk.corpus.get(id)?.date ?? '?';
    const out = [
      `${ok ? 'ok' : 'NO'} ${row.id} kind=${read.kind} arts=${row.articles.length} gold=[${row.answers.join(' | ')}] goldRank=${gold} inHits=${inHits} tone=${reply.tone}`,
      `  Q: ${row.question}`,
      `  A: ${first.slice(0, 300)}`,
    ];
    const top = ranked[0];
    if (top)
      out.push(
        `  r0 ${date(top.hit.articleId)} s${top.hit.sentence} ${top.score.toFixed(2)} pred=${top.predicate.toFixed(2)} ${fmt(top.signals)}: ${top.hit.text.slice(0, 200)}`,
      );
    if (gold > 0) {
      const g = ranked[gold]!;
      out.push(
        `  g${gold} ${date(g.hit.articleId)} s${g.hit.sentence} ${g.score.toFixed(2)} pred=${g.predicate.toFixed(2)} cov=${g.coverage.toFixed(2)} key=${g.keyCoverage.toFixed(2)} ${fmt(g.signals)}: ${g.hit.text.slice(0, 300)}`,
      );
    }
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    desk.close();
  }
}
