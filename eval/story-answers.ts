/**
 * `story/` answers: each question of `DIR/story/qa.jsonl` asked as a user asks it (/ask, no model)
 * of the articles dated up to its `as_of` day, scored on the first sentence of the reply by kind
 * (see `story/README.md`): look-ups and `latest` hold a gold answer; `multi_article` holds the
 * newer fact (and how often it repeats the superseded one is counted); `unanswerable` is a refusal
 * that names nothing the question does not; `false_premise` opens with the correcting fact.
 * Runnable alone: `npx tsx eval/story-answers.ts DIR [--verbose]`.
 */
import { join, resolve } from 'node:path';
import { tokenizeWords } from '../src/text/tokens.js';
import { FoldedShare, firstAnswerSentence, REFUSAL } from './answer-scoring.js';
import { readJsonLines } from './json-lines.js';
import { dataDirArgument, isScript } from './script.js';
import { articlesOf, loadStoryArticles, normaliseStoryText, openStoryDesk } from './story-set.js';
import type { StoryQaScores } from './types.js';

interface StoryQuestion {
  id: string;
  question: string;
  as_of: string;
  kind: string;
  answers: string[];
  superseded_evidence?: { file: string; sentence: string } | null;
  corpus: string[];
}

/** The kinds scored by "a gold answer in the first sentence". */
const LOOKUPS = new Set(['factual', 'who', 'where', 'when', 'numeric']);
/** A superseded sentence counts as repeated when this share of its content words is in the answer. */
const REPEATED_SHARE = 0.6;

const holdsAnswer = (sentence: string, answers: readonly string[]) => {
  const text = normaliseStoryText(sentence, true).toLowerCase();
  return answers.some((answer) => text.includes(normaliseStoryText(answer, true).toLowerCase()));
};

/** Names and numbers of the sentence (past its first word) that the question does not hold. */
function specificsBeyond(sentence: string, question: string): string[] {
  const asked = new Set(tokenizeWords(question).map((token) => token.stem));
  return tokenizeWords(sentence)
    .slice(1)
    .filter((token) => /^[\p{Lu}\d]/u.test(token.raw) && !asked.has(token.stem))
    .map((token) => token.raw);
}

function repeats(sentence: string, superseded: string): boolean {
  const words = new Set(tokenizeWords(sentence).map((token) => token.stem));
  const old = [...new Set(tokenizeWords(superseded).map((token) => token.stem))].filter((stem) => stem.length > 3);
  return old.length > 0 && old.filter((stem) => words.has(stem)).length / old.length >= REPEATED_SHARE;
}

export async function evalStoryAnswers(dataDir: string, verbose = false): Promise<StoryQaScores> {
  const story = await loadStoryArticles(dataDir);
  const rows = await readJsonLines<StoryQuestion>(join(dataDir, 'story', 'qa.jsonl'));
  const byKind = new Map<string, FoldedShare>();
  const all = new FoldedShare();
  const supersededRepeated = new FoldedShare();
  for (const row of rows) {
    const desk = openStoryDesk(articlesOf(story, row.corpus));
    let first: string;
    try {
      const reply = await desk.run('ask', { question: row.question }, new Date(`${row.as_of}T18:00:00Z`));
      first = firstAnswerSentence(reply);
    } finally {
      desk.close();
    }
    const right =
      row.kind === 'unanswerable'
        ? REFUSAL.test(normaliseStoryText(first)) && specificsBeyond(first, row.question).length === 0
        : holdsAnswer(first, row.answers);
    const group = LOOKUPS.has(row.kind) ? 'lookup' : row.kind;
    if (!byKind.has(group)) byKind.set(group, new FoldedShare());
    byKind.get(group)!.add(row.id, right);
    all.add(row.id, right);
    if (row.kind === 'multi_article' && row.superseded_evidence) {
      supersededRepeated.add(row.id, repeats(first, row.superseded_evidence.sentence));
    }
    if (verbose)
      process.stdout.write(`${right ? 'ok ' : 'NO '} ${row.id} ${row.kind}: ${row.question}\n    ${first}\n`);
  }
  const kinds: StoryQaScores['kinds'] = {};
  for (const [kind, share] of byKind) kinds[kind] = { n: share.n, ...share.shares() };
  return { n: all.n, all: all.shares(), kinds, supersededRepeated: supersededRepeated.shares().all };
}

if (isScript(import.meta.url)) {
  const dir = dataDirArgument('npx tsx eval/story-answers.ts DIR [--verbose]', 'story');
  const scores = await evalStoryAnswers(resolve(dir), process.argv.includes('--verbose'));
  process.stdout.write(`${JSON.stringify(scores, null, 2)}\n`);
}
