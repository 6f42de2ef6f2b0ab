/**
 * The answer sets side by side, each in its two folds (see eval/answer-scoring.ts): what a ranking
 * change is judged on. A change is kept only when it helps both folds of story/, story-qa/ and qa/.
 * `npx tsx eval/answer-folds.ts DIR`
 */
import { join, resolve } from 'node:path';
import { answerQuestion } from '../src/answers/answer-question.js';
import { FoldedShare } from './answer-scoring.js';
import { containsAnswer, GROUNDED_OVERLAP, openRowCorpus, readQaRows, unrelatedRow } from './qa.js';
import { evalStoryAnswers } from './story-answers.js';
import { evalStoryQa } from './story-qa.js';
import type { FoldShares } from './types.js';

const dir = resolve(process.argv[2] ?? '../shared/eval');
const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
const folded = (s: FoldShares) => `${pct(s.all)} (${pct(s.a)} /${pct(s.b)})`;

const rows = await readQaRows(join(dir, 'qa', 'realtimeqa.dev.jsonl'));
const desks = rows.map(openRowCorpus);
const grounded = new FoldedShare();
const all = new FoldedShare();
const refused = new FoldedShare();
rows.forEach((row, i) => {
  row.qa.forEach((item, k) => {
    const id = `${row.id}#${k}`;
    const hit = containsAnswer(answerQuestion(item.question, desks[i]!).evidence[0]?.text, item.answers);
    all.add(id, hit);
    if ((item.evidence_word_overlap ?? 0) >= GROUNDED_OVERLAP) grounded.add(id, hit);
    const j = unrelatedRow(rows, i, item.answers);
    if (j !== null) refused.add(id, answerQuestion(item.question, desks[j]!).status === 'not_found');
  });
});
for (const desk of desks) desk.index.close();
process.stdout.write(
  `qa/        grounded ${folded(grounded.shares())}  all ${folded(all.shares())}  refusal ${folded(refused.shares())}\n`,
);
for (const [, s] of Object.entries(await evalStoryQa(dir))) {
  process.stdout.write(
    `story-qa/  first ${folded(s.firstSentence)}  top3 ${folded(s.topThree)}  refused ${folded(s.refused)}\n`,
  );
}
const story = await evalStoryAnswers(dir);
process.stdout.write(`story/     all ${folded(story.all)}  superseded repeated ${pct(story.supersededRepeated)}\n`);
for (const [kind, k] of Object.entries(story.kinds))
  process.stdout.write(`  ${kind.padEnd(14)} ${k.n}  ${folded(k)}\n`);
