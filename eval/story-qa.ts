/**
 * `story-qa/`: news-quiz questions (RealTimeQA), each asked with /ask (no model) of ALL the
 * articles a search returned for it that week, not only the one holding the answer. Scored on the
 * share whose first answer sentence holds a gold answer, the share with one in the reply's first
 * three sentences, and how often the question is refused (every row has an answer-bearing article).
 * Runnable alone: `npx tsx eval/story-qa.ts DIR [--verbose]`.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildArticle, sentencesOfText } from '../src/articles/article.js';
import { FoldedShare, firstAnswerSentence } from './answer-scoring.js';
import { readJsonLines } from './json-lines.js';
import { containsAnswer } from './qa.js';
import { dataDirArgument, isScript } from './script.js';
import { openStoryDesk, replyLines } from './story-set.js';
import type { StoryMultiScores } from './types.js';

/** One row of `story-qa/realtimeqa-multi.*.jsonl`. */
export interface MultiRow {
  id: string;
  question: string;
  answers: string[];
  question_date: string;
  articles: { id: string; title: string | null; date: string | null; text: string; has_answer?: boolean }[];
}

/** The row's question asked with /ask of all its articles, as a user would on its day. */
export async function askStoryQaRow(row: MultiRow) {
  const articles = row.articles.map((a) => buildArticle(a.text, { title: a.title, date: a.date }, a.id));
  const desk = openStoryDesk(articles);
  const reply = await desk.run('ask', { question: row.question }, new Date(`${row.question_date}T18:00:00Z`));
  return { desk, reply };
}

const TOP = 3;

export async function scoreStoryQaFile(file: string, verbose = false): Promise<StoryMultiScores> {
  const rows = await readJsonLines<MultiRow>(file);
  const first = new FoldedShare();
  const top = new FoldedShare();
  const refused = new FoldedShare();
  for (const row of rows) {
    const { desk, reply } = await askStoryQaRow(row);
    try {
      const sentence = firstAnswerSentence(reply);
      const read = replyLines(reply)
        .flatMap((line) => sentencesOfText(line).map((s) => s.text))
        .slice(0, TOP);
      first.add(row.id, containsAnswer(sentence, row.answers));
      top.add(
        row.id,
        read.some((text) => containsAnswer(text, row.answers)),
      );
      refused.add(row.id, reply.tone === 'not_found');
      if (verbose) {
        const mark = containsAnswer(sentence, row.answers) ? 'ok ' : 'NO ';
        process.stdout.write(`${mark} ${row.id}: ${row.question} [${row.answers.join(' | ')}]\n    ${sentence}\n`);
      }
    } finally {
      desk.close();
    }
  }
  return { n: first.n, firstSentence: first.shares(), topThree: top.shares(), refused: refused.shares() };
}

/** Scores every `DIR/story-qa/*.jsonl`, keyed by file name. */
export async function evalStoryQa(dataDir: string, verbose = false): Promise<Record<string, StoryMultiScores>> {
  const folder = join(dataDir, 'story-qa');
  const files = (await readdir(folder)).filter((name) => name.endsWith('.jsonl')).sort();
  const scores: Record<string, StoryMultiScores> = {};
  for (const name of files) scores[name] = await scoreStoryQaFile(join(folder, name), verbose);
  return scores;
}

if (isScript(import.meta.url)) {
  const dir = dataDirArgument('npx tsx eval/story-qa.ts DIR [--verbose]', 'story-qa');
  const scores = await evalStoryQa(resolve(dir), process.argv.includes('--verbose'));
  process.stdout.write(`${JSON.stringify(scores, null, 2)}\n`);
}
