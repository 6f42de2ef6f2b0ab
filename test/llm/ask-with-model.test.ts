import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runScript } from '../support/run-script.js';
import { FakeOpenAi, type RecordedRequest } from './fake-openai.js';

// /ask as a user runs it (`npm start -- "/ask …"`), with OPENAI_BASE_URL pointing at a local
// OpenAI-compatible server: the real openai client, the real composition root.

let fake: FakeOpenAi;
let dataDir: string;

beforeAll(async () => {
  fake = await FakeOpenAi.start();
  dataDir = await mkdtemp(join(tmpdir(), 'newsdesk-llm-'));
});

afterAll(async () => {
  await fake?.close();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(() => fake.reset());

function ask(question: string, baseURL = fake.baseURL) {
  return runScript('src/index.ts', [`/ask ${question}`], {
    SEEDS_DIR: 'seeds',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    OPENAI_API_KEY: 'sk-test-secret',
    OPENAI_BASE_URL: baseURL,
    OPENAI_MODEL: 'test-model',
    LLM_TIMEOUT_MS: '2000',
  });
}

/** The text of passage n as the model was shown it. */
function passage(request: RecordedRequest, n: number): string {
  const prompt = JSON.stringify(request.body);
  const match = new RegExp(`<passage n=\\\\"${n}\\\\"[^>]*>([^<]*)</passage>`).exec(prompt);
  if (!match) throw new Error(`passage ${n} not in the prompt`);
  return (JSON.parse(`"${match[1]!}"`) as string).trim();
}

describe('/ask with a model configured', () => {
  it('answers with the verified model text, cites it and names the model', async () => {
    fake.reply((request) => ({ content: `${passage(request, 1)} [1]` }));
    const { code, stdout, stderr } = await ask('when could the meeting happen?');
    expect(code).toBe(0);
    expect(stdout).toContain('[1]');
    expect(stdout).toContain('Answered by test-model');
    expect(stderr).not.toContain('sk-test-secret');
  });

  it('falls back to the extractive answer with a one-line note when the model fails', async () => {
    fake.reply({ status: 500 }, { status: 500 }, { status: 500 });
    const { code, stdout } = await ask('when could the meeting happen?');
    expect(code).toBe(0);
    expect(stdout).toMatch(/within a week|as soon as next week/);
    expect(stdout).not.toContain('Answered by');
  });

  it('never shows a sentence the articles do not support', async () => {
    fake.reply({ content: 'The summit will be held on the Moon next Tuesday [1].' });
    const { stdout } = await ask('when could the meeting happen?');
    expect(stdout).not.toContain('Moon');
  });

  it('never logs the API key a provider echoes back in its error', async () => {
    const echo = { status: 401, message: 'Incorrect API key provided: sk-test-secret. Check your key.' };
    fake.reply(echo, echo, echo);
    const { code, stderr } = await ask('when could the meeting happen?');
    expect(code).toBe(0);
    expect(stderr).toContain('Incorrect API key provided');
    expect(stderr).not.toContain('sk-test-secret');
  });

  it('never logs the password inside OPENAI_BASE_URL, even in connection errors and their stacks', async () => {
    const withPassword = fake.baseURL.replace('http://', 'http://desk:hunter2-password@');
    const { code, stderr } = await ask('when could the meeting happen?', withPassword);
    expect(code).toBe(0);
    expect(stderr).toContain('"err"');
    expect(stderr).not.toContain('hunter2-password');
    expect(stderr).not.toContain('hunter2%2Dpassword');
  });
});
