import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LlmQaScores, LlmSummaryScores } from '../../eval/llm.js';
import { REFUSAL_PHRASE } from '../../src/llm/prompt.js';
import { FakeOpenAi, type RecordedRequest } from '../llm/fake-openai.js';
import { promptSentences } from '../llm/summary-fixtures.js';
import { runScript } from '../support/run-script.js';

// `npm run eval -- --data DIR --llm` as a person runs it, against the local OpenAI-compatible
// server, on a two-row QA file and a one-row summary file written for this test.

const ROWS = [
  {
    id: 'bridge',
    title: 'Harbour bridge reopens after repairs',
    date: '2025-03-01',
    text:
      'The harbour bridge reopened to traffic on Saturday after six weeks of repairs to its deck. ' +
      'Engineers said the repaired deck should last another forty years.',
    qa: [{ question: 'When did the harbour bridge reopen to traffic?', answers: ['Saturday'] }],
  },
  {
    id: 'library',
    title: 'New library opens in the old mill',
    date: '2025-03-02',
    text:
      'The new town library in the old mill holds 40,000 books on three floors. ' +
      'Readers queued outside the mill before the doors opened.',
    qa: [{ question: 'How many books does the new town library hold?', answers: ['40,000'] }],
  },
];

const SUMMARY_ROWS = [
  {
    text:
      'The harbour bridge reopened to traffic on Saturday after six weeks of repairs. ' +
      'Engineers said the repaired deck should last another forty years. ' +
      'The mayor thanked residents for their patience during the closure. ' +
      'Tolls will rise by a quarter from April to pay for the work.',
    reference_summary:
      'The harbour bridge reopened on Saturday after six weeks of repairs. Tolls will rise from April.',
  },
];

let fake: FakeOpenAi;
let dataDir: string;

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  dataDir = await mkdtemp(join(tmpdir(), 'newsdesk-eval-llm-'));
  await mkdir(join(dataDir, 'qa'));
  await writeFile(join(dataDir, 'qa', 'tiny.jsonl'), `${ROWS.map((row) => JSON.stringify(row)).join('\n')}\n`);
  await mkdir(join(dataDir, 'summaries'));
  await writeFile(
    join(dataDir, 'summaries', 'tiny.jsonl'),
    `${SUMMARY_ROWS.map((row) => JSON.stringify(row)).join('\n')}\n`,
  );
});

afterAll(async () => {
  await fake?.close();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(() => fake.reset());

function runEval(args: string[], env: Record<string, string>) {
  return runScript('eval/main.ts', ['--data', dataDir, ...args], env);
}

/**
 * A model that answers from the passage holding the answer (citing it, and a passage that does not
 * exist), and refuses when no passage holds one.
 */
function model(request: RecordedRequest) {
  if (promptSentences(request).length) return summarisingModel(request);
  const prompt = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
  for (const match of prompt.matchAll(/<passage n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)) {
    const text = match[2]!.trim();
    if (ROWS.some((row) => row.qa.some((item) => prompt.includes(item.question) && text.includes(item.answers[0]!))))
      return { content: `${text} [${match[1]}][9]` };
  }
  return { content: REFUSAL_PHRASE };
}

/** Summaries: the first and last sentences, cited, plus a claim the article does not make. */
function summarisingModel(request: RecordedRequest) {
  const sentences = promptSentences(request);
  const [first, last] = [sentences[0]!, sentences.at(-1)!];
  return {
    content: `${first.text.replace(/[.]$/, '')} [${first.n}]. ${last.text.replace(/[.]$/, '')} [${last.n}]. The bridge was painted red [${first.n}].`,
  };
}

describe('npm run eval -- --llm', () => {
  it('scores the QA rows through the model and counts what verification changed', async () => {
    fake.reply(model, model, model, model, model);
    const json = join(dataDir, 'report.json');
    const { code, stdout, stderr } = await runEval(['--llm', '--json', json], {
      OPENAI_API_KEY: 'sk-test-secret',
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_MODEL: 'test-model',
      LLM_TIMEOUT_MS: '2000',
    });
    expect(code, stderr).toBe(0);
    expect(fake.unexpected).toEqual([]);
    expect(stdout).toContain('llm test-model qa/tiny.jsonl');
    expect(stdout).toMatch(/answer in top sentence 100\.0/);
    expect(stdout).toMatch(/llm test-model summaries\/tiny\.jsonl +1 {2}R1 +\d+\.\d/);
    expect(stderr).not.toContain('sk-test-secret');

    const report = JSON.parse(await readFile(json, 'utf8')) as {
      llm: { qa: Record<string, LlmQaScores>; summaries: Record<string, LlmSummaryScores> };
      qa: unknown;
    };
    const scores = report.llm.qa['tiny.jsonl']!;
    expect(scores).toMatchObject({ model: 'test-model', n: 2, answerInTopSentence: 1, refusalOnUnrelated: 1 });
    // Each answer cited passage [9], which the model was never shown.
    expect(scores.citationsRemoved).toBe(2);
    // Both unrelated questions end in "not in the articles", whether the model refused or was never asked.
    expect((scores.fallbacks.refused ?? 0) + (scores.fallbacks.unverified ?? 0)).toBe(2);
    expect(report.qa).toHaveProperty(['tiny.jsonl']);
    const summaries = report.llm.summaries['tiny.jsonl']!;
    expect(summaries).toMatchObject({ model: 'test-model', n: 1, sentencesDropped: 1, fallbacks: {} });
    // The two sentences kept are the reference's two facts, in the articles' words.
    expect(summaries.rouge1).toBeGreaterThan(summaries.lead3.rouge1);
  }, 60_000);

  it('says it was skipped, and succeeds, when no model is configured', async () => {
    const { code, stdout } = await runEval(['--llm'], {});
    expect(code).toBe(0);
    expect(stdout).toContain('skipped: no model configured (set OPENAI_API_KEY)');
    expect(fake.requests).toEqual([]);
  }, 60_000);
});
